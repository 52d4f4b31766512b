"""Bad arguments to the commands (issue 13, item 9): exit 2 and one sentence, never a traceback.

``--set`` with a value that is not YAML, a non-finite float or ``true`` for a number; a model
name that would walk out of ``models/<name>`` in ``promote``, or break the endpoint names in
``deploy``; an output path that cannot be written.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from reference_impl.config import ConfigError, apply_overrides, load_config
from reference_impl.config.loader import CONFIG_DIR, load_config_file
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.lifecycle.conftest import Lifecycle, call


def refused_by_argparse(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """Run the command line on ``argv``; argparse must stop it with exit 2. Its last line."""
    from reference_impl.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == ExitCode.USAGE
    return capsys.readouterr().err.strip().splitlines()[-1]


# name -> (override, expected fragment)
BAD_OVERRIDES: dict[str, tuple[str, str]] = {
    "yaml-open-bracket": ("model.params.max_iter=[", "not a valid YAML scalar"),
    "yaml-open-brace": ("model.params.learning_rate={a: 1", "not a valid YAML scalar"),
    "yaml-open-quote": ('gate.metric="roc_auc', "not a valid YAML scalar"),
    "yaml-tab-indent": ("training.seed=a:\n\t- b", "not a valid YAML scalar"),
    "infinity": ("monitoring.psi_threshold=.inf", "psi_threshold: Input should be a finite number"),
    "minus-infinity": ("gate.min_improvement=-.inf", "min_improvement: Input should be a finite"),
    "not-a-number": ("gate.min_roc_auc=.nan", "min_roc_auc: Input should be a finite"),
    "true-for-integer": (
        "training.holdout_percent=true",
        "holdout_percent: expected a number",
    ),
    "false-for-integer": ("training.seed=false", "seed: expected a number, got false"),
    "yes-for-integer": ("data.min_rows=yes", "min_rows: expected a number, got true"),
    "true-for-float": ("evaluation.threshold=true", "threshold: expected a number"),
    # pydantic named each kind a parameter may be (integer, number, string, boolean) in turn
    "param-date": (
        "model.params.max_iter=2024-01-01",
        "model.params: max_iter: 2024-01-01 is not a number, a word, true/false, null, a list "
        "or a mapping (quote a date to pass it as a word)",
    ),
    "param-infinity": ("model.params.learning_rate=.inf", "learning_rate: inf is not a finite"),
    "param-infinity-in-a-mapping": (
        "model.params.class_weight={0: 1, 1: .inf}",
        "model.params: class_weight: inf is not a finite number",
    ),
    # each of these trained, or stopped blaming another key
    "min-above-max": ("compute.min_instances=3", "min_instances (3) is above max_instances (2)"),
    "seed-beyond-numpy": (
        "training.seed=4294967296",
        "training.seed: Input should be less than or equal to 4294967295",
    ),
    "drift-unreachable": (
        "monitoring.min_drifted_features=500",
        "monitoring.min_drifted_features is 500, but the contract has",
    ),
    # the answer quoted the field's regular expression
    "off-pattern": (
        "compute.size=big",
        "compute.size: expected a VM size: Azure names them like Standard_DS3_v2",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_OVERRIDES))
def test_a_bad_override_is_a_usage_error(tmp_path: Path, case: str) -> None:
    item, fragment = BAD_OVERRIDES[case]
    workdir = tmp_path / "workdir"
    code, out, err = call(["train", "--workdir", str(workdir), "--set", item])
    assert code == ExitCode.USAGE, out + err
    assert fragment in err
    assert "Traceback" not in out + err
    assert "Value error" not in err  # pydantic's word before a validator's own sentence
    assert "should match pattern" not in err
    assert len(err.strip().splitlines()) == 1
    assert not workdir.exists()  # refused before anything was created


def test_good_overrides_still_apply() -> None:
    config = apply_overrides(
        load_config("dev"),
        ["model.params.max_iter=3", "monitoring.psi_threshold=0.3", "evaluation.threshold=0.5"],
    )
    assert (config.model.params["max_iter"], config.monitoring.psi_threshold) == (3, 0.3)


def test_a_boolean_number_in_the_config_file_is_refused(tmp_path: Path) -> None:
    data = yaml.safe_load((CONFIG_DIR / "dev.yaml").read_text())
    data["training"]["holdout_percent"] = True
    path = tmp_path / "dev.yaml"
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(ConfigError, match="holdout_percent: expected a number, got true"):
        load_config_file(path)


BAD_MODEL_NAMES = {
    "path-traversal": "models/../../etc/passwd",
    "dot-dot": "..",
    "slash": "a/b",
    "backslash": "a\\b",
    "space": "churn model",
    "newline": "churn\nmodel",
    "leading-dash": "-churn",
    "empty": "",
    "too-long": "m" * 300,
}


@pytest.mark.parametrize("case", sorted(BAD_MODEL_NAMES))
def test_promote_refuses_a_model_name_that_is_not_one(tmp_path: Path, case: str) -> None:
    name = BAD_MODEL_NAMES[case]
    argv = ["promote", f"--model={name}", "--version", "1", "--from", "dev", "--to", "test"]
    code, out, err = call([*argv, "--dry-run", "--out", str(tmp_path / "plan")])
    assert code == ExitCode.USAGE, out + err
    assert "is not a registered model name" in err
    assert "Traceback" not in out + err
    assert out == ""  # no plan printed
    assert len(err) < 300
    assert not (tmp_path / "plan").exists()


def test_promote_dry_run_plans_a_good_name(tmp_path: Path) -> None:
    argv = ["promote", "--model", "contoso.model_2", "--version", "1", "--from", "dev"]
    code, out, err = call([*argv, "--to", "test", "--dry-run"])
    assert code == ExitCode.OK, err
    assert "copy it to registry" in out


@pytest.mark.parametrize(
    ("name", "fragment"),
    [
        ("bad name!", "is not a registered model name"),
        ("models/../x", "is not a registered model name"),
        ("x" * 300, "is not a registered model name"),
        ("a-model-name-far-too-long-for-an-endpoint", "breaks Azure ML's rule"),
        ("model.with.dots", "breaks Azure ML's rule"),
    ],
)
def test_deploy_refuses_an_invalid_model_name(tmp_path: Path, name: str, fragment: str) -> None:
    argv = ["deploy", "--env", "dev", "--model", name, "--version", "1"]
    code, out, err = call([*argv, "--dry-run", "--out", str(tmp_path / "out")])
    assert code == ExitCode.USAGE, out + err
    assert fragment in err
    assert "Traceback" not in out + err
    assert not (tmp_path / "out").exists()


# name -> (--output below tmp_path, extra arguments, the reason given; {tmp} is tmp_path)
UNWRITABLE_OUTPUTS: dict[str, tuple[str, tuple[str, ...], str]] = {
    "folder-for-csv": ("folder", (), "it is a folder, not a file"),
    "file-for-parquet": (
        "file.csv",
        ("--format", "parquet"),
        "it is a file, not a folder",
    ),
    "under-a-file": ("file.csv/predictions.csv", (), "{tmp}/file.csv is a file"),
    "name-too-long": ("a" * 300 + ".csv", (), "File name too long"),
}


@pytest.mark.batch
@pytest.mark.parametrize("case", sorted(UNWRITABLE_OUTPUTS))
def test_an_output_that_cannot_be_written_is_refused_before_scoring(
    lifecycle: Lifecycle, tmp_path: Path, case: str
) -> None:
    from reference_impl.data import BATCH_DIR

    relative, extra, reason = UNWRITABLE_OUTPUTS[case]
    (tmp_path / "folder").mkdir()
    (tmp_path / "file.csv").write_text("kept\n")
    output = tmp_path / relative
    args = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(BATCH_DIR)]
    code, out, err = call([*args, "--output", str(output), *extra])
    assert code == ExitCode.USAGE, out + err
    assert err == f"error: cannot write --output {output}: {reason.format(tmp=tmp_path)}\n"
    assert out == ""  # nothing scored
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.csv", "folder"]
    assert (tmp_path / "file.csv").read_text() == "kept\n"


@pytest.mark.batch
def test_an_output_the_system_refuses_is_named_after_scoring(lifecycle: Lifecycle) -> None:
    from reference_impl.data import BATCH_DIR

    output = "/proc/predictions.csv"  # a folder that takes no new file, whoever asks
    args = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(BATCH_DIR)]
    code, out, err = call([*args, "--output", output])
    assert code == ExitCode.USAGE, out + err
    assert err == f"error: cannot write --output {output}: No such file or directory\n"
    assert "Traceback" not in out + err


def infer_args() -> list[str]:
    """``contract infer`` on the bundled sample, with the shipped contract's label and id."""
    from reference_impl.contract import load_contract
    from reference_impl.data import TRAINING_DATA

    contract = load_contract()
    return ["contract", "infer", "--data", str(TRAINING_DATA), "--label", contract.label,
            "--task", contract.task, "--id", contract.id_column]  # fmt: skip


