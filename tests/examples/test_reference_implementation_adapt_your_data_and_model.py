"""Claims of docs/reference-implementation/adapt-your-data-and-model.md.

The walkthrough runs every ``python -m`` line of the page's ``sh`` fences once, in order and as
typed (only the page's ``/tmp/adapt`` folder is moved under pytest's temporary folder): the
binary breast-cancer example, then wine (multi-class) and diabetes (regression). Its tests
check that every output the page shows is real, and the per-task table against the models it
trained, their files and the code. The error-table tests run each row of the page's "Errors
you can get" table and check its exit code and message.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml
from sklearn.model_selection import train_test_split

from examples.reference_implementation.adapt_your_data_and_model import sample_dataset
from reference_impl.commands._training_check import training_problem
from reference_impl.config import load_config
from reference_impl.config.model import DataSection, GateSection, ModelSection
from reference_impl.config.project import load_project
from reference_impl.contract import TASKS, load_contract
from reference_impl.modeling.estimator import build_pipeline
from reference_impl.modeling.importance import IMPORTANCE_SCORING
from reference_impl.modeling.metric_direction import direction_of
from reference_impl.modeling.packaging import load_model_dir
from reference_impl.modeling.task_metrics import SUMMARY_METRICS, TASK_METRICS
from reference_impl.scoring.outputs import prediction_columns
from reference_impl.steps.gate import _ABSOLUTE_RULES
from reference_impl.validation.true_false import LABEL_WORDS
from tests.docs.page_commands import PageRun, page_fences, run, shown_lines_appear_in_order
from tests.reference_impl import early_jobs

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "reference-implementation" / "adapt-your-data-and-model.md"
PAGE_FOLDER = "/tmp/adapt"
ERRORS_HEADING = "## Errors you can get"
TASKS_HEADING = "## Other tasks: multi-class and regression"
SCORECARD = "examples.reference_implementation.adapt_your_data_and_model.scorecard:train_scorecard"
"""The page's training function (``model.train_function``)."""
WORKDIRS = {"binary": "work", "multiclass": "wine-work", "regression": "diabetes-work"}
"""The page's working directory per task (under ``/tmp/adapt``), in the task table's order."""


def page_text(folder: Path) -> str:
    """The page with its example folder moved to ``folder``."""
    return PAGE.read_text(encoding="utf-8").replace(PAGE_FOLDER, str(folder))


@dataclass(frozen=True)
class Walkthrough:
    """What running the page's commands left behind.

    Attributes:
        folder: The page's ``/tmp/adapt``, moved under pytest's temporary folder.
        commands: Every command run, as typed on the page (after the move).
        problems: Commands that failed, and shown lines missing from the real output.
    """

    folder: Path
    commands: list[str]
    problems: list[str]


def run_the_page(root: Path) -> Walkthrough:
    """Run the page's commands once, in order; compare each shown output with the real one.

    A minute of ``train`` processes: the ``walkthrough`` fixture runs it as an early job.
    """
    folder = root / "adapt"
    copy = root / "page.md"
    copy.write_text(page_text(folder), encoding="utf-8")
    page = PageRun()
    for fence in page_fences(copy):
        if page.take(fence):
            continue
        if fence.lang == "yaml" and fence.body[0].startswith("# Proposed by `contract infer`"):
            # the draft of the sample the first line names: "... from <sample>.csv (N rows)."
            draft = Path(fence.body[0].split(" from ")[1].split(" (")[0]).with_suffix(".yaml")
            missing = shown_lines_appear_in_order(fence.body, draft.read_text(encoding="utf-8"))
            page.problems += [f"not in {draft}: {line}" for line in missing]
    return Walkthrough(folder, page.commands, page.problems)


walkthrough = early_jobs.fixture("walkthrough", run_the_page)


def test_every_command_of_the_page_runs_as_typed_and_shows_real_output(walkthrough: Walkthrough):
    assert walkthrough.problems == []
    # breast cancer: sample, infer, train, train with LightGBM, train with the scorecard;
    # wine and diabetes: sample, infer, train
    assert len(walkthrough.commands) == 5 + 3 + 3
    contract = yaml.safe_load((walkthrough.folder / "breast-cancer.yaml").read_text("utf-8"))
    assert len(contract["features"]) == 30
    assert {feature["kind"] for feature in contract["features"]} == {"number"}
    assert "segment" not in contract
    area = next(f for f in contract["features"] if f["name"] == "mean_area")
    assert area["maximum"] == 2501  # the review table's example


