import pytest
from pydantic import ValidationError

from accelerator.guidance.organisation import contoso, organisation, organisations
from tests.accelerator.helpers import org


def test_contoso_facts_used_across_the_site():
    c = contoso()
    assert [u.name for u in c.business_units] == ["Motor", "Home", "Life"]
    assert c.data_scientists == 12
    assert c.regions == ("westeurope", "uksouth")
    assert c.regulated and c.separate_prod_subscription and c.central_platform_team


def test_example_organisation_names_are_unique():
    names = [o.name for o in organisations()]
    assert len(names) == len(set(names)) >= 4


def test_unknown_organisation_is_a_key_error():
    with pytest.raises(KeyError, match="no example organisation"):
        organisation("Nobody Ltd")


def test_regions_are_distinct_in_unit_order():
    o = org([("A", 1, "uksouth"), ("B", 1, "westeurope"), ("C", 1, "uksouth")])
    assert o.regions == ("uksouth", "westeurope")


def test_an_organisation_needs_a_business_unit():
    with pytest.raises(ValidationError):
        org([])