def test_contract_infer_names_an_out_it_cannot_write(tmp_path: Path) -> None:
    (tmp_path / "file.yaml").write_text("kept\n")
    out_path = tmp_path / "file.yaml" / "contract.yaml"
    code, out, err = call([*infer_args(), "--out", str(out_path)])
    assert code == ExitCode.USAGE, out + err
    assert err == f"error: cannot write --out {out_path}: {tmp_path}/file.yaml is a file\n"
    assert (tmp_path / "file.yaml").read_text() == "kept\n"


def test_contract_infer_makes_the_folder_of_its_out(tmp_path: Path) -> None:
    out_path = tmp_path / "contracts" / "new" / "contract.yaml"
    code, out, err = call([*infer_args(), "--out", str(out_path)])
    assert code == ExitCode.OK, out + err
    from reference_impl.contract import load_contract

    assert yaml.safe_load(out_path.read_text())["label"] == load_contract().label
    assert os.listdir(out_path.parent) == ["contract.yaml"]


@pytest.mark.parametrize(
    "argv",
    [
        ["train"],
        pytest.param(["serve"], marks=pytest.mark.online),
        pytest.param(["monitor", "--current", "{batch}/week-01.csv"], marks=pytest.mark.online),
        pytest.param(["batch-score", "--input", "{batch}", "--output", "{tmp}/p.csv"],
                     marks=pytest.mark.batch),
    ],
    ids=lambda argv: argv[0],
)  # fmt: skip
def test_a_workdir_that_is_a_file_is_a_usage_error(tmp_path: Path, argv: list[str]) -> None:
    from reference_impl.data import BATCH_DIR

    taken = tmp_path / "workdir"
    taken.write_text("kept\n")
    args = [a.format(batch=BATCH_DIR, tmp=tmp_path) for a in argv]
    code, out, err = call([*args, "--workdir", str(taken)])
    assert code == ExitCode.USAGE, out + err
    assert err == f"error: cannot use --workdir {taken}: it is a file, not a folder\n"
    assert taken.read_text() == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["workdir"]


