"""A team's own table and estimator: a contract file and configuration, no Python edits.

The datasets ship inside scikit-learn (no download): breast cancer (binary), wine (three
classes) and diabetes (a numeric target). Each gets an id column, as a team's table has one.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from reference_impl.contract import CONTRACT_FILE, contract_path, load_contract
from reference_impl.exit_codes import ExitCode
from tests.reference_impl.identity import DECISION, MODEL, PROB
from tests.reference_impl.lifecycle.conftest import call, registry_state

SHIPPED = yaml.safe_load(contract_path(CONTRACT_FILE).read_text())


def bundled(name: str, folder: Path) -> Path:
    """Write one of scikit-learn's bundled datasets as a CSV with an id column."""
    from sklearn import datasets

    frame = getattr(datasets, f"load_{name}")(as_frame=True).frame
    frame.columns = [str(c).replace(" ", "_").replace("/", "_") for c in frame.columns]
    frame.insert(0, "row_id", [f"r{i:05d}" for i in range(len(frame))])
    path = folder / f"{name}.csv"
    frame.to_csv(path, index=False)
    return path


def infer(data: Path, task: str, out: Path, *extra: str) -> tuple[int, str, str]:
    return call(
        ["contract", "infer", "--data", str(data), "--label", "target", "--task", task,
         "--id", "row_id", "--out", str(out), *extra]
    )  # fmt: skip


@pytest.mark.parametrize(
    "name, task, classes",
    [("breast_cancer", "binary", ()), ("wine", "multiclass", ("0", "1", "2")),
     ("diabetes", "regression", ())],
)  # fmt: skip
def test_infer_describes_each_task(tmp_path: Path, name: str, task: str, classes: tuple) -> None:
    data = bundled(name, tmp_path)
    code, _, err = infer(data, task, tmp_path / "contract.yaml")
    assert code == 0, err
    contract = load_contract(tmp_path / "contract.yaml")  # the written file reads back
    frame = pd.read_csv(data)
    assert (contract.task, contract.classes, contract.label) == (task, classes, "target")
    assert contract.feature_names == [c for c in frame.columns if c not in ("row_id", "target")]
    for feature in contract.numeric:  # the sample's own range, whole numbers for integers
        assert feature.minimum <= frame[feature.name].min()
        assert feature.maximum >= frame[feature.name].max()


TRUE_FALSE_LABELS = {
    "parquet-boolean": None,
    "spark-csv": ("false", "true"),
    "excel-csv": ("FALSE", "TRUE"),
    "yes-no-csv": ("No", "Yes"),  # as the label of IBM's Telco sample
    "postgres-csv": ("f", "t"),  # PostgreSQL's COPY of a boolean column
    "flag-csv": ("N", "Y"),  # a Y/N flag, as SAS and Oracle tables keep one
}
"""How a file writes a boolean label: typed (Parquet), or as the text for False and True."""


