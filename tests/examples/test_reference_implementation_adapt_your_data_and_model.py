"""Claims of docs/reference-implementation/adapt-your-data-and-model.md.

The walkthrough test runs every ``python -m`` line of the page's ``sh`` fences, in order and as
typed (only the page's ``/tmp/adapt`` folder is moved under pytest's temporary folder), and
checks that every output the page shows is real. The error-table tests run each row of the
page's "Errors you can get" table and check its exit code and message.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sklearn.model_selection import train_test_split

from examples.reference_implementation.adapt_your_data_and_model import sample_dataset
from reference_impl.commands._training_check import training_problem
from reference_impl.config import load_config
from reference_impl.config.model import ModelSection
from reference_impl.contract import TASKS, TRAINABLE_TASKS, load_contract
from reference_impl.modeling.estimator import build_pipeline
from tests.docs import chain

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference-implementation" / "adapt-your-data-and-model.md"
PAGE_FOLDER = "/tmp/adapt"
ERRORS_HEADING = "## Errors you can get"


def page_text(folder: Path) -> str:
    """The page with its example folder moved to ``folder``."""
    return PAGE.read_text(encoding="utf-8").replace(PAGE_FOLDER, str(folder))


def fences(page: Path) -> list[chain.Fence]:
    found, problems = chain.parse_fences(page)
    assert problems == []
    return found


def run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run a page command: ``python`` is this interpreter, the repository is the folder."""
    assert argv[0] == "python"
    return subprocess.run(
        [sys.executable, *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def shown_lines_appear_in_order(shown: tuple[str, ...], output: str) -> list[str]:
    """Lines of a shown output that are not found, in order, among the real output's lines."""
    real = [line.rstrip() for line in output.splitlines()]
    missing, position = [], 0
    for line in (line.rstrip() for line in shown if line.strip()):
        try:
            position = real.index(line, position) + 1
        except ValueError:
            missing.append(line)
    return missing


def test_every_command_of_the_page_runs_as_typed_and_shows_real_output(tmp_path: Path):
    folder = tmp_path / "adapt"
    copy = tmp_path / "page.md"
    copy.write_text(page_text(folder), encoding="utf-8")
    commands = 0
    last: subprocess.CompletedProcess[str] | None = None
    for fence in fences(copy):
        if fence.lang == "sh":
            lines = [line for line in fence.body if line.strip()]
            assert all(line.startswith("python -m ") for line in lines), lines
            for line in lines:
                last = run(shlex.split(line))
                commands += 1
                assert last.returncode == 0, f"{line}\n{last.stdout}\n{last.stderr}"
        elif fence.lang == "text":
            assert last is not None, "an output is shown before any command"
            assert shown_lines_appear_in_order(fence.body, last.stdout) == []
        elif fence.lang == "yaml" and fence.body[0].startswith("# Proposed by `contract infer`"):
            proposed = (folder / "breast-cancer.yaml").read_text(encoding="utf-8")
            assert shown_lines_appear_in_order(fence.body, proposed) == []
    assert commands == 4  # sample, infer, train, train with LightGBM
    contract = yaml.safe_load((folder / "breast-cancer.yaml").read_text(encoding="utf-8"))
    assert len(contract["features"]) == 30
    assert {feature["kind"] for feature in contract["features"]} == {"number"}
    assert "segment" not in contract
    area = next(f for f in contract["features"] if f["name"] == "mean_area")
    assert area["maximum"] == 2501  # the review table's example


def table_rows(heading: str) -> list[list[str]]:
    """Cells of the first table after ``heading`` (header and rule left out)."""
    lines = PAGE.read_text(encoding="utf-8").split(heading, 1)[1].splitlines()
    first = next(i for i, line in enumerate(lines) if line.startswith("| "))
    block = []
    for line in lines[first:]:
        if not line.startswith("|"):
            break
        block.append([cell.strip() for cell in line.strip().strip("|").split(" | ")])
    assert block[1][0].startswith("---")
    return block[2:]


def test_the_change_table_counts_no_python_file():
    rows = {row[0]: row[1:] for row in table_rows("## What you change, per kind of change")}
    assert rows["New tabular dataset with a 0/1 label"][0] == "0"
    hyperparameter = rows["New value for a hyperparameter, or a new hyperparameter"]
    assert hyperparameter == ["0", "1 configuration line under `model.params`"]
    estimator = rows["New estimator that is installed (scikit-learn, LightGBM, XGBoost)"]
    assert estimator[0] == "0"
    assert estimator[1].startswith("1–2 configuration lines")


# --------------------------------------------------------------------------- estimators


def model_blocks() -> list[dict]:
    blocks = []
    for fence in fences(PAGE):
        if fence.lang == "yaml" and fence.body and fence.body[0] == "model:":
            blocks.append(yaml.safe_load("\n".join(fence.body))["model"])
    return blocks


def test_the_model_sections_shown_pass_the_check_and_fit(tmp_path: Path):
    blocks = model_blocks()
    assert [block["estimator"] for block in blocks] == [
        "lightgbm.LGBMClassifier",
        "xgboost.XGBClassifier",
    ]
    data = tmp_path / "breast-cancer.csv"
    sample_dataset.write_sample(data)
    contract_file = tmp_path / "breast-cancer.yaml"
    assert infer(data, contract_file).returncode == 0
    contract = load_contract(contract_file)
    frame = pd.read_csv(data)
    features = frame[[f.name for f in contract.features]]
    train_x, test_x, train_y, test_y = train_test_split(
        features, frame["target"], test_size=0.25, random_state=0, stratify=frame["target"]
    )
    config = load_config("dev")
    for block in blocks:
        configured = config.model_copy(update={"model": ModelSection(**block)})
        assert training_problem(configured) is None
        pipeline = build_pipeline(contract, seed=42, **block)
        pipeline.fit(train_x, train_y)
        assert pipeline.score(test_x, test_y) > 0.9


def test_misspelt_names_pass_the_check_for_lightgbm_and_xgboost_but_not_scikit_learn():
    config = load_config("dev")
    for estimator, typo in (
        ("lightgbm.LGBMClassifier", "num_leafs"),
        ("xgboost.XGBClassifier", "max_detph"),
    ):
        model = ModelSection(estimator=estimator, params={typo: 3})
        assert training_problem(config.model_copy(update={"model": model})) is None
    model = ModelSection(params={"max_depht": 3})
    assert "max_depht" in training_problem(config.model_copy(update={"model": model}))


def test_not_supported_tasks_are_described_but_refused():
    text = PAGE.read_text(encoding="utf-8")
    assert TRAINABLE_TASKS == ("binary",)
    assert set(TASKS) == {"binary", "multiclass", "regression"}
    assert "| Multiclass label |" in text
    assert "| Regression label |" in text
    assert "model.train_function" in text
    assert "train_function" not in ModelSection.model_fields


# --------------------------------------------------------------------------- error table


def error_rows() -> list[tuple[str, int, str]]:
    """``(input, exit code, message start)`` of each row of the page's error table."""
    rows = table_rows(ERRORS_HEADING)
    assert all(len(row) == 3 for row in rows)
    return [(row[0], int(row[1]), row[2].strip("`")) for row in rows]


def infer(data: Path, out: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run(
        ["python", "-m", "reference_impl", "contract", "infer", "--data", str(data),
         "--label", "target", "--task", "binary", "--id", "sample_id", "--out", str(out), *extra]
    )  # fmt: skip


@pytest.fixture(scope="module")
def worked_example(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The page's sample and its proposed contract."""
    folder = tmp_path_factory.mktemp("adapt")
    data, contract = folder / "breast-cancer.csv", folder / "breast-cancer.yaml"
    sample_dataset.write_sample(data)
    assert infer(data, contract).returncode == 0
    return {"folder": folder, "data": data, "contract": contract}


def _train(files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    workdir = tempfile.mkdtemp(prefix="workdir-", dir=files["folder"])  # rows run at once
    return run(["python", "-m", "reference_impl", "train", "--workdir", str(workdir), *extra])


def _regression_contract(files: dict[str, Path]) -> subprocess.CompletedProcess[str]:
    contract = files["folder"] / "regression.yaml"
    if not contract.exists():
        args = ["--task", "regression"]
        done = run(
            ["python", "-m", "reference_impl", "contract", "infer", "--data", str(files["data"]),
             "--label", "target", "--id", "sample_id", "--out", str(contract), *args]
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
    return _train(files, "--data", str(files["data"]), "--contract", str(contract))


Runner = Callable[[dict[str, Path]], subprocess.CompletedProcess[str]]
RUNNERS: dict[str, Runner] = {
    "`contract infer` with an `--out` file that already exists": lambda f: infer(
        f["data"], f["contract"]
    ),
    "`contract infer --label diagnosis`: no such column": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", "--label", "diagnosis"
    ),
    "`contract infer --task binary --label mean_radius`: not a 0/1 label": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", "--label", "mean_radius"
    ),
    "`contract infer --task multiclass` on a two-value label": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", "--task", "multiclass"
    ),
    "`contract infer --segment mean_radius`: a numeric column": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", "--segment", "mean_radius"
    ),
    "`train` on a table smaller than `data.min_rows`": lambda f: _train(
        f, "--data", str(f["data"]), "--contract", str(f["contract"])
    ),
    "`train --data` on a new table without its `--contract`": lambda f: _train(
        f, "--data", str(f["data"])
    ),
    "`train --contract` naming a file that does not exist": lambda f: _train(
        f, "--contract", str(f["folder"] / "missing.yaml")
    ),
    "`train --contract` with `task: regression` (or `multiclass`)": _regression_contract,
    "`--set model.estimator=lightgbm.LGBMClassifer`: misspelt class": lambda f: _train(
        f, "--set", "model.estimator=lightgbm.LGBMClassifer"
    ),
    "`--set model.estimator=catboost.CatBoostClassifier`: not installed": lambda f: _train(
        f, "--set", "model.estimator=catboost.CatBoostClassifier"
    ),
    "`--set model.estimator=lightgbm.LGBMRegressor`: no probabilities": lambda f: _train(
        f, "--set", "model.estimator=lightgbm.LGBMRegressor"
    ),
    "`--set model.params.max_depht=3`: unknown name": lambda f: _train(
        f, "--set", "model.params.max_depht=3"
    ),
    "`--set model.params.learning_rate=-1`: refused value": lambda f: _train(
        f, "--set", "model.params.learning_rate=-1"
    ),
    "`--set 'model.params.class_weight={0: 1, 1: 5}'`: a mapping": lambda f: _train(
        f, "--set", "model.params.class_weight={0: 1, 1: 5}"
    ),
}


@pytest.fixture(scope="module")
def error_results(worked_example) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every error row's command, run side by side (each is a separate process)."""
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        done = pool.map(lambda runner: runner(worked_example), RUNNERS.values())
        return dict(zip(RUNNERS, done, strict=True))


def test_every_error_row_has_a_runner():
    assert [row[0] for row in error_rows()] == list(RUNNERS)


@pytest.mark.parametrize(
    ("row", "code", "message"), error_rows(), ids=[row for row, _, _ in error_rows()]
)
def test_error_row_gives_its_exit_code_and_message(error_results, row, code, message):
    done = error_results[row]
    assert done.returncode == code, done.stderr
    first = next(line for line in done.stderr.splitlines() if line.startswith("error: "))
    pieces = [piece.strip() for piece in message.split("…")]
    assert first.startswith(pieces[0]), first
    rest = done.stderr[done.stderr.index(first) + len(pieces[0]) :]
    for piece in pieces[1:]:
        assert piece in rest, f"{piece!r} not in {rest!r}"
        rest = rest[rest.index(piece) + len(piece) :]
    assert "register:" not in done.stdout  # nothing was trained or registered