@pytest.mark.online
def test_serve_on_a_port_another_process_listens_on_is_a_usage_error(tmp_path: Path) -> None:
    workdir = tmp_path / "workdir"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        number = taken.getsockname()[1]
        code, out, err = call(["serve", "--workdir", str(workdir), "--port", str(number)])
    assert code == ExitCode.USAGE, out + err
    assert err == (
        f"error: port {number} on 127.0.0.1 is in use (is another serve running?); stop that "
        "process or choose another --port\n"
    )
    assert out == "" and not workdir.exists()  # nothing started, nothing copied


@pytest.mark.online
@pytest.mark.parametrize("number", ["0", "65536", "http"])
def test_serve_refuses_a_port_number_that_is_not_one(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], number: str
) -> None:
    argv = ["serve", "--workdir", str(tmp_path / "workdir"), "--port", number]
    message = refused_by_argparse(argv, capsys)
    assert message.endswith(
        f"argument --port: {number!r} is not a port: use a number from 1 to 65535"
    )


@pytest.mark.parametrize("wait", ["nan", "-1", "soon"])
def test_train_refuses_a_lock_wait_that_is_not_seconds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], wait: str
) -> None:
    workdir = tmp_path / "workdir"  # nan: no deadline is ever past, the wait would hang
    message = refused_by_argparse(["train", "--workdir", str(workdir), "--lock-wait", wait], capsys)
    assert message.endswith(
        f"argument --lock-wait: {wait!r} is not a number of seconds: use 0 or more (inf waits "
        "as long as it takes)"
    )
    assert not workdir.exists()


LONG = "a" * 300  # a name may hold 255 bytes: the system refuses to look this one up


def test_a_workdir_that_is_a_loop_of_links_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "workdir").symlink_to("loop")  # each leads to the other
    (tmp_path / "loop").symlink_to("workdir")
    code, out, err = call(["train", "--workdir", str(tmp_path / "workdir")])
    assert code == ExitCode.USAGE, out + err
    assert err == (
        f"error: cannot use --workdir {tmp_path / 'workdir'}: it is a symbolic link that leads "
        "to no folder\n"
    )


