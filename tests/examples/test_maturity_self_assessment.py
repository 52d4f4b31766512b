"""Claims of docs/maturity/self-assessment.md."""

import json

from examples.maturity.self_assessment import run_assess_command


def test_command_scores_contoso_answers_as_json_and_exits_zero(capsys):
    run_assess_command.main()
    out = capsys.readouterr().out
    body, last = out.rsplit("\n", 2)[0], out.strip().splitlines()[-1]
    payload = json.loads(body)
    assert last == "exit code: 0"
    assert payload["levels"] == {
        "people": 1,
        "model-creation": 1,
        "model-release": 0,
        "application-integration": 1,
    }
    assert payload["overall"] == 0
    assert payload["gaps"][0]["question"] == "release-written-procedure"
