"""``assess`` with a bad answers file (issue 13, item 9): exit 2 and one sentence, no traceback.

YAML errors quote the offending lines, so the message says where the file breaks, never what
it holds.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accelerator.cli import main as cli

SECRET = "sk-live-0a1b2c3d4e5f"

# name -> (file bytes, expected fragment)
BAD_ANSWERS: dict[str, tuple[bytes, str]] = {
    "broken-yaml": (f"token: {SECRET}\nq1: [\n".encode(), "not valid YAML or JSON (line 3"),
    "broken-json": (b'{"q1": true,', "not valid YAML or JSON"),
    "tab-indented-yaml": (f"a:\n\t- {SECRET}\n".encode(), "not valid YAML or JSON (line 2"),
    "not-utf8": (b"q1: \xff\xfe true\n", "not UTF-8 text"),
    "a-list": (b"- true\n- false\n", "expected a mapping of question id to true/false"),
    "number-keys": (b"1: true\nx: false\n", "unknown question id(s): 1, x"),
    "long-unknown-id": (f"{SECRET * 10}: true\n".encode(), "unknown question id(s): sk-live"),
}


@pytest.mark.parametrize("case", sorted(BAD_ANSWERS))
def test_a_bad_answers_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], case: str
) -> None:
    content, fragment = BAD_ANSWERS[case]
    answers = tmp_path / "answers.yaml"
    answers.write_bytes(content)
    assert cli(["assess", "--answers", str(answers)]) == 2
    captured = capsys.readouterr()
    assert fragment in captured.err
    assert "Traceback" not in captured.err + captured.out
    assert len(captured.err.strip().splitlines()) == 1
    assert len(captured.err) < 300
    assert SECRET * 2 not in captured.err


def test_a_folder_as_the_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli(["assess", "--answers", str(tmp_path)]) == 2
    assert "Is a directory" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("name", "reason"),
    [("missing.yaml", "No such file or directory"), ("a" * 300 + ".yaml", "File name too long")],
    ids=["missing", "name-too-long"],
)
def test_an_answers_file_that_cannot_be_read_is_named_with_the_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, reason: str
) -> None:
    answers = tmp_path / name
    assert cli(["assess", "--answers", str(answers)]) == 2
    assert capsys.readouterr().err == f"error: cannot read --answers {answers}: {reason}\n"


def test_an_option_given_twice_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """``--answers a.yaml --answers b.yaml`` scored b alone; both files are named instead."""
    with pytest.raises(SystemExit) as stopped:
        cli(["assess", "--answers", "a.yaml", "--answers", "b.yaml"])
    assert stopped.value.code == 2
    last = capsys.readouterr().err.strip().splitlines()[-1]
    assert last.endswith(
        "argument --answers: given twice (a.yaml, then b.yaml); it takes one value, and only "
        "the last would have been used"
    )
