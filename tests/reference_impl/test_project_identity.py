"""``config/project.yaml``: a bad identity is refused in one sentence that names the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from reference_impl.config.deployments import PROJECT_FILE, SCORING_CODE, deployments
from reference_impl.config.project import load_project
from tests.reference_impl.package_copy import edited_copy, run_copy


def identity_with(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "project.yaml"
    path.write_text(PROJECT_FILE.read_text().replace(
        next(line for line in PROJECT_FILE.read_text().splitlines()
             if line.startswith("deployments:")),
        text,
    ))  # fmt: skip
    return path


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("deployments: []", "deployments: Tuple should have at least 1 item"),
        ("deployments: [online, online]", "deployments: name each deployment once"),
        ("deployments: [edge]", "deployments.0: Input should be 'online' or 'batch'"),
    ],
)
def test_bad_deployments_are_refused_naming_the_key(tmp_path: Path, line: str, message: str):
    path = identity_with(tmp_path, line)
    with pytest.raises(ValueError, match="^" + re.escape(str(path)) + ": ") as caught:
        load_project(path)
    assert message in str(caught.value)
    with pytest.raises(ValueError, match="deployments"):
        deployments(path)  # the quick reader of the command line says the same


def test_a_kind_without_its_scoring_code_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kind = deployments()[0]  # whichever kind this project has
    monkeypatch.setitem(SCORING_CODE, kind, "scoring/not_generated.py")
    with pytest.raises(ValueError) as caught:
        load_project(identity_with(tmp_path, f"deployments: [{kind}]"))
    assert f"{kind} needs scoring/not_generated.py, which this project was generated without" in (
        str(caught.value)
    )
    assert "copier update --defaults --data deployment=both" in str(caught.value)
    with pytest.raises(ValueError, match="which this project was generated without"):
        deployments(identity_with(tmp_path, f"deployments: [{kind}]"))


def test_the_command_line_names_a_missing_kind_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from reference_impl.cli import main

    load_project()  # a valid identity read earlier in the process does not hide the problem
    kind = deployments()[0]
    monkeypatch.setitem(SCORING_CODE, kind, "scoring/not_generated.py")
    assert main(["--help"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and err.count("\n") == 1
    assert f"{kind} needs scoring/not_generated.py" in err


def test_the_quick_reader_agrees_with_the_validated_file(tmp_path: Path) -> None:
    assert deployments() == load_project().deployments
    kind = deployments()[-1]  # whichever kind this project has
    block = identity_with(tmp_path, f"deployments:\n  - {kind}")  # YAML's other list form
    assert deployments(block) == load_project(block).deployments == (kind,)
    assert yaml.safe_load(block.read_text())["deployments"] == [kind]


# name -> (what stands at config/project.yaml, the sentence after "project identity {path}: ")
UNREADABLE_IDENTITIES = {
    "missing": (None, "file not found"),
    "folder": ("folder", "cannot read the file: Is a directory"),
    "not-utf8": (b"name: demo\n# caf\xe9\n", "line 2 is not UTF-8 text; save the file as UTF-8"),
    "broken-yaml": (
        b'name: demo\nsecret: "s3cr3t\n',
        "not valid YAML at line 3, column 1: found unexpected end of stream "
        "(while scanning a quoted scalar from line 2)",
    ),
}


@pytest.mark.parametrize("case", sorted(UNREADABLE_IDENTITIES))
def test_an_identity_that_cannot_be_read_is_named_in_one_sentence(tmp_path: Path, case: str):
    content, reason = UNREADABLE_IDENTITIES[case]
    path = tmp_path / "project.yaml"
    if content == "folder":
        path.mkdir()
    elif content is not None:
        path.write_bytes(content)
    expected = f"project identity {path}: {reason}"
    for read in (load_project, deployments):  # the command line's quick reader says the same
        with pytest.raises(ValueError) as caught:
            read(path)
        assert str(caught.value) == expected  # one line, no "s3cr3t" from the file's text


BROKEN_RULES = {
    "one-name-for-both-outputs": (
        {
            "  decision: ": "  decision: same_name\n",
            "  probability: ": "  probability: same_name\n",
        },
        "outputs: probability and decision are both 'same_name': give each output "
        "a name of its own",
    ),
    "output-name-with-a-space": (
        {"  probability: ": "  probability: churn prob\n"},
        "outputs.probability: expected 1 to 41 lowercase letters, digits and underscores",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_RULES))
def test_an_identity_that_breaks_a_rule_stops_every_command_in_one_sentence(
    tmp_path: Path, case: str
) -> None:
    """A valid YAML file breaking a rule (two outputs of one name, a name with a space) ended
    every command but ``--help`` in a traceback: the file is first read while the environment's
    configuration is checked, which caught only its own errors."""
    edits, sentence = BROKEN_RULES[case]
    package = edited_copy(tmp_path, "config/project.yaml", edits)
    identity = package / "config" / "project.yaml"
    for command in (["config"], ["train", "--workdir", "work"]):
        done = run_copy(package, *command)
        assert done.returncode == 2, done.stderr
        assert done.stderr.startswith(f"error: {identity}: ") and done.stderr.count("\n") == 1
        assert sentence in done.stderr
    assert not (tmp_path / "work").exists()