def test_the_scorecard_is_the_champion_logged_as_a_pyfunc(walkthrough: Walkthrough, tmp_path):
    from mlflow.models import Model

    from examples.reference_implementation.adapt_your_data_and_model.scorecard import Scorecard
    from reference_impl.registry import CHAMPION, alias_version, download_version
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    use_workdir(Workdir.at(walkthrough.folder / "work"))
    champion = alias_version("breast-cancer-classifier", CHAMPION)
    assert str(champion.version) == "3"  # after the default model (1) and LightGBM (2)
    folder = download_version("breast-cancer-classifier", str(champion.version), tmp_path / "m")
    assert set(Model.load(str(folder)).flavors) == {"python_function"}
    loaded = load_model_dir(folder)
    # stored by value: a copy of the class, equal in name and fields, not the module's object
    assert type(loaded.estimator).__qualname__ == Scorecard.__qualname__
    assert type(loaded.estimator) is not Scorecard
    rows = pd.read_csv(walkthrough.folder / "breast-cancer.csv").drop(columns=["target"])
    scores = loaded.scores(rows)
    assert ((scores > 0) & (scores < 1)).all()


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ("wine", "a scorecard predicts a 0/1 label, not a multiclass one"),
        ("sample", "a scorecard takes numbers only; contract is not"),
    ],
)
def test_the_scorecard_refuses_a_table_it_cannot_fit(table: str, message: str):
    from sklearn.datasets import load_wine

    from reference_impl.contract_inference import infer_contract
    from reference_impl.data import TRAINING_DATA
    from reference_impl.modeling.estimator import EstimatorError
    from reference_impl.modeling.train_function import fit_with_function

    if table == "wine":
        frame = load_wine(as_frame=True).frame
        frame.insert(0, "sample_id", [f"w{number:03d}" for number in range(len(frame))])
        contract = infer_contract(frame, label="target", task="multiclass", id_column="sample_id")
    else:  # the shipped sample: its contract has category columns
        frame, contract = pd.read_csv(TRAINING_DATA), load_contract()
    features = frame[list(contract.feature_names)]
    with pytest.raises(EstimatorError) as refused:
        fit_with_function(SCORECARD, features, frame[contract.label], contract=contract,
                          params={}, seed=0)  # fmt: skip
    assert f"failed (ValueError: {message})" in str(refused.value)


def test_the_wine_and_diabetes_drafts_are_what_the_page_says(walkthrough: Walkthrough):
    folder = walkthrough.folder
    wine = load_contract(folder / "wine.yaml")
    assert (wine.task, wine.classes, len(wine.features)) == ("multiclass", ("0", "1", "2"), 13)
    assert len(pd.read_csv(folder / "wine.csv")) == 178
    diabetes = load_contract(folder / "diabetes.yaml")
    assert (diabetes.task, diabetes.classes, len(diabetes.features)) == ("regression", (), 10)
    frame = pd.read_csv(folder / "diabetes.csv")
    assert len(frame) == 442
    assert frame["sex"].nunique() == 2  # a code: a category in a real table
    assert frame["age"].abs().max() < 1  # centred and scaled, not years


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
    assert rows["New dataset with a multi-class label"][0] == "0"
    regression = rows["New dataset with a numeric label (regression)"]
    assert regression[0] == "0"
    assert "3 configuration lines" in regression[1]
    for key in ("`model.estimator`", "`gate.metric`", "`gate.direction`"):
        assert key in regression[1]
    hyperparameter = rows["New value for a hyperparameter, or a new hyperparameter"]
    assert hyperparameter == ["0", "1 configuration line under `model.params`"]
    estimator = rows["New estimator that is installed (scikit-learn, LightGBM, XGBoost)"]
    assert estimator[0] == "0"
    assert estimator[1].startswith("1–2 configuration lines")
    function = rows["A training function of your own"]
    assert function[0] == "1"
    assert function[1].startswith("1 configuration line: `model.train_function`")
    assert "train_function" in ModelSection.model_fields
    card = rows["What the model card says the model is for"]
    assert card[0] == "0" and card[1].startswith("2 lines in `config/project.yaml`")
    from reference_impl.config.project import ModelCardText

    assert [f"card.{name}" for name in ModelCardText.model_fields] == names(card[1])[1:3]


