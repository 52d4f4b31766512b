import io
import json

import pytest

from accelerator.cli import main as cli
from accelerator.commands import assess as command
from accelerator.guidance.assessment import CONTOSO_ANSWERS, assess, load_answers
from accelerator.guidance.questionnaire import questionnaire

N_QUESTIONS = len(questionnaire().questions())


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_text_output_lists_levels_overall_and_numbered_gaps(capsys):
    assert cli(["assess", "--answers", str(CONTOSO_ANSWERS)]) == 0
    out = capsys.readouterr().out
    assert "Model release             0" in out
    assert "Overall: level 0, No MLOps (set by the weakest dimension, Model release)" in out
    assert " 1. Model release -> level 1:" in out
    assert "read: docs/process/handover.md, accelerator.guidance.readiness" in out


def test_json_output_matches_the_scoring_function(capsys):
    assert cli(["assess", "--answers", str(CONTOSO_ANSWERS), "--format", "json"]) == 0
    payload = json.loads(capsys.readouterr().out)
    expected = assess(load_answers(CONTOSO_ANSWERS))
    assert payload["levels"] == {s.dimension: s.level for s in expected.scores}
    assert [g["question"] for g in payload["gaps"]] == [g.question.id for g in expected.gaps]


def test_all_yes_prints_no_gaps(tmp_path, capsys):
    answers = tmp_path / "all.yaml"
    answers.write_text("\n".join(f"{q.id}: true" for q in questionnaire().questions()))
    assert cli(["assess", "--answers", str(answers)]) == 0
    assert "No gaps" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("people-hug: true\n", "unknown question id"),
        ("people-named-owner: maybe\n", "must be true or false"),
        ("[1, 2]\n", "expected a mapping"),
    ],
)
def test_bad_answers_files_exit_2_with_a_message(tmp_path, capsys, content, message):
    path = tmp_path / "answers.yaml"
    path.write_text(content)
    assert cli(["assess", "--answers", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_missing_file_exits_2(tmp_path, capsys):
    assert cli(["assess", "--answers", str(tmp_path / "nope.yaml")]) == 2
    assert "error:" in capsys.readouterr().err


def test_without_answers_and_without_a_terminal_it_refuses(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n" * N_QUESTIONS))
    assert cli(["assess"]) == 2
    assert "standard input is not a terminal" in capsys.readouterr().err


def test_on_a_terminal_it_asks_every_question(monkeypatch, capsys):
    replies = ["maybe", "y"] + ["yes"] * (N_QUESTIONS - 1)
    monkeypatch.setattr("sys.stdin", FakeTerminal("\n".join(replies) + "\n"))
    assert cli(["assess", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert out.count("[y/N]") == N_QUESTIONS + 1  # one question asked twice
    assert "please answer y or n" in out
    payload = json.loads(out[out.index("{") :])
    assert payload["overall"] == 4


def test_ask_treats_empty_replies_and_end_of_input_as_no():
    out = io.StringIO()
    answers = command.ask(io.StringIO("\ny\n"), out)
    ids = [q.id for q in questionnaire().questions()]
    assert answers[ids[0]] is False and answers[ids[1]] is True
    assert not any(answers[qid] for qid in ids[2:])
    assert len(answers) == N_QUESTIONS