def test_a_label_mixing_two_pairs_of_words_is_not_a_binary_label(tmp_path: Path) -> None:
    """yes/no and true/false are each a binary label; one column holding both is neither."""
    frame = pd.read_csv(bundled("breast_cancer", tmp_path), dtype={"row_id": str})
    words = ["no", "true"] * (len(frame) // 2) + ["yes"] * (len(frame) % 2)
    data = tmp_path / "mixed.csv"
    frame.assign(target=words).to_csv(data, index=False)
    code, _, err = infer(data, "binary", tmp_path / "c.yaml")
    assert code == 4
    assert "label 'target' holds no, true, yes; a binary label holds 0 and 1" in err


@pytest.mark.parametrize("case", sorted(TRUE_FALSE_LABELS))
def test_a_true_false_label_is_a_binary_label(tmp_path: Path, case: str) -> None:
    """``lapsed: boolean``, as a lake table types it: infer said "holds False, True; a binary
    label holds 0 and 1", and train refused 569 values as "not whole numbers". Spark's CSV
    export of the same table (``true``/``false``) was refused after the Parquet one was taken."""
    frame = pd.read_csv(bundled("breast_cancer", tmp_path), dtype={"row_id": str})
    spelling = TRUE_FALSE_LABELS[case]
    if spelling is None:
        data = tmp_path / "typed.parquet"
        frame.assign(target=frame["target"].astype(bool)).to_parquet(data)
    else:
        data = tmp_path / "export.csv"
        text = frame.assign(target=frame["target"].map(dict(enumerate(spelling))))
        text.to_csv(data, index=False)
    code, out, err = infer(data, "binary", tmp_path / "c.yaml")
    assert code == 0, out + err
    workdir = tmp_path / "work"
    code, out, err = call(
        ["train", "--workdir", str(workdir), "--data", str(data), "--contract",
         str(tmp_path / "c.yaml"), "--set", "data.min_rows=100", "--set", "model.params={}"]
    )  # fmt: skip
    assert code == 0, err
    assert f"positive rate {frame['target'].mean():.1%}" in out  # True is 1, as 0/1 would be
    assert "registered:" in out


@pytest.mark.parametrize("suffix", ["parquet", "csv"])
def test_a_label_typed_double_is_a_binary_label(tmp_path: Path, suffix: str) -> None:
    """Spark ML types a label double, so a feature table holds 0.0 and 1.0 (its CSV export
    writes ``1.0``): train took it, but infer said "holds 0.0, 1.0; a binary label holds 0
    and 1". Whole numbers typed double are 0 and 1; ``0.5`` or ``-1`` still are not."""
    frame = pd.read_csv(bundled("breast_cancer", tmp_path), dtype={"row_id": str})
    frame["target"] = frame["target"].astype("float64")

    def write(rows: pd.DataFrame, name: str) -> Path:
        path = tmp_path / f"{name}.{suffix}"
        rows.to_parquet(path) if suffix == "parquet" else rows.to_csv(path, index=False)
        return path

    data = write(frame, "doubles")
    code, out, err = infer(data, "binary", tmp_path / "c.yaml")
    assert code == 0, out + err
    code, out, err = call(
        ["train", "--workdir", str(tmp_path / "work"), "--data", str(data), "--contract",
         str(tmp_path / "c.yaml"), "--set", "data.min_rows=100", "--set", "model.params={}"]
    )  # fmt: skip
    assert code == 0, err
    assert f"positive rate {frame['target'].mean():.1%}" in out
    halves = write(frame.assign(target=frame["target"] / 2), "halves")
    code, _, err = infer(halves, "binary", tmp_path / "h.yaml")
    assert (code, err) == (
        4,
        "error: label 'target' holds 0.0, 0.5; a binary label holds 0 and 1, or one pair of "
        "words in any case (false/true, no/yes, f/t, n/y)\n",
    )


@pytest.mark.parametrize("suffix", ["parquet", "csv"])
def test_a_segment_of_group_codes_is_a_category(tmp_path: Path, suffix: str) -> None:
    """A warehouse keys its regions by number: ``--segment region_key`` was refused as
    "is numeric; a segment is a category column", though a contract naming it a category
    trains. The codes become the category, written as training reads them."""
    frame = pd.read_csv(bundled("breast_cancer", tmp_path), dtype={"row_id": str})
    frame.insert(1, "region_key", [1 + i % 3 for i in range(len(frame))])
    data = tmp_path / f"keys.{suffix}"
    frame.to_parquet(data) if suffix == "parquet" else frame.to_csv(data, index=False)
    code, out, err = infer(data, "binary", tmp_path / "c.yaml", "--segment", "region_key")
    assert code == 0, out + err
    contract = load_contract(tmp_path / "c.yaml")
    assert contract.segment == "region_key"
    assert contract.feature("region_key").categories == ("1", "2", "3")
    code, out, err = call(
        ["train", "--workdir", str(tmp_path / "work"), "--data", str(data), "--contract",
         str(tmp_path / "c.yaml"), "--set", "data.min_rows=100", "--set", "model.params={}"]
    )  # fmt: skip
    assert code == 0, err
    assert "recall gap between segments" in out
    for both in (["--segment", "region_key", "--category", "region_key"],
                 ["--category", "region_key", "--segment", "region_key"]):  # fmt: skip
        again = tmp_path / f"{both[0][2:]}-first.yaml"  # a segment is a category: one role
        code, _, err = infer(data, "binary", again, *both)
        assert code == 0, err
        assert load_contract(again) == contract
    halves = tmp_path / "halves.csv"
    frame.assign(region_key=frame["region_key"] / 2).to_csv(halves, index=False)
    code, _, err = infer(halves, "binary", tmp_path / "h.yaml", "--segment", "region_key")
    assert (code, err) == (4, f"error: {FRACTIONS}\n")


FRACTIONS = (
    "--segment 'region_key' holds numbers with fractions; a segment is a column of groups: a "
    "category, or whole-number codes"
)


def test_infer_proposes_categories_and_a_segment_from_the_bundled_sample(tmp_path: Path) -> None:
    from reference_impl.data import TRAINING_DATA

    code, _, err = call(
        ["contract", "infer", "--data", str(TRAINING_DATA), "--label", "cancelled", "--task",
         "binary", "--id", "customer_id", "--segment", "region", "--out", str(tmp_path / "c.yaml")]
    )  # fmt: skip
    assert code == 0, err
    proposed, shipped = load_contract(tmp_path / "c.yaml"), load_contract()
    assert proposed.feature_names == shipped.feature_names
    assert [f.kind for f in proposed.features] == [f.kind for f in shipped.features]
    assert set(proposed.feature("region").categories) == set(shipped.feature("region").categories)
    assert proposed.segment == "region"


@pytest.mark.parametrize(
    "case, task, extra, message",
    [
        ("regression-label-text", "regression", ("--label", "name"),
         "label 'name' holds text or true/false values; a regression label is a number"),
        ("binary-label-three-values", "binary", ("--label", "grade"),
         "label 'grade' holds 1, 2, 3; a binary label holds 0 and 1"),
        ("multiclass-two-values", "multiclass", ("--label", "target"),
         "a multiclass label holds at least 3"),
        ("missing-label", "binary", ("--label", "outcome"),
         "--label 'outcome' is not a column of the sample"),
        ("empty-values", "binary", ("--label", "target", "--ignore", "name"),
         "column 'gaps' is empty in every row: leave it out with --ignore"),
        ("text-not-category", "binary", ("--label", "target", "--ignore", "gaps"),
         "column 'name' holds 60 distinct text values: it is no category (at most 50 in a "
         "draft); pass it as --id if it identifies a row, as --category if its values are a "
         "closed list (a product code), or leave it out with --ignore"),
        # every column that cannot be a feature at once, not one per run
        ("several-columns", "binary", ("--label", "target"),
         "2 columns cannot be features as the sample holds them: column 'name' holds 60 "
         "distinct text values: it is no category (at most 50 in a draft); pass it as --id if "
         "it identifies a row, as --category if its values are a closed list (a product code), "
         "or leave it out with --ignore; column 'gaps' is empty in every "
         "row: leave it out with --ignore (to leave them all out: --ignore name --ignore gaps)"),
        # one column in two roles; an --ignore that names no column (a typo) is not skipped
        ("segment-is-label", "binary", ("--label", "target", "--segment", "target"),
         "--segment 'target' is already the --label column; a column takes one role"),
        ("id-is-label", "binary", ("--label", "row_id"),
         "--id 'row_id' is already the --label column; a column takes one role"),
        ("ignore-label", "binary", ("--label", "target", "--ignore", "target"),
         "--ignore 'target' is already the --label column; a column takes one role"),
        # a label still open in some rows: training refused the proposal it passed
        ("label-with-gaps", "binary",
         ("--label", "renewed", "--ignore", "name", "--ignore", "gaps"),
         "label 'renewed' is empty in 20 row(s): a row without its outcome cannot train"),
        ("category-is-label", "binary", ("--label", "target", "--category", "target"),
         "--category 'target' is already the --label column; a column takes one role"),
        ("ignore-unknown", "binary", ("--label", "target", "--ignore", "nmae"),
         "--ignore 'nmae' is not a column of the sample"),
    ],
)  # fmt: skip
def test_infer_refuses_a_sample_that_cannot_be_a_contract(
    tmp_path: Path, case: str, task: str, extra: tuple[str, ...], message: str
) -> None:
    data = tmp_path / "sample.csv"
    pd.DataFrame(
        {"row_id": range(60), "name": [f"n{i}" for i in range(60)], "grade": [1, 2, 3] * 20,
         "target": [0, 1] * 30, "gaps": [None] * 60, "renewed": [0, 1, None] * 20}
    ).to_csv(data, index=False)  # fmt: skip
    argv = ["contract", "infer", "--data", str(data), "--task", task, "--id", "row_id"]
    code, _, err = call([*argv, *extra, "--out", str(tmp_path / "c.yaml")])
    assert code == ExitCode.BAD_DATA, err
    assert message in err
    assert not (tmp_path / "c.yaml").exists()


@dataclass(frozen=True)
class Ignored:
    """A table with a column that is no model input, its contract, and a trained workdir."""

    data: Path
    contract: Path
    workdir: Path
    trained: tuple[int, str, str]


@pytest.fixture(scope="module")
def ignored(tmp_path_factory: pytest.TempPathFactory) -> Ignored:
    """``contract infer --ignore loaded_at`` on a table with a load time, then ``train`` on it."""
    folder = tmp_path_factory.mktemp("ignored")
    frame = pd.read_csv(bundled("breast_cancer", folder))
    frame["loaded_at"] = [f"2026-11-{1 + i % 28:02d}T0{i % 10}:00" for i in range(len(frame))]
    data = folder / "with-load-time.csv"
    frame.to_csv(data, index=False)
    contract, workdir = folder / "contract.yaml", folder / "work"
    code, _, err = infer(data, "binary", contract, "--ignore", "loaded_at")
    assert code == 0, err
    trained = call(["train", "--workdir", str(workdir), "--data", str(data), "--contract",
                    str(contract), "--set", "data.min_rows=100"])  # fmt: skip
    return Ignored(data, contract, workdir, trained)


def test_an_ignored_column_stays_in_the_data_and_out_of_the_model(ignored: Ignored) -> None:
    """The contract left the column out, and then training refused the very sample it was
    proposed from: "unexpected column(s): loaded_at" (the advice to --ignore led nowhere)."""
    contract = load_contract(ignored.contract)
    assert contract.ignore == ("loaded_at",)
    assert "loaded_at" not in contract.feature_names
    code, out, err = ignored.trained
    assert code == ExitCode.OK, out + err
    assert f"registered: {MODEL} version 1" in out
    validated = pd.read_parquet(
        next(ignored.workdir.glob("runs/*/validate/validated_data/data.parquet"))
    )
    assert "loaded_at" not in validated.columns  # dropped when read: no later step sees it


@pytest.mark.batch
def test_batch_score_reads_past_an_ignored_column(ignored: Ignored, tmp_path: Path) -> None:
    frame = batch_scored(ignored.workdir, ignored.data, tmp_path / "scored.csv")
    assert len(frame) == len(pd.read_csv(ignored.data))


@pytest.mark.online
def test_monitor_reads_past_an_ignored_column(ignored: Ignored) -> None:
    code, out, err = call(["monitor", "--workdir", str(ignored.workdir), "--current",
                           str(ignored.data)])  # fmt: skip
    assert code == ExitCode.OK, out + err


def test_infer_never_overwrites_a_contract(tmp_path: Path) -> None:
    data = bundled("breast_cancer", tmp_path)
    reviewed = tmp_path / "contract.yaml"
    reviewed.write_text("# reviewed by a person\n")
    code, _, err = infer(data, "binary", reviewed)
    assert code == ExitCode.USAGE
    assert "exists; choose another file" in err
    assert reviewed.read_text() == "# reviewed by a person\n"


REGRESSOR = "sklearn.ensemble.HistGradientBoostingRegressor"

# Three tables of three tasks, each moved in with a contract file and configuration only:
# dataset, task, settings, the holdout figure and how good it must be, what the answer holds.
TASKS = {
    "binary": ("breast_cancer", [], ("roc_auc", 0.95), {PROB, DECISION}),
    "multiclass": (
        "wine",
        ["--set", "gate.metric=macro_f1"],
        ("macro_f1", 0.85),
        {DECISION, PROB, f"{PROB}_0", f"{PROB}_1", f"{PROB}_2"},
    ),
    "regression": (
        "diabetes",
        ["--set", f"model.estimator={REGRESSOR}",
         "--set", "gate.metric=rmse", "--set", "gate.direction=lower"],
        ("r2", 0.3),
        {DECISION},
    ),
}  # fmt: skip


def holdout_figure(out: str, metric: str) -> float:
    return float(out.split("holdout: ")[1].split(f"{metric} ")[1].split(",")[0].split()[0])


@dataclass(frozen=True)
class Moved:
    """A project moved to one of the bundled tables: its data, workdir and batch of rows."""

    task: str
    data: Path
    workdir: Path
    batch: Path
    out: str


@pytest.fixture(scope="module", params=list(TASKS))
def moved(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Moved:
    """Train a champion on the table, then a worse challenger the gate must refuse."""
    task = request.param
    name, settings, _, _ = TASKS[task]
    folder = tmp_path_factory.mktemp(task)
    data = bundled(name, folder)
    code, _, err = infer(data, task, folder / "contract.yaml")
    assert code == 0, err
    workdir = folder / "work"
    base = ["--workdir", str(workdir), "--data", str(data), "--contract",
            str(folder / "contract.yaml"), "--set", "data.min_rows=100", *settings]  # fmt: skip
    code, first, err = call(["train", *base])
    assert code == 0, err
    # a worse challenger (two boosting rounds at learning rate 0.01) is never promoted
    code, worse, err = call(["train", *base, "--set", "model.params.max_iter=2",
                             "--set", "model.params.learning_rate=0.01"])  # fmt: skip
    assert code == 0, err
    batch = folder / "batch"
    batch.mkdir()
    pd.read_csv(data).drop(columns=["target"]).head(120).to_csv(batch / "b.csv", index=False)
    return Moved(task, data, workdir, batch, first + "\n=== worse ===\n" + worse)


def test_a_new_dataset_trains_and_gates_with_a_contract_file_and_config(moved: Moved) -> None:
    _, _, (metric, least), _ = TASKS[moved.task]
    first, worse = moved.out.split("=== worse ===")
    assert "gate: approved" in first
    assert holdout_figure(first, metric) > least
    assert "gate: rejected" in worse
    versions, aliases = registry_state(moved.workdir)
    assert (versions, aliases["champion"]) == (["1", "2"], "1")


def test_shuffled_labels_stop_the_run_and_keep_the_champion(moved: Moved, tmp_path: Path) -> None:
    """A regressor's champion had no registered figure to fall from: a challenger trained on
    shuffled labels was judged by the reference holdout alone and registered (rejected). Every
    task's champion is now checked against its registered ROC AUC (a regressor's R²)."""
    import numpy as np

    frame = pd.read_csv(moved.data)
    frame["target"] = np.random.default_rng(5).permutation(frame["target"].to_numpy())
    shuffled = tmp_path / "shuffled.csv"
    frame.to_csv(shuffled, index=False)
    before = registry_state(moved.workdir)
    _, settings, _, _ = TASKS[moved.task]
    code, out, err = call(
        ["train", "--workdir", str(moved.workdir), "--data", str(shuffled), "--contract",
         str(moved.data.parent / "contract.yaml"), "--set", "data.min_rows=100", *settings]
    )  # fmt: skip
    assert code == ExitCode.BAD_DATA, out + err
    figure = "R²" if moved.task == "regression" else "ROC AUC"
    assert f"error: the champion (version 1) scores {figure} " in err
    assert "stopped at step gate; nothing was registered" in err
    assert registry_state(moved.workdir) == before


def test_the_champion_watches_for_drift_with_its_own_contract(moved: Moved, tmp_path: Path) -> None:
    whole = tmp_path / "whole.csv"  # the table it was trained on has not drifted
    pd.read_csv(moved.data).drop(columns=["target"]).to_csv(whole, index=False)
    code, out, err = call(["monitor", "--workdir", str(moved.workdir), "--current", str(whole)])
    assert code == ExitCode.OK, out + err


def batch_scored(workdir: Path, batch: Path, out: Path) -> pd.DataFrame:
    """Run ``batch-score`` on the champion of ``workdir``; the rows it wrote."""
    code, _, err = call(["batch-score", "--workdir", str(workdir), "--input", str(batch),
                         "--output", str(out)])  # fmt: skip
    assert code == 0, err
    return pd.read_csv(out)


@pytest.mark.batch
def test_the_champion_batch_scores_the_new_table(moved: Moved, tmp_path: Path) -> None:
    frame = batch_scored(moved.workdir, moved.batch, tmp_path / "scored.csv")
    assert set(frame.columns) == {"file", "row_id", *TASKS[moved.task][3]}
    assert len(frame) == 120


def check_online_answers(
    workdir: Path, task: str, rows: pd.DataFrame, folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The online ``run()`` answers ``rows`` with the task's columns and the model's own scores."""
    from reference_impl.modeling.packaging import load_model_dir
    from reference_impl.registry import CHAMPION
    from reference_impl.scoring import score

    download_champion(workdir, folder, CHAMPION)
    monkeypatch.setenv("AZUREML_MODEL_DIR", str(folder))
    score.init()
    answer = score.run(json.dumps({"data": rows.to_dict(orient="records")}))
    predictions = answer["predictions"]
    assert [set(p) for p in predictions] == [TASKS[task][3]] * len(rows)
    # the decision threshold is named only where a decision uses it
    assert ("threshold" in answer["model"]) == (task == "binary")
    # what a release's smoke tests send and check: rows built from the model's own contract
    from reference_impl.azureml.online import smoke_check
    from reference_impl.scoring.smoke_request import smoke_request

    request = smoke_request(load_model_dir(folder).contract)
    assert smoke_check(request, json.dumps(score.run(json.dumps(request))), task) is None
    expected = load_model_dir(folder).scores(rows)  # the model itself, in process
    if task == "binary":
        assert [p[PROB] for p in predictions] == pytest.approx(expected.tolist(), abs=1e-6)
    elif task == "multiclass":
        assert [p[PROB] for p in predictions] == pytest.approx(expected.max(axis=1), abs=1e-6)
    else:
        assert [p[DECISION] for p in predictions] == pytest.approx(expected.tolist(), abs=1e-6)


@pytest.mark.online
def test_the_champion_answers_online_per_task(
    moved: Moved, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    rows = pd.read_csv(moved.batch / "b.csv").drop(columns=["row_id"]).head(3)
    check_online_answers(moved.workdir, moved.task, rows, tmp_path / "served", monkeypatch)


def download_champion(workdir: Path, folder: Path, alias: str) -> None:
    from reference_impl.registry import alias_version, download_version
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    use_workdir(Workdir.at(workdir))
    version = alias_version(MODEL, alias)
    download_version(MODEL, version.version, folder)


@pytest.mark.parametrize(
    "estimator, params",
    [
        ("lightgbm.LGBMClassifier", ["n_estimators=80", "learning_rate=0.05", "num_leaves=15",
                                     "verbose=-1"]),
        ("xgboost.XGBClassifier", ["n_estimators=80", "learning_rate=0.05", "max_depth=3"]),
    ],
)  # fmt: skip
def test_lightgbm_and_xgboost_are_one_config_line_each(
    tmp_path: Path, estimator: str, params: list[str]
) -> None:
    workdir = tmp_path / "work"
    settings = ["--set", f"model.estimator={estimator}", "--set", "model.params={}"]
    settings += [item for value in params for item in ("--set", f"model.params.{value}")]
    code, out, err = call(["train", "--workdir", str(workdir), *settings])
    assert code == 0, err
    assert "gate: approved" in out
    holdout = float(out.split("holdout: roc_auc ")[1].split(",")[0])
    assert holdout > 0.8  # the default model scores 0.821 on this holdout
    from reference_impl.data import FRESH_BATCH
    from reference_impl.modeling.packaging import load_model_dir
    from reference_impl.registry import CHAMPION

    download_champion(workdir, tmp_path / "champion", CHAMPION)  # loads as skops trusts it
    champion = load_model_dir(tmp_path / "champion")
    assert type(champion.estimator[-1]).__name__ == estimator.rpartition(".")[2]
    scores = champion.scores(pd.read_csv(FRESH_BATCH))
    assert len(scores) == len(pd.read_csv(FRESH_BATCH))
    assert ((scores >= 0) & (scores <= 1)).all()
    code, out, err = call(["monitor", "--workdir", str(workdir), "--current", str(FRESH_BATCH)])
    assert code == ExitCode.OK, out + err


@pytest.mark.parametrize(
    "estimator, setting, expected",
    [
        ("sklearn.ensemble.HistGradientBoostingClassifier", "class_weight={0: 1, 1: 5}",
         {0: 1, 1: 5}),  # integer keys: the classes as the label holds them
        ("sklearn.neural_network.MLPClassifier", "hidden_layer_sizes=[16, 8]", [16, 8]),
    ],
    ids=["mapping", "list"],
)  # fmt: skip
def test_a_list_or_mapping_parameter_reaches_the_fitted_estimator(
    tmp_path: Path, estimator: str, setting: str, expected: object
) -> None:
    from reference_impl.modeling.packaging import load_model_dir
    from reference_impl.registry import CHAMPION

    workdir = tmp_path / "work"
    name = setting.partition("=")[0]
    settings = ["--set", f"model.estimator={estimator}", "--set", "model.params={}"]
    code, out, err = call(["train", "--workdir", str(workdir), *settings,
                           "--set", f"model.params.{setting}"])  # fmt: skip
    assert code == 0, err
    assert "gate: approved" in out
    download_champion(workdir, tmp_path / "champion", CHAMPION)
    fitted = load_model_dir(tmp_path / "champion").estimator[-1]
    assert type(fitted).__name__ == estimator.rpartition(".")[2]
    assert getattr(fitted, name) == expected
    assert type(getattr(fitted, name)) is type(expected)


@pytest.mark.parametrize("task", ["multiclass", "regression"])
def test_the_model_card_shows_each_group_of_the_segment_for_every_task(
    tmp_path: Path, task: str
) -> None:
    """fairlearn compares yes/no decisions only: a multi-class or regression model's card said
    "Not measured" and sent its reviewer to segments.json for the groups the gate compared."""
    name, settings, _, _ = TASKS[task]
    frame = pd.read_csv(bundled(name, tmp_path))
    measure = frame.columns[1]  # the first measurement: a band above and below its median
    frame["band"] = (frame[measure] > frame[measure].median()).map({True: "high", False: "low"})
    data = tmp_path / "banded.csv"
    frame.to_csv(data, index=False)
    code, _, err = infer(data, task, tmp_path / "contract.yaml", "--segment", "band")
    assert code == 0, err
    workdir = tmp_path / "work"
    table = ["--data", str(data), "--contract", str(tmp_path / "contract.yaml")]
    code, _, err = call(["train", "--workdir", str(workdir), *table, "--set", "data.min_rows=100",
                         *settings])  # fmt: skip
    assert code == 0, err
    (text,) = {p.read_text() for p in workdir.rglob("segments.json")}  # one run (and its copy)
    segments = json.loads(text)
    assert [r["segment"] for r in segments] == ["high", "low"]
    (card,) = {p.read_text() for p in workdir.rglob("model_card.md")}
    assert "## Holdout metrics per `band`" in card
    for record in segments:
        assert f"| {record['segment']} | {record['rows']} |" in card
    figure, pick = ("mae", max) if task == "regression" else ("recall", min)
    weakest = pick(segments, key=lambda r: r[figure])
    assert f"- Weakest group: `{weakest['segment']}`" in card
    assert "segments.json" in card  # the fairness section says where the figures come from


def features_with(feature: str, **change: object) -> dict:
    """The shipped contract's features, with the one named ``feature`` changed."""
    features = SHIPPED["features"]
    return {"features": [{**f, **change} if f["name"] == feature else f for f in features]}


def contract_with(tmp_path: Path, change: dict) -> Path:
    raw = {**SHIPPED, **change}
    path = tmp_path / "contract.yaml"
    path.write_text(yaml.safe_dump(raw))
    return path


@pytest.mark.parametrize(
    "case, change, code, message",
    [
        ("unknown-kind", {"features": [{**SHIPPED["features"][0], "kind": "text"}]},
         ExitCode.USAGE,
         "features[0] (tenure_months).kind: Input should be 'integer', 'number' or 'category'"),
        ("category-without-list", {"features": [{"name": "plan", "kind": "category"}]},
         ExitCode.USAGE, "feature 'plan' is a category but lists no categories"),
        ("label-is-a-feature", {"label": "age"}, ExitCode.USAGE,
         "label 'age' is also listed as a feature"),
        ("label-missing-in-data", {"label": "renewed"}, ExitCode.BAD_DATA,
         "missing label column 'renewed'"),
        # each of these was taken, and then the data or model.params was blamed (or it trained)
        ("bound-not-finite", features_with("tenure_months", maximum=float("inf")),
         ExitCode.USAGE, "features[0] (tenure_months).maximum: Input should be a finite number"),
        ("bound-not-a-number", features_with("tenure_months", minimum=float("nan")),
         ExitCode.USAGE, "features[0] (tenure_months).minimum: Input should be a finite number"),
        ("bound-is-boolean", features_with("tenure_months", minimum=True),
         ExitCode.USAGE, "features[0] (tenure_months).minimum: expected a number, got true"),
        ("category-listed-twice", features_with("plan", categories=["basic", "premium", "basic"]),
         ExitCode.USAGE, "feature 'plan' lists category 'basic' twice"),
        ("bounds-on-a-category", features_with("plan", maximum=3),
         ExitCode.USAGE, "feature 'plan' is a category but has a minimum or maximum"),
        ("blank-feature-name", features_with("tenure_months", name=" "),
         ExitCode.USAGE, "features[0]: the feature's name is blank"),
        ("class-listed-twice", {"task": "multiclass", "classes": ["stay", "leave", "stay"]},
         ExitCode.USAGE, "classes lists 'stay' twice"),
        ("ignore-names-a-feature", {"ignore": ["age"]},
         ExitCode.USAGE, "ignore lists 'age', which the contract uses"),
    ],
)  # fmt: skip
def test_a_contract_that_does_not_fit_stops_before_training(
    tmp_path: Path, case: str, change: dict, code: int, message: str
) -> None:
    workdir = tmp_path / "work"
    contract = contract_with(tmp_path, change)
    got, out, err = call(["train", "--workdir", str(workdir), "--contract", str(contract)])
    assert got == code, out + err
    assert message in err
    assert "Traceback" not in err
    if (workdir / "mlflow.db").exists():  # the data check ran: nothing was registered
        from mlflow import MlflowClient

        from reference_impl.tracking import use_workdir
        from reference_impl.workdir import Workdir

        use_workdir(Workdir.at(workdir))
        assert MlflowClient().search_model_versions() == []


def test_a_contract_that_is_not_yaml_is_a_usage_error(tmp_path: Path) -> None:
    bad = tmp_path / "contract.yaml"
    bad.write_text("features: [\n")
    code, _, err = call(["train", "--workdir", str(tmp_path / "w"), "--contract", str(bad)])
    assert code == ExitCode.USAGE
    assert "not valid YAML" in err
    assert not (tmp_path / "w").exists()


def test_a_label_of_the_wrong_kind_for_the_task_is_bad_data(tmp_path: Path) -> None:
    from reference_impl.data import TRAINING_DATA

    frame = pd.read_csv(TRAINING_DATA, dtype={"customer_id": str})
    frame["cancelled"] = frame["late_payments_12m"]  # counts 0..12 where 0/1 is expected
    data = tmp_path / "counts.csv"
    frame.to_csv(data, index=False)
    workdir = tmp_path / "work"
    code, out, err = call(["train", "--workdir", str(workdir), "--data", str(data)])
    assert code == ExitCode.BAD_DATA, out + err
    assert "column 'cancelled': 1236 value(s) not in the allowed set (0, 1)" in err
    assert "stopped at step validate; nothing was registered" in err


@pytest.mark.parametrize(
    "case, settings, message",
    [
        ("not-importable", ("model.estimator=sklearn.nothing.Here",),
         "model.estimator 'sklearn.nothing.Here': module 'sklearn.nothing' does not import"),
        ("no-such-class", ("model.estimator=sklearn.linear_model.Nothing",),
         "sklearn.linear_model has no class 'Nothing'"),
        ("not-an-estimator", ("model.estimator=sklearn.preprocessing.StandardScaler",),
         "is not a scikit-learn estimator for a binary task (it has no predict_proba)"),
        ("params-take-probabilities",
         ("model.estimator=sklearn.svm.SVC", "model.params={}"),
         "model.estimator 'sklearn.svm.SVC' has no predict_proba with these model.params, and "
         "a binary task needs it (predict_proba is not available when probability=False)"),
        ("unknown-parameter", ("model.params.max_leafs=3",),
         "model.params.max_leafs: HistGradientBoostingClassifier has no parameter 'max_leafs'"),
        ("refused-value", ("model.params.max_iter=0",),
         "model.params: HistGradientBoostingClassifier refused them"),
    ],
)  # fmt: skip
def test_an_estimator_that_cannot_be_made_stops_before_anything_runs(
    tmp_path: Path, case: str, settings: tuple[str, ...], message: str
) -> None:
    workdir = tmp_path / "work"
    overrides = [arg for setting in settings for arg in ("--set", setting)]
    code, out, err = call(["train", "--workdir", str(workdir), *overrides])
    assert code == ExitCode.USAGE, out + err
    assert message in err
    assert "Traceback" not in err
    assert not workdir.exists()  # no step ran, nothing was created or registered


def test_a_value_lightgbm_refuses_stops_the_train_step_with_nothing_registered(
    tmp_path: Path,
) -> None:
    workdir = tmp_path / "work"
    settings = ["--set", "model.estimator=lightgbm.LGBMClassifier", "--set", "model.params={}"]
    code, out, err = call(
        ["train", "--workdir", str(workdir), *settings, "--set", "model.params.num_leaves=-4"]
    )
    assert code == ExitCode.USAGE, out + err
    assert "model.params: LGBMClassifier refused them" in err
    assert "stopped at step train; nothing was registered" in err


@pytest.mark.parametrize(
    "settings, message",
    [
        pytest.param(
            ["model.estimator=sklearn.naive_bayes.MultinomialNB"],  # the scaled numbers are signed
            "model.estimator, model.params: MultinomialNB could not be fitted to the training "
            "rows as the pipeline prepares them (Negative values in data passed to MultinomialNB "
            "(input X).)",
            id="multinomialnb-signed-numbers"),
        pytest.param(
            ["model.estimator=sklearn.linear_model.LogisticRegression", "model.params.penalty=l1"],
            "model.estimator, model.params: LogisticRegression could not be fitted to the "
            "training rows as the pipeline prepares them (Solver lbfgs supports only 'l2' or None "
            "penalties, got l1 penalty.)",
            id="settings-that-do-not-go-together"),
    ],
)  # fmt: skip
def test_a_fit_that_fails_after_the_settings_were_checked_names_both_keys(
    tmp_path: Path, settings: list[str], message: str
) -> None:
    workdir = tmp_path / "work"
    overrides = ["--set", "model.params={}"] + [a for s in settings for a in ("--set", s)]
    code, out, err = call(["train", "--workdir", str(workdir), *overrides])
    assert code == ExitCode.USAGE, out + err
    assert f"error: {message}\n" in err
    assert "stopped at step train; nothing was registered" in err


def test_the_command_offers_exactly_the_contract_tasks() -> None:
    from reference_impl.commands.contract import TASK_CHOICES
    from reference_impl.contract import TASKS

    assert TASK_CHOICES == TASKS


@pytest.mark.parametrize("case", ["missing-file", "not-a-table"])
def test_infer_refuses_a_sample_it_cannot_read(tmp_path: Path, case: str) -> None:
    data = tmp_path / "sample.parquet"
    if case == "not-a-table":
        data.write_bytes(b"\x00 not parquet")
    code, _, err = infer(data, "binary", tmp_path / "c.yaml")
    assert code == ExitCode.BAD_DATA, err
    assert f"--data {data}: " in err
    assert "Traceback" not in err


def _sample(path: Path, **columns: list) -> Path:
    """A 40-row sample: ``row_id``, ``target`` (0/1), then ``columns``, as CSV or Parquet."""
    frame = pd.DataFrame({"row_id": [f"r{i}" for i in range(40)], "target": [0, 1] * 20,
                          **columns})  # fmt: skip
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path)
    return path


# name -> the whole message after "error: " ({d}: the folder the sample is written to)
UNREADABLE_SAMPLES = {
    "header-twice": "--data {d}/s.csv: duplicate column name(s) in the header: a",
    "id-repeated": "--id 'row_id' repeats 1 value(s); an identifier names one row, and training "
    "refuses repeats",
    "header-only": "the sample has a header but no rows",
    "list-column": "column 'a' holds list values, which a contract cannot describe (a feature is "
    "a number, a category or true/false): derive one from it in the data, or leave the column "
    "out with --ignore",
    "date-column": "column 'a' holds dates or times, which a contract cannot describe (a feature "
    "is a number, a category or true/false): derive one from it in the data, or leave the "
    "column out with --ignore",
    "date-text-column": "column 'a' holds dates or times, which a contract cannot describe (a "
    "feature is a number, a category or true/false): derive one from it in the data, or leave "
    "the column out with --ignore",
    "timestamp-text-column": "column 'a' holds dates or times, which a contract cannot describe "
    "(a feature is a number, a category or true/false): derive one from it in the data, or "
    "leave the column out with --ignore",
    "infinite-values": "column 'a' holds infinite values, which no range can hold: replace them "
    "in the data, or leave the column out with --ignore",
}


def _unreadable(case: str, folder: Path) -> Path:
    """Write the sample of an ``UNREADABLE_SAMPLES`` case into ``folder``."""
    csv = folder / "s.csv"
    if case == "header-twice":
        csv.write_text("row_id,a,a,target\nr1,1,2,0\nr2,3,4,1\n")
    elif case == "id-repeated":
        _sample(csv, a=[1, 2] * 20).write_text(csv.read_text().replace("r1,", "r0,", 1))
    elif case == "header-only":
        csv.write_text("row_id,a,target\n")
    elif case == "list-column":
        return _sample(folder / "s.parquet", a=[[1, 2]] * 40)
    elif case == "date-text-column":  # a CSV's monthly snapshot date became a category
        return _sample(csv, a=["2026-10-01", "2026-11-01"] * 20)
    elif case == "timestamp-text-column":  # a load time as Spark writes it in a CSV file
        return _sample(csv, a=["2026-11-30T03:00:00.000Z"] * 39 + [""])
    elif case == "infinite-values":  # a float column: it proposed ``maximum: .inf``
        return _sample(folder / "s.parquet", a=[0.5, float("inf")] * 20)
    else:
        return _sample(folder / "s.parquet", a=pd.date_range("2026-01-01", periods=40).tolist())
    return csv


@pytest.mark.parametrize("case", sorted(UNREADABLE_SAMPLES))
def test_infer_refuses_a_sample_training_would_refuse_or_could_not_describe(
    tmp_path: Path, case: str
) -> None:
    """Read with pandas, a repeated header name became ``a.1`` in the contract, a repeated id
    and a header-only sample passed (the latter as "label 'target' holds ;"), and a Parquet
    list or date column became a category of ``'[1 2]'`` or ``'2026-01-01'`` strings, as did
    the dates and load times of a CSV file."""
    data = _unreadable(case, tmp_path)
    code, out, err = infer(data, "binary", tmp_path / "c.yaml")
    assert code == ExitCode.BAD_DATA, out + err
    assert (err, out) == (f"error: {UNREADABLE_SAMPLES[case].format(d=tmp_path)}\n", "")
    assert not (tmp_path / "c.yaml").exists()


def test_a_decimal_column_as_spark_writes_it_is_a_number_and_a_decimal_id_keeps_its_digits(
    tmp_path: Path,
) -> None:
    """Money as DECIMAL(10, 2) (Spark, Databricks, Fabric): infer refused it as "Decimal
    values" although train read it; an id stored as DECIMAL(18, 0) must stay ``1001``. Read
    with Arrow's direct cast, ``139.96`` became ``139.96000000000001``: the contract's maximum
    was off, and a contract written from the CSV export refused the table's largest value."""
    from decimal import Decimal

    import pyarrow as pa
    import pyarrow.parquet as pq

    from reference_impl.validation.formats import read_columnar

    rows = 40
    table = pa.table(
        {
            "row_id": pa.array([Decimal(1001 + i) for i in range(rows)], pa.decimal128(18, 0)),
            "target": [0, 1] * (rows // 2),
            "premium": pa.array(
                [Decimal(f"{100 + i}.96") for i in range(rows)], pa.decimal128(10, 2)
            ),
        }
    )
    pq.write_table(table, tmp_path / "s.parquet")
    code, out, err = infer(tmp_path / "s.parquet", "binary", tmp_path / "c.yaml")
    assert code == 0, out + err
    feature = yaml.safe_load((tmp_path / "c.yaml").read_text())["features"][0]
    assert feature == {"name": "premium", "kind": "number", "minimum": 100.96, "maximum": 139.96}
    frame = read_columnar(
        tmp_path / "s.parquet", required=["row_id", "premium"], label="target", text=["row_id"]
    )
    assert str(frame["premium"].dtype) == "float64"
    assert frame["premium"].tolist() == [float(f"{100 + i}.96") for i in range(rows)]  # as CSV
    assert frame["row_id"].tolist()[:2] == ["1001", "1002"]


def test_a_single_precision_column_reads_as_its_csv_export_writes_it(tmp_path: Path) -> None:
    """Spark's ``FloatType`` (or a frame downcast to ``float32``): widened as it is, ``0.1``
    became ``0.10000000149011612``, above a contract maximum of ``0.1`` that the same table
    exported as CSV passed, and ``contract infer`` proposed that number as the maximum."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = 40
    rates = np.array([(i % 10 + 1) / 100 for i in range(rows)], dtype=np.float32)  # 0.01..0.1
    table = pa.table(
        {"row_id": [str(1001 + i) for i in range(rows)], "target": [0, 1] * (rows // 2),
         "rate": pa.array(rates)}
    )  # fmt: skip
    pq.write_table(table, tmp_path / "s.parquet")
    code, out, err = infer(tmp_path / "s.parquet", "binary", tmp_path / "c.yaml")
    assert code == 0, out + err
    feature = yaml.safe_load((tmp_path / "c.yaml").read_text())["features"][0]
    assert feature == {"name": "rate", "kind": "number", "minimum": 0.01, "maximum": 0.1}


def test_infer_reads_a_delta_table_at_its_latest_version(tmp_path: Path) -> None:
    """As a plain Parquet folder, an overwritten Delta table gave the rows of both versions."""
    from deltalake import write_deltalake

    table = tmp_path / "table"
    old = pd.read_csv(_sample(tmp_path / "old.csv", a=list(range(40))), dtype={"row_id": str})
    write_deltalake(table, old)
    write_deltalake(table, old.head(30).assign(a=old.a.head(30) + 100), mode="overwrite")
    code, _, err = infer(table, "binary", tmp_path / "c.yaml")
    assert code == 0, err
    text = (tmp_path / "c.yaml").read_text()
    assert f"from {table} (30 rows)" in text
    feature = yaml.safe_load(text)["features"][0]
    assert (feature["name"], feature["minimum"], feature["maximum"]) == ("a", 100, 129)


def test_the_gate_compares_an_error_metric_in_its_direction(tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    gate = ["--set", "gate.metric=log_loss", "--set", "gate.direction=lower"]
    code, out, err = call(["train", "--workdir", str(workdir), *gate])
    assert code == 0, err
    assert "gate: approved" in out
    code, out, err = call(["train", "--workdir", str(workdir), *gate,
                           "--set", "model.params.max_iter=3"])  # fmt: skip
    assert code == 0, err
    assert "gate: rejected" in out
    assert "(lower is better: gain -" in out  # three rounds: a higher log loss, refused
    assert registry_state(workdir)[1]["champion"] == "1"


def test_a_gate_direction_against_its_metric_stops_before_anything_runs(tmp_path: Path) -> None:
    workdir = tmp_path / "work"
    code, _, err = call(["train", "--workdir", str(workdir), "--set", "gate.metric=log_loss"])
    assert code == ExitCode.USAGE
    assert "direction is higher but a lower log_loss is better; set gate.direction: lower" in err
    assert not workdir.exists()


def test_a_regression_label_with_text_is_bad_data(tmp_path: Path) -> None:
    data = bundled("diabetes", tmp_path)
    code, _, err = infer(data, "regression", tmp_path / "contract.yaml")
    assert code == 0, err
    frame = pd.read_csv(data)
    frame["target"] = frame["target"].astype(object)
    frame.loc[[3, 8], "target"] = "high"  # an export that wrote a band instead of the value
    frame.to_csv(data, index=False)
    workdir = tmp_path / "work"
    settings = ["--set", "data.min_rows=100", "--set", f"model.estimator={REGRESSOR}",
                "--set", "gate.metric=rmse", "--set", "gate.direction=lower"]  # fmt: skip
    contract = ["--contract", str(tmp_path / "contract.yaml")]
    code, out, err = call(
        ["train", "--workdir", str(workdir), "--data", str(data), *contract, *settings]
    )
    assert code == ExitCode.BAD_DATA, out + err
    assert "column 'target': 2 value(s) are not numbers: 'high' (line 5), 'high' (line 10)" in err
    assert "stopped at step validate; nothing was registered" in err


def test_a_gate_metric_the_task_does_not_measure_is_a_usage_error(tmp_path: Path) -> None:
    data = bundled("diabetes", tmp_path)
    code, _, err = infer(data, "regression", tmp_path / "contract.yaml")
    assert code == 0, err
    workdir = tmp_path / "work"
    code, _, err = call(["train", "--workdir", str(workdir), "--data", str(data),
                         "--contract", str(tmp_path / "contract.yaml"),
                         "--set", f"model.estimator={REGRESSOR}"])  # fmt: skip
    assert code == ExitCode.USAGE
    assert (
        "gate.metric roc_auc is not measured for a regression task; choose one of mae, r2, rmse"
        in err
    )
    assert not workdir.exists()


def test_a_classifier_for_a_regression_contract_is_a_usage_error(tmp_path: Path) -> None:
    data = bundled("diabetes", tmp_path)
    code, _, err = infer(data, "regression", tmp_path / "contract.yaml")
    assert code == 0, err
    workdir = tmp_path / "work"
    contract = ["--contract", str(tmp_path / "contract.yaml")]
    code, _, err = call(["train", "--workdir", str(workdir), "--data", str(data), *contract])
    assert code == ExitCode.USAGE
    (sentence,) = err.splitlines()  # both keys a new task changes, in one run, not one per run
    assert "is a classifier; a regression task needs a regressor" in sentence
    assert "; and gate.metric roc_auc is not measured for a regression task" in sentence
    assert not workdir.exists()


def _many_values(path: Path) -> Path:
    """200 rows: ``make`` of 80 names, ``district`` codes as numbers with a gap, ``premium``."""
    rows = range(200)
    frame = pd.DataFrame({
        "row_id": [f"r{i}" for i in rows], "target": [i % 2 for i in rows],
        "make": [f"make_{i % 80:02d}" for i in rows],
        "district": [None if i == 7 else 1000 + i % 60 for i in rows],
        "premium": [40.5 + i % 17 for i in rows],
    })  # fmt: skip
    if path.suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        frame.to_parquet(path)
    return path


@pytest.mark.parametrize("suffix", [".csv", ".parquet"])
def test_category_describes_a_closed_list_of_many_values_and_codes_written_as_numbers(
    tmp_path: Path, suffix: str
) -> None:
    """A text column of more than 50 values was refused, with no way to keep it as a feature
    but writing its categories by hand; a column of codes stored as numbers became a range."""
    from reference_impl.steps.validate import validate_file

    data = _many_values(tmp_path / f"sample{suffix}")
    code, _, err = infer(data, "binary", tmp_path / "refused.yaml")
    assert code == ExitCode.BAD_DATA
    assert "as --category if its values are a closed list (a product code)" in err
    out = tmp_path / "contract.yaml"
    code, _, err = infer(data, "binary", out, "--category", "make", "--category", "district")
    assert code == 0, err
    features = {f.name: f for f in load_contract(out).features}
    assert features["make"].kind == features["district"].kind == "category"
    assert len(features["make"].categories) == 80
    assert len(features["district"].categories) == 60 and features["district"].nullable
    assert features["premium"].kind == "number"
    (tmp_path / "validated").mkdir()
    report = validate_file(data, tmp_path / "validated", min_rows=100, contract=str(out))
    assert report["rows"] == 200  # training reads the codes as the contract lists them