# --------------------------------------------------------------------------- other tasks


def names(cell: str) -> list[str]:
    """The names in backticks of a table cell, in order."""
    return re.findall(r"`([^`]+)`", cell)


def task_table() -> dict[str, dict[str, str]]:
    """The per-task table: row name to ``{task: cell}``."""
    rows = table_rows(TASKS_HEADING)
    assert all(len(row) == 4 for row in rows)
    return {row[0]: dict(zip(WORKDIRS, row[1:], strict=True)) for row in rows}


def run_files(walkthrough: Walkthrough, task: str, pattern: str) -> list[Path]:
    """Files a step wrote in the task's working directory, for every training run."""
    found = sorted((walkthrough.folder / WORKDIRS[task]).glob(f"runs/*/{pattern}"))
    assert found, f"no {pattern} for {task}"
    return found


def read_json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_task_table_names_the_tasks_and_the_summary_metrics():
    table = task_table()
    assert set(WORKDIRS) == set(TASKS)
    for task, cell in table["Label (`--task`)"].items():
        assert names(cell)[0] == task
    for task, cell in table["Printed in the training summary"].items():
        assert tuple(names(cell)) == SUMMARY_METRICS[task]


def test_the_task_table_names_every_word_pair_a_binary_label_may_use():
    cell = task_table()["Label (`--task`)"]["binary"]
    for zero, one in LABEL_WORDS:
        assert f"`{one}`/`{zero}`" in cell and f"({zero} is 0, {one} is 1)" in cell


def test_the_task_table_gives_the_measured_metrics(walkthrough: Walkthrough):
    not_holdout = {"rows", "threshold", "segment_recall_gap", "segment_error_ratio"}
    for task, cell in task_table()["Holdout metrics"].items():
        measured = read_json(run_files(walkthrough, task, "evaluate/evaluation/metrics.json")[0])
        assert set(names(cell)) == set(measured) - not_holdout, task


def test_the_task_table_gives_the_gate_metrics_directions_and_rules(walkthrough: Walkthrough):
    table = task_table()
    default = GateSection()
    for task, cell in table["`gate.metric` may be"].items():
        assert set(names(cell)) == TASK_METRICS[task]
        assert ("(the default)" in cell) == (default.metric in TASK_METRICS[task])
    for task, cell in table["`gate.direction: lower` for"].items():
        lower = {metric for metric in TASK_METRICS[task] if direction_of(metric) == "lower"}
        assert set(names(cell)) == lower
    segment_setting = {"regression": "max_segment_error_ratio"}
    for task, cell in table["Absolute gate rules"].items():
        decision = read_json(run_files(walkthrough, task, "gate/decision/decision.json")[0])
        applied = {check["rule"] for check in decision["checks"]}  # the gate's own record
        settings = {setting for _, rule, _, setting in _ABSOLUTE_RULES if rule in applied}
        if "segment rule" in applied:  # the walkthrough's contracts name no segment
            settings.add(segment_setting.get(task, "max_segment_recall_gap"))
            assert "with a segment" in cell, task
        assert set(names(cell)) == settings, task
    regression = table["Absolute gate rules"]["regression"]
    assert f"default {default.min_r2:.1f}" in regression
    assert f"default {default.max_segment_error_ratio:.1f}" in regression


def test_the_task_table_gives_the_columns_of_an_answer(walkthrough: Walkthrough):
    outputs = load_project().outputs
    for task, cell in task_table()["Columns of an answer or a batch output"].items():
        model = load_model_dir(run_files(walkthrough, task, "train/model")[0])
        rows = pd.read_parquet(run_files(walkthrough, task, "prep/holdout_data/holdout.parquet")[0])
        columns = prediction_columns(model, model.scores(rows), outputs)
        shown = {outputs.probability: "<probability>", outputs.decision: "<decision>"}
        shown |= {f"{outputs.probability}_{c}": "<probability>_<class>" for c in model.classes}
        assert {shown[name] for name in columns} == set(names(cell)), task
        if task == "binary":
            assert columns[outputs.decision].dtype == bool  # true at the threshold
        if task == "multiclass":
            assert set(columns[outputs.decision]) <= set(model.classes)


