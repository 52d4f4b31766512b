"""Claims of docs/technology/deployment.md."""

import json

from examples.technology.deployment import request_errors, score_in_process
from reference_impl.contract import load_contract
from tests.docs.page_commands import ROOT

NUMBERS = {10: "ten", 11: "eleven", 12: "twelve"}


def test_entry_script_scores_the_sample_and_answers_400_to_a_bad_type(capsys):
    score_in_process.main()
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("{'predictions': [{'churn_probability': 0.")
    assert "'threshold': 0.35" in first
    status, body = second.split(" ", 1)
    assert status == "400"
    assert json.loads(body) == {"message": "row 0, field 'age': expected a number, got text '55'"}


def test_every_malformed_request_is_a_4xx_naming_the_problem(capsys):
    request_errors.main()
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 9
    assert [line.split()[0] for line in lines] == ["400"] * 8 + ["413"]
    assert "unexpected field(s) shoe_size" in lines[2]
    assert lines[3] == "400 row 0: unexpected field(s) customer_id"  # the id is no feature
    assert "missing field(s) plan" in lines[4]
    assert "'moon' is not one of north, south, east, west" in lines[7]


def test_the_request_table_says_the_id_column_is_no_field():
    page = (ROOT / "docs" / "technology" / "deployment.md").read_text(encoding="utf-8")
    row = next(line for line in page.splitlines() if line.startswith("| each object |"))
    assert "not its `id_column`" in row
    assert f"exactly the {NUMBERS[len(load_contract().features)]} feature fields" in row