# name -> (arguments, {long} and {loop} being paths in {inputs}; exit code; the one sentence)
UNREADABLE_PATHS: dict[str, tuple[list[str], int, str]] = {
    "batch-score-input": (
        ["batch-score", "--input", "{long}.csv", "--output", "{inputs}/p.csv"],
        ExitCode.BAD_DATA,
        "cannot read the file: File name too long",
    ),
    "batch-score-input-loop": (  # no suffix: it was told to name a .csv or .parquet file
        ["batch-score", "--input", "{loop}", "--output", "{inputs}/p.csv"],
        ExitCode.BAD_DATA,
        "--input {loop}: cannot read the file: Too many levels of symbolic links",
    ),
    "monitor-current": (
        ["monitor", "--current", "{long}.csv"],
        ExitCode.BAD_DATA,
        "cannot read the file: File name too long",
    ),
    "monitor-collected": (
        ["monitor", "--collected", "{long}"],
        ExitCode.BAD_DATA,
        "cannot monitor: {long}: File name too long",
    ),
    "train-data-loop": (
        ["train", "--data", "{loop}"],
        ExitCode.BAD_DATA,
        "cannot read the file: Too many levels of symbolic links",
    ),
    "train-contract": (
        ["train", "--contract", "{long}.yaml"],
        ExitCode.USAGE,
        "contract {long}.yaml: cannot read the file: File name too long",
    ),
    "train-contract-folder": (
        ["train", "--contract", "{inputs}"],
        ExitCode.USAGE,
        "contract {inputs}: cannot read the file: Is a directory",
    ),
}
MARKS = {
    "batch-score-input": pytest.mark.batch,
    "batch-score-input-loop": pytest.mark.batch,
    "monitor-current": pytest.mark.online,
    "monitor-collected": pytest.mark.online,
}


@pytest.mark.parametrize(
    "case", [pytest.param(c, marks=MARKS.get(c, ())) for c in sorted(UNREADABLE_PATHS)]
)
def test_a_path_that_cannot_be_read_is_named_in_one_sentence(
    lifecycle: Lifecycle, tmp_path: Path, case: str
) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "loop").symlink_to("loop-back")  # each leads to the other
    (inputs / "loop-back").symlink_to("loop")
    argv, exit_code, reason = UNREADABLE_PATHS[case]
    names = {"long": inputs / LONG, "loop": inputs / "loop", "inputs": inputs}
    args = [a.format(**names) for a in argv]
    # train gets a working directory of its own; the others need the shared one's champion
    workdir = tmp_path / "workdir" if argv[0] == "train" else lifecycle.workdir
    code, out, err = call([*args, "--workdir", str(workdir)])
    assert code == exit_code, out + err
    assert "Traceback" not in out + err
    assert reason.format(**names) in err
    assert sorted(os.listdir(inputs)) == ["loop", "loop-back"]  # nothing written


def test_contract_infer_names_a_sample_it_cannot_look_up(tmp_path: Path) -> None:
    data = tmp_path / f"{LONG}.csv"
    args = ["contract", "infer", "--data", str(data), "--label", "y", "--task", "binary"]
    code, out, err = call([*args, "--id", "id", "--out", str(tmp_path / "contract.yaml")])
    assert code == ExitCode.BAD_DATA, out + err
    assert err == f"error: --data {data}: File name too long\n"
    assert os.listdir(tmp_path) == []


SECRET = "s3cr3t-token"  # pasted into a file by mistake: a message must not quote it
# name -> (the bytes of a hand-written YAML file, the sentence after "{label}: ")
BROKEN_YAML: dict[str, tuple[bytes | None, str]] = {
    "folder": (None, "cannot read the file: Is a directory"),
    "not-utf8": (b"name: dev\n# caf\xe9\n", "line 2 is not UTF-8 text; save the file as UTF-8"),
    "quote-never-closed": (
        f'name: dev\ntoken: "{SECRET}\n'.encode(),
        "not valid YAML at line 3, column 1: found unexpected end of stream "
        "(while scanning a quoted scalar from line 2)",
    ),
    "tab-indent": (
        f"name: dev\ntoken:\n\t- {SECRET}\n".encode(),
        "not valid YAML at line 3, column 1: found character '\\t' that cannot start any token",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN_YAML))