def test_the_task_table_gives_the_plots_and_the_review(walkthrough: Walkthrough):
    table = task_table()
    for task, cell in table["Evaluation plots"].items():
        plots = {path.name for path in run_files(walkthrough, task, "evaluate/evaluation/*.png")}
        assert plots == set(names(cell)), task
    for task, cell in table["Review"].items():
        assert IMPORTANCE_SCORING[task] in names(cell)
        fairness = read_json(run_files(walkthrough, task, "review/evidence/fairness.json")[0])
        assert fairness["groups"] == []  # no worked example has a segment...
        assert "names no segment" in fairness["note"]  # ...and the report says so, any task
        assert ("fairlearn" if task == "binary" else "no fairness report yet") in cell


def test_the_regressors_named_pass_the_check_and_the_default_classifier_does_not(
    walkthrough: Walkthrough,
):
    """The table's regressors are accepted; a classifier is refused, as the page says."""
    config = load_config("dev")
    diabetes = str(walkthrough.folder / "diabetes.yaml")
    regression = config.model_copy(
        update={"data": DataSection(min_rows=100, contract=diabetes),
                "gate": GateSection(metric="rmse", direction="lower")}
    )  # fmt: skip
    named = [name for name in names(task_table()["`model.estimator`"]["regression"]) if "." in name]
    assert named == ["sklearn.ensemble.HistGradientBoostingRegressor", "lightgbm.LGBMRegressor"]
    for estimator in named:
        model = ModelSection(estimator=estimator, params={})
        assert training_problem(regression.model_copy(update={"model": model})) is None
    assert regression.model.estimator == "sklearn.ensemble.HistGradientBoostingClassifier"
    assert training_problem(regression) == (  # "Name a regressor"
        "model.estimator 'sklearn.ensemble.HistGradientBoostingClassifier' is a classifier; "
        "a regression task needs a regressor (e.g. sklearn.ensemble.HistGradientBoostingRegressor)"
    )


def test_the_classifier_settings_the_page_names_give_probabilities():
    """``SVC`` needs ``probability: true``; ``SGDClassifier`` a ``loss`` of the two named."""
    text = " ".join(PAGE.read_text(encoding="utf-8").split())
    sentence = re.search(r"A classifier must give probabilities.*?before any step runs\.", text)
    assert sentence, "the page no longer says which settings give probabilities"
    config = load_config("dev")

    def problem(estimator: str, **params: object) -> str | None:
        model = ModelSection(estimator=estimator, params=params)
        return training_problem(config.model_copy(update={"model": model}))

    assert "`sklearn.svm.SVC` needs `probability: true`" in sentence[0]
    assert problem("sklearn.svm.SVC", probability=True) is None
    assert "has no predict_proba with these model.params" in problem("sklearn.svm.SVC")
    losses = re.search(r"SGDClassifier` a `loss` of `(\w+)` or `(\w+)`", sentence[0])
    assert losses, sentence[0]
    for loss in losses.groups():
        assert problem("sklearn.linear_model.SGDClassifier", loss=loss) is None
    assert "(probability estimates are not available for loss='hinge')" in problem(
        "sklearn.linear_model.SGDClassifier"
    )


# --------------------------------------------------------------------------- estimators


def model_blocks() -> list[dict]:
    blocks = []
    for fence in page_fences(PAGE):
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


def test_what_is_not_supported_yet_is_listed_and_absent():
    rows = [row[0] for row in table_rows("## Not supported yet")]
    assert rows == ["A fairness report for a multi-class or regression model"]
    assert set(TASKS) == {"binary", "multiclass", "regression"}  # all three train


# --------------------------------------------------------------------------- error table


def error_rows() -> list[tuple[str, int, str]]:
    """``(input, exit code, message start)`` of each row of the page's error table."""
    rows = table_rows(ERRORS_HEADING)
    assert all(len(row) == 3 for row in rows)
    return [(row[0], int(row[1]), row[2].strip("`")) for row in rows]


