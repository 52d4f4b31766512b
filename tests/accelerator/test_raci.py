import csv
import io

import pytest

from accelerator.guidance.raci import (
    RaciActivity,
    accountable_for,
    activity,
    duties_of,
    raci,
    raci_csv,
    raci_table,
)
from accelerator.guidance.roles import role_ids, roles
from tests.accelerator.helpers import table_rows


@pytest.mark.parametrize("act", raci(), ids=lambda a: a.id)
def test_exactly_one_accountable_and_at_least_one_responsible(act):
    assert len(act.holders("A")) == 1
    assert len(act.holders("R")) >= 1


@pytest.mark.parametrize("act", raci(), ids=lambda a: a.id)
def test_every_role_id_is_known(act):
    assert set(act.roles) <= role_ids()


def test_every_role_is_used_somewhere():
    used = {role_id for act in raci() for role_id in act.roles}
    assert used == role_ids()


def test_activity_ids_are_unique():
    ids = [a.id for a in raci()]
    assert len(ids) == len(set(ids))


def test_accountable_for_names_the_role():
    assert accountable_for("approve-release").id == "ml-product-owner"
    assert accountable_for("responsible-ai-review").id == "model-risk-reviewer"


def test_accountable_for_rejects_broken_data(monkeypatch):
    broken = RaciActivity(
        id="x", activity="x", stage="plan", roles={"data-scientist": "A", "ml-engineer": "AR"}
    )
    monkeypatch.setattr("accelerator.guidance.raci.raci", lambda: (broken,))
    with pytest.raises(ValueError, match="expected one accountable role"):
        accountable_for("x")


def test_unknown_activity_is_a_key_error():
    with pytest.raises(KeyError):
        activity("dance")


def test_duties_of_counts_ar_as_both_a_and_r():
    duties = duties_of("data-scientist")
    assert "experiment" in duties["A"] and "experiment" in duties["R"]
    assert "approve-release" in duties["I"]
    assert set(duties) == {"A", "R", "C", "I"}


def test_matrix_and_csv_have_one_row_per_activity_and_one_column_per_role():
    rows = table_rows(raci_table())
    assert len(rows) == len(raci())
    assert all(len(r) == 2 + len(roles()) for r in rows)
    assert rows[0][1] == raci()[0].activity
    parsed = list(csv.reader(io.StringIO(raci_csv())))
    assert parsed[0] == ["stage", "activity_id", "activity", *(r.id for r in roles())]
    assert [row[1] for row in parsed[1:]] == [a.id for a in raci()]
    assert "A/R" in parsed[1] and "AR" not in parsed[1]
