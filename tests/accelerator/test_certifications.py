from datetime import date

import pytest
from pydantic import ValidationError

from accelerator.guidance.certifications import (
    LEVELS,
    Catalogue,
    catalogue,
    certification,
    certifications_for,
    retired_certifications_table,
    role_certifications_table,
)
from accelerator.guidance.roles import roles
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize("role", roles(), ids=lambda r: r.id)
def test_every_role_gets_at_least_one_active_certification_in_level_order(role):
    certs = certifications_for(role.id)
    assert certs, role.id
    assert all(c.status == "active" and c.retired is None for c in certs)
    levels = [LEVELS.index(c.level) for c in certs]
    assert levels == sorted(levels)


def test_a_prerequisite_comes_before_the_exam_that_needs_it():
    for role in roles():
        exams = [c.exam for c in certifications_for(role.id)]
        for cert in certifications_for(role.id):
            if cert.prerequisite in exams:
                assert exams.index(cert.prerequisite) < exams.index(cert.exam)


def test_retired_exams_are_never_recommended_but_their_successors_are():
    assert certification("DP-203").retired == date(2025, 3, 31)
    assert certification("DP-203").replaced_by == "DP-700"
    assert certification("AI-102").retired == date(2026, 6, 30)
    data_engineer = [c.exam for c in certifications_for("data-engineer")]
    assert "DP-203" not in data_engineer and "DP-700" in data_engineer
    ml_engineer = [c.exam for c in certifications_for("ml-engineer")]
    assert "AI-102" not in ml_engineer and "AI-103" in ml_engineer


def test_the_roles_named_in_the_data_exist_and_the_catalogue_carries_its_check_date():
    ids = {r.id for r in roles()}
    for cert in catalogue().certifications:
        assert set(cert.roles) <= ids, cert.exam
    assert catalogue().checked >= date(2026, 1, 1)


def _entry(**changes):
    base = {
        "exam": "XX-100",
        "title": "Microsoft Certified: Example",
        "level": "associate",
        "status": "active",
        "roles": ["data-scientist"],
        "covers": "x",
        "learn": "x",
    }
    return base | changes


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_entry(status="retired")], "a retired exam needs 'retired' and 'replaced_by'"),
        ([_entry(retired="2025-01-01", replaced_by="XX-100")], "an active exam has neither"),
        ([_entry(), _entry()], "listed twice"),
        ([_entry(prerequisite="ZZ-999")], "refers to ZZ-999, which is not an active exam"),
        (
            [_entry(status="retired", retired="2027-01-01", replaced_by="YY-200"),
             _entry(exam="YY-200")],
            "retires after the check date",
        ),
    ],
)  # fmt: skip
def test_inconsistent_catalogues_are_refused_with_the_exam_named(entries, message):
    with pytest.raises(ValidationError, match=message):
        Catalogue.model_validate({"checked": "2026-12-02", "certifications": entries})


def test_unknown_exam_and_unknown_role_are_refused():
    with pytest.raises(KeyError, match="ZZ-999"):
        certification("ZZ-999")
    with pytest.raises(KeyError):
        certifications_for("wizard")


def test_tables_render_one_row_per_role_and_per_retired_exam_with_links():
    rows = table_rows(role_certifications_table())
    assert [r[0] for r in rows] == [f"**{r.name}**" for r in roles()]
    assert "https://learn.microsoft.com/credentials/certifications/exams/dp-100/" in rows[0][1]
    assert "https://learn.microsoft.com/training/browse/?terms=" in rows[0][3]
    retired = table_rows(retired_certifications_table().split("\n\n")[0])
    assert [r[0].split()[0] for r in retired] == ["~~AI-102~~", "~~DP-203~~"]
    assert retired_certifications_table().endswith(f"{catalogue().checked.isoformat()}.")