def infer(data: Path, out: Path, **options: str) -> subprocess.CompletedProcess[str]:
    """``contract infer`` of the worked example; ``options`` replace or add ``--label`` etc."""
    given = {"label": "target", "task": "binary", "id": "sample_id", **options}
    chosen = [arg for name, value in given.items() for arg in (f"--{name}", value)]
    return run(["python", "-m", "reference_impl", "contract", "infer", "--data", str(data),
                *chosen, "--out", str(out)])  # fmt: skip


def write_worked_example(folder: Path) -> dict[str, Path]:
    """The page's breast-cancer and diabetes samples and their proposed contracts."""
    data, contract = folder / "breast-cancer.csv", folder / "breast-cancer.yaml"
    sample_dataset.write_sample(data)
    assert infer(data, contract).returncode == 0
    diabetes, diabetes_contract = folder / "diabetes.csv", folder / "diabetes.yaml"
    sample_dataset.write_sample(diabetes, "diabetes")
    done = infer(diabetes, diabetes_contract, task="regression")
    assert done.returncode == 0, done.stderr
    return {"folder": folder, "data": data, "contract": contract,
            "diabetes": diabetes, "diabetes_contract": diabetes_contract}  # fmt: skip


def _train(files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    workdir = tempfile.mkdtemp(prefix="workdir-", dir=files["folder"])  # rows run at once
    return run(["python", "-m", "reference_impl", "train", "--workdir", str(workdir), *extra])


def _diabetes(files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    table = ["--data", str(files["diabetes"]), "--contract", str(files["diabetes_contract"])]
    return _train(files, *table, *extra)


def _diabetes_regressor(files: dict[str, Path], *extra: str) -> subprocess.CompletedProcess[str]:
    regressor = "model.estimator=sklearn.ensemble.HistGradientBoostingRegressor"
    return _diabetes(files, "--set", regressor, *extra)


Runner = Callable[[dict[str, Path]], subprocess.CompletedProcess[str]]
RUNNERS: dict[str, Runner] = {
    "`contract infer` with an `--out` file that already exists": lambda f: infer(
        f["data"], f["contract"]
    ),
    "`contract infer --label diagnosis`: no such column": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", label="diagnosis"
    ),
    "`contract infer --task binary --label mean_radius`: not a 0/1 label": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", label="mean_radius"
    ),
    "`contract infer --task multiclass` on a two-value label": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", task="multiclass"
    ),
    "`contract infer --segment mean_radius`: a measurement, not groups": lambda f: infer(
        f["data"], f["folder"] / "x.yaml", segment="mean_radius"
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
    "`train --contract` with `task: regression` and the default classifier": _diabetes,
    "`task: regression` with a regressor and the default `gate.metric`": _diabetes_regressor,
    "`--set gate.metric=rmse` without `gate.direction=lower`": lambda f: _diabetes_regressor(
        f, "--set", "gate.metric=rmse"
    ),
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
    "`--set model.estimator=sklearn.linear_model.LogisticRegression` under the default "
    "`model.params`": lambda f: _train(
        f, "--set", "model.estimator=sklearn.linear_model.LogisticRegression"
    ),
    "`--set model.params.learning_rate=-1`: refused value": lambda f: _train(
        f, "--set", "model.params.learning_rate=-1"
    ),
    "`--set model.train_function=examples.nothing:train`: does not import": lambda f: _train(
        f, "--set", "model.train_function=examples.nothing:train", "--set", "model.params={}"
    ),
    "`--set model.train_function=…scorecard:train_scorecard` with the default `model.params`": (
        lambda f: _train(f, "--set", f"model.train_function={SCORECARD}")
    ),
    "`--set model.params.max_iter=2024-01-01`: a date": lambda f: _train(
        f, "--set", "model.params.max_iter=2024-01-01"
    ),
}


def run_the_error_rows(folder: Path) -> dict[str, subprocess.CompletedProcess[str]]:
    """Every error row's command on the worked example, run side by side (an early job)."""
    files = write_worked_example(folder)
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as pool:
        done = pool.map(lambda runner: runner(files), RUNNERS.values())
        return dict(zip(RUNNERS, done, strict=True))


error_results = early_jobs.fixture("error_results", run_the_error_rows)


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