def test_a_yaml_file_that_cannot_be_read_is_named_in_one_sentence(
    tmp_path: Path, case: str
) -> None:
    content, reason = BROKEN_YAML[case]
    folder, workdir = tmp_path / "in", tmp_path / "workdir"
    folder.mkdir()
    config, contract = folder / "dev.yaml", folder / "contract.yaml"
    for path in (config, contract):
        if content is None:
            path.mkdir()
        else:
            path.write_bytes(content)
    for argv, label in (
        (["config", "--config-dir", str(folder)], str(config)),
        (["train", "--contract", str(contract), "--workdir", str(workdir)], f"contract {contract}"),
    ):
        code, out, err = call(argv)
        assert code == ExitCode.USAGE, out + err
        assert (out, err) == ("", f"error: {label}: {reason}\n")  # no traceback, no secret
    assert not workdir.exists()


def test_a_config_dir_that_is_a_file_is_named_in_one_sentence(tmp_path: Path) -> None:
    (tmp_path / "settings").write_text("name: dev\n")
    code, out, err = call(["config", "--config-dir", str(tmp_path / "settings")])
    assert code == ExitCode.USAGE, out + err
    assert (
        err
        == f"error: {tmp_path / 'settings' / 'dev.yaml'}: cannot read the file: Not a directory\n"
    )


# An empty argument, as ``--data "$DATA"`` passes with the variable unset: it would have meant the
# sample data (train), the current folder (``Path("")`` is ``.``) or the option's default (an
# uploaded snapshot for ``--code``, the configured VM size, model or deployment).
EMPTY_ARGUMENTS = {
    "train-data": (["train", "--data", ""], "--data", "a file, a folder or a URI"),
    "train-workdir": (["train", "--workdir", ""], "--workdir", "a file or folder"),
    "train-contract": (["train", "--contract", ""], "--contract", "a file or folder"),
    "monitor-current": (["monitor", "--current", " "], "--current", "a file or folder"),
    "config-dir": (["config", "--config-dir", ""], "--config-dir", "a file or folder"),
    "contract-out": (
        ["contract", "infer", "--data", "d.csv", "--label", "y", "--task", "binary", "--id", "i",
         "--out", ""],
        "--out",
        "a file or folder",
    ),
    "train-code": (["train", "--target", "azureml", "--code", ""], "--code", None),
    "deploy-instance-type": (
        ["deploy", "--env", "dev", "--model", "m", "--version", "1", "--instance-type", "",
         "--dry-run", "--out", "plan"],
        "--instance-type",
        None,
    ),
    "batch-score-input": (
        ["batch-score", "--input", "", "--output", "out.csv"], "--input", "a file or folder"
    ),
    "status-job": (["status", "--job", ""], "--job", None),
    "rollback-model": (["rollback", "--env", "dev", "--model", ""], "--model", None),
    "monitor-deployment": (
        ["monitor", "--target", "azureml", "--deployment", ""], "--deployment", None
    ),
}  # fmt: skip
# Commands that only a project with that kind of deployment has.
NEEDS = {"rollback-model": "online", "monitor-deployment": "online", "batch-score-input": "batch",
         "batch-score-output": "batch"}  # fmt: skip


def marked(cases: dict[str, object]) -> list:
    """The case ids in order, each marked with the kind of deployment its command needs."""
    return [pytest.param(c, marks=getattr(pytest.mark, NEEDS[c])) if c in NEEDS else c
            for c in sorted(cases)]  # fmt: skip


@pytest.fixture
def refused_here(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[[list[str]], str]:
    """Run a command line in an empty folder: argparse's message, and the folder still empty
    (no workdir, no store, no output, nothing sent). An empty path would have pointed there."""
    monkeypatch.chdir(tmp_path)

    def refused(argv: list[str]) -> str:
        message = refused_by_argparse(argv, capsys)
        assert list(tmp_path.iterdir()) == []
        return message

    return refused


@pytest.mark.parametrize("case", marked(EMPTY_ARGUMENTS))
def test_an_empty_argument_is_refused_before_anything_runs(
    refused_here: Callable[[list[str]], str], case: str
) -> None:
    argv, option, what = EMPTY_ARGUMENTS[case]
    hint = f"name {what}" if what else "give a value"  # a path, or a name, size or id
    assert refused_here(argv).endswith(f"argument {option}: it is empty: {hint}")


# A value-taking option typed twice: argparse kept the last value, so ``--data`` twice trained
# on the second file alone and ``--segment`` twice wrote a contract with the second column.
REPEATED_OPTIONS = {
    "train-data": (
        ["train", "--data", "jan.csv", "--data", "feb.csv"], "--data", "jan.csv, then feb.csv"
    ),
    "train-workdir-spelt-with-equals": (
        ["train", "--workdir=a", "--workdir", "b"], "--workdir", "a, then b"
    ),
    "contract-infer-segment": (
        ["contract", "infer", "--data", "s.csv", "--label", "y", "--task", "binary", "--id", "i",
         "--out", "c.yaml", "--segment", "channel", "--segment", "region"],
        "--segment", "channel, then region",
    ),
    "batch-score-output": (
        ["batch-score", "--input", "in", "--output", "a.csv", "--output", "b.csv"],
        "--output", "a.csv, then b.csv",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", marked(REPEATED_OPTIONS))
def test_an_option_given_twice_is_refused_before_anything_runs(
    refused_here: Callable[[list[str]], str], case: str
) -> None:
    argv, option, values = REPEATED_OPTIONS[case]
    assert refused_here(argv).endswith(
        f"argument {option}: given twice ({values}); it takes one value, and only the last "
        "would have been used"
    )


def test_options_meant_to_repeat_still_take_every_value() -> None:
    from reference_impl.cli import build_parser

    args = build_parser().parse_args(
        ["contract", "infer", "--data", "s.csv", "--label", "y", "--task", "binary", "--id", "i",
         "--out", "c.yaml", "--ignore", "a", "--ignore", "b", "--category", "c", "--category", "d"]
    )  # fmt: skip
    assert (args.ignore, args.category) == (["a", "b"], ["c", "d"])
    assert "_options_given" not in vars(args)  # the namespace holds the options' values only
    trained = build_parser().parse_args(["train", "--set", "a=1", "--set", "b=2"])
    assert trained.overrides == ["a=1", "b=2"]


def test_every_option_that_takes_a_value_either_says_repeatable_or_takes_one() -> None:
    import argparse

    from reference_impl.cli import build_parser
    from reference_impl.single_values import OnceParser

    def options(parser: argparse.ArgumentParser) -> list[argparse.Action]:
        found = []
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += [a for sub in action.choices.values() for a in options(sub)]
            elif action.option_strings and action.nargs != 0:  # not a flag such as --dry-run
                found.append(action)
        return found

    taking = options(build_parser())
    repeatable = {a.option_strings[-1] for a in taking if isinstance(a, argparse._AppendAction)}
    assert repeatable == {"--set", "--ignore", "--category"}
    assert all("repeatable" in a.help for a in taking if a.option_strings[-1] in repeatable)
    once = [a for a in taking if a.option_strings[-1] not in repeatable]
    assert len(once) > 20
    assert all(type(a).__name__ == "_StoreOnce" for a in once), [
        (a.option_strings, type(a).__name__) for a in once if type(a).__name__ != "_StoreOnce"
    ]
    assert isinstance(build_parser(), OnceParser)


# A URI where a command reads or writes a local path: as a path, ``abfss://c@a/x`` is the folder
# ``abfss:`` (``//`` collapses), and batch-score said it held no .csv or .parquet files.
URI_ARGUMENTS = {
    "batch-score-input": (
        ["batch-score", "--input", "abfss://lake@contoso.dfs.core.windows.net/churn",
         "--output", "out.csv"],
        "--input",
    ),
    "monitor-current": (["monitor", "--current", "file:///data/week-48.csv"], "--current"),
    "contract-infer-data": (
        ["contract", "infer", "--data", "azureml:customers:3", "--label", "y", "--task",
         "binary", "--id", "i", "--out", "c.yaml"],
        "--data",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", marked(URI_ARGUMENTS))
def test_a_uri_for_a_local_path_is_refused_before_anything_runs(
    refused_here: Callable[[list[str]], str], case: str
) -> None:
    argv, option = URI_ARGUMENTS[case]
    uri = argv[argv.index(option) + 1]
    assert refused_here(argv).endswith(
        f"argument {option}: {uri} is a URI; this option takes a local file or folder (copy "
        "the data down, or let an Azure ML job read the URI)"
    )


DATABRICKS = "dbfs:/mnt/lake/customers"
"""What a Databricks notebook shows for a table's files; it was read as a local folder 'dbfs:'."""
DATABRICKS_SENTENCE = (
    f"{DATABRICKS}: a Databricks file system path, which only a Databricks cluster reads; pass "
    "the storage path behind it (abfss://<container>@<account>.dfs.core.windows.net/<path>, "
    "which an Azure ML job reads) or a copy on this machine"
)


@pytest.mark.parametrize("case", marked(URI_ARGUMENTS))
def test_a_databricks_path_for_a_local_path_is_named_before_anything_runs(
    refused_here: Callable[[list[str]], str], case: str
) -> None:
    argv, option = URI_ARGUMENTS[case]
    argv = [DATABRICKS if arg == argv[argv.index(option) + 1] else arg for arg in argv]
    assert refused_here(argv).endswith(f"argument {option}: {DATABRICKS_SENTENCE}")


@pytest.mark.parametrize(
    "target",
    [
        ["--target", "local"],
        ["--target", "azureml", "--dry-run"],
        ["--target", "azureml", "--emulate"],
    ],
    ids=["local", "azureml-dry-run", "emulate"],
)
def test_a_databricks_path_to_train_is_named_on_every_target(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], target: list[str]
) -> None:
    """Locally it was 'file not found' in a folder named 'dbfs:' under the current one; for
    Azure ML, 'no such file or folder; a local path is uploaded from this machine'."""
    from reference_impl.cli import main

    where = ["--out", str(tmp_path / "plan")] if "--dry-run" in target else []
    argv = ["train", *target, "--workdir", str(tmp_path / "work"), "--data", DATABRICKS, *where]
    assert main(argv) == ExitCode.USAGE
    assert capsys.readouterr().err.strip() == f"error: --data {DATABRICKS_SENTENCE}"
    assert not (tmp_path / "plan").exists()
    assert not list((tmp_path / "work").glob("**/*.parquet"))  # nothing validated or trained


@pytest.mark.parametrize("size", ["foo", "Standard DS3", "Standard_DS3_v2;x"])
def test_deploy_refuses_an_instance_type_that_is_no_vm_size(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], size: str
) -> None:
    """It was written into the plan (and would have been sent): only Azure would refuse it."""
    argv = ["deploy", "--env", "prod", "--model", "m", "--version", "12", "--instance-type",
            size, "--dry-run", "--out", str(tmp_path / "plan")]  # fmt: skip
    assert refused_by_argparse(argv, capsys).endswith(
        f"argument --instance-type: {size!r} is not a VM size: Azure names them like "
        "Standard_DS3_v2 or Standard_F4s_v2"
    )
    assert not (tmp_path / "plan").exists()


# Options of one target given with the other: refused, where they used to be ignored (a
# ``train --dry-run`` trained and registered a model; ``monitor --model`` reported on another).
OTHER_TARGET = {
    "train-dry-run": (["train", "--dry-run", "--out", "{tmp}/plan"], "--dry-run", "azureml"),
    "train-emulate": (["train", "--emulate"], "--emulate", "azureml"),
    "train-wait": (["train", "--wait"], "--wait", "azureml"),
    "train-code": (["train", "--code", "azureml:code:1"], "--code", "azureml"),
    "train-lock-wait": (
        ["train", "--target", "azureml", "--lock-wait", "5", "--dry-run", "--out", "{tmp}/plan"],
        "--lock-wait",
        "local",
    ),
    "monitor-model": (
        ["monitor", "--current", "{tmp}/c.csv", "--model", "other"], "--model", "azureml"
    ),
    "monitor-current": (
        ["monitor", "--target", "azureml", "--current", "{tmp}/c.csv", "--dry-run", "--out",
         "{tmp}/plan"],
        "--current",
        "local",
    ),
}  # fmt: skip
ONLINE_ONLY = {"monitor-model", "monitor-current"}  # monitor has --target in online projects


@pytest.mark.parametrize(
    "case",
    [pytest.param(c, marks=pytest.mark.online) if c in ONLINE_ONLY else c for c in OTHER_TARGET],
)
def test_an_option_of_the_other_target_is_refused_and_nothing_runs(
    tmp_path: Path, case: str
) -> None:
    argv, option, target = OTHER_TARGET[case]
    workdir = tmp_path / "workdir"
    argv = [item.format(tmp=tmp_path) for item in argv]
    code, out, err = call([*argv, "--workdir", str(workdir)])
    assert code == ExitCode.USAGE, out + err
    assert err == (
        f"error: {option} applies to --target {target} only: add --target {target}, or leave "
        f"{option} out (nothing was run)\n"
    )
    assert out == ""
    assert list(tmp_path.iterdir()) == []  # no workdir (no train, no registry), no plan


@pytest.mark.online
def test_monitor_refuses_current_and_collected_together(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two sources of the rows to compare: ``--collected`` used to be ignored silently."""
    (tmp_path / "collected").mkdir()
    argv = ["monitor", "--workdir", str(tmp_path / "workdir"), "--current", str(tmp_path / "c.csv")]
    message = refused_by_argparse([*argv, "--collected", str(tmp_path / "collected")], capsys)
    assert message.endswith("argument --collected: not allowed with argument --current")
    assert sorted(os.listdir(tmp_path)) == ["collected"]  # no workdir, no report


@pytest.mark.batch
@pytest.mark.parametrize("target", ["week-01.csv", "predictions.csv"], ids=["an-input", "beside"])
def test_an_output_inside_the_input_folder_is_refused_and_the_inputs_are_kept(
    lifecycle: Lifecycle, tmp_path: Path, target: str
) -> None:
    """``--output`` on an input file replaced that week's rows with their own predictions."""
    import shutil

    from reference_impl.data import BATCH_DIR

    inputs = tmp_path / "batches"
    shutil.copytree(BATCH_DIR, inputs)
    before = {p.name: p.read_bytes() for p in inputs.iterdir()}
    args = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(inputs)]
    code, out, err = call([*args, "--output", str(inputs / target)])
    assert code == ExitCode.USAGE, out + err
    assert err == f"error: cannot write --output {inputs / target}: it is inside --input {inputs}\n"
    assert out == ""  # nothing scored
    assert {p.name: p.read_bytes() for p in inputs.iterdir()} == before


# name -> (arguments after --input, the whole message)
CONTRADICTING_OUTPUTS: dict[str, tuple[list[str], str]] = {
    "run-date-with-csv": (
        ["--output", "{tmp}/p.csv", "--run-date", "2026-11-01"],
        "error: --run-date names the Parquet partition; it applies to --format parquet only",
    ),
    "parquet-name-csv-format": (
        ["--output", "{tmp}/p.parquet"],
        "error: --output {tmp}/p.parquet ends in .parquet but --format is csv; name the output "
        "for its format, or pass --format parquet",
    ),
    "csv-name-parquet-format": (
        ["--output", "{tmp}/p.csv", "--format", "parquet"],
        "error: --output {tmp}/p.csv ends in .csv but --format is parquet; name the output "
        "for its format, or pass --format csv",
    ),
}


@pytest.mark.batch
@pytest.mark.parametrize("case", sorted(CONTRADICTING_OUTPUTS))
def test_an_output_its_name_or_date_contradicts_is_refused_before_scoring(
    lifecycle: Lifecycle, tmp_path: Path, case: str
) -> None:
    """A CSV written to ``p.parquet``, a partition folder named ``p.csv``, a ``--run-date``
    that names nothing: each was written (exit 0) and broke whoever read it by its name."""
    from reference_impl.data import BATCH_DIR

    arguments, message = CONTRADICTING_OUTPUTS[case]
    argv = [a.format(tmp=tmp_path) for a in arguments]
    args = ["batch-score", "--workdir", str(lifecycle.workdir), "--input", str(BATCH_DIR)]
    code, out, err = call([*args, *argv])
    assert code == ExitCode.USAGE, out + err
    assert (err, out) == (message.format(tmp=tmp_path) + "\n", "")
    assert list(tmp_path.iterdir()) == []  # nothing written


@pytest.mark.batch
def test_a_run_date_that_is_not_a_date_names_the_form_it_takes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    last = refused_by_argparse(
        ["batch-score", "--input", "in", "--output", str(tmp_path / "p"), "--format", "parquet",
         "--run-date", "2026-13-01"], capsys,
    )  # fmt: skip
    assert last.endswith(
        "error: argument --run-date: '2026-13-01' is not a date: give it as YYYY-MM-DD, "
        "e.g. 2026-03-31"
    )
