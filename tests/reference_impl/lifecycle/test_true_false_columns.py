"""A true/false column, however a file spells it: a Parquet boolean, ``true`` or ``TRUE``.

Before, a contract inferred from a Parquet boolean column (categories ``False``/``True``)
refused a CSV that Spark wrote (``true``/``false``) in ``train``, ``batch-score`` and
``monitor`` (every row counted as an unknown category), and the other way round.
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from reference_impl.data import TRAINING_DATA
from tests.reference_impl.identity import PROB
from tests.reference_impl.lifecycle.conftest import WEAKER, call, train

SPELLINGS = {"parquet": None, "spark": ("false", "true"), "excel": ("FALSE", "TRUE")}
"""How each file writes the column: a typed boolean, or the text for False and True."""


def write(frame: pd.DataFrame, folder: Path, spelling: str) -> Path:
    """``frame`` as the file a team would get with that spelling of ``autopay``."""
    if SPELLINGS[spelling] is None:
        path = folder / f"{spelling}.parquet"
        frame.to_parquet(path, index=False)
        return path
    path = folder / f"{spelling}.csv"
    false, true = SPELLINGS[spelling]
    frame.assign(autopay=frame["autopay"].map({False: false, True: true})).to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def lake(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A contract inferred from the Parquet table, and a model trained on Excel's spelling."""
    folder = tmp_path_factory.mktemp("true-false")
    frame = pd.read_csv(TRAINING_DATA)
    frame["autopay"] = frame["payment_method"].eq("card") & frame.index.to_series().mod(3).ne(0)
    parquet = write(frame, folder, "parquet")
    contract = folder / "contract.yaml"
    code, _, err = call(["contract", "infer", "--data", str(parquet), "--label", "cancelled",
                           "--task", "binary", "--id", "customer_id", "--segment", "region",
                           "--out", str(contract)])  # fmt: skip
    assert code == 0, err
    workdir = folder / "work"
    excel = write(frame, folder, "excel")
    run = train(workdir, "--data", str(excel), "--contract", str(contract), *WEAKER)
    assert run.exit_code == 0, run.err
    batch = frame.drop(columns=["cancelled"]).head(300)
    inputs = {}
    for spelling in SPELLINGS:
        (folder / f"in-{spelling}").mkdir()
        inputs[spelling] = write(batch, folder / f"in-{spelling}", spelling)
    return {"contract": contract, "workdir": workdir, "folder": folder, **inputs}


def test_infer_keeps_the_parquet_spelling(lake: dict[str, Path]) -> None:
    text = lake["contract"].read_text(encoding="utf-8")
    assert "- name: autopay\n  kind: category\n  categories:\n  - 'False'\n  - 'True'\n" in text


@pytest.mark.batch
def test_every_spelling_scores_alike(lake: dict[str, Path]) -> None:
    scored = {}
    for spelling in SPELLINGS:
        out = lake["folder"] / f"predictions-{spelling}.csv"
        folder = lake[spelling].parent
        code, printed, err = call(["batch-score", "--workdir", str(lake["workdir"]),
                                   "--input", str(folder), "--output", str(out)])  # fmt: skip
        assert code == 0, err
        assert "scored 300 rows" in printed
        scored[spelling] = pd.read_csv(out)[PROB].tolist()
    assert scored["spark"] == scored["parquet"] == scored["excel"]
    # the column changes the model's answer: a spelling read as another value would show
    frame = pd.read_parquet(lake["parquet"])
    flipped = lake["folder"] / "in-flipped"
    flipped.mkdir()
    write(frame.assign(autopay=~frame["autopay"]), flipped, "spark")
    out = lake["folder"] / "predictions-flipped.csv"
    code, _, err = call(["batch-score", "--workdir", str(lake["workdir"]),
                         "--input", str(flipped), "--output", str(out)])  # fmt: skip
    assert code == 0, err
    assert pd.read_csv(out)[PROB].tolist() != scored["parquet"]


@pytest.mark.online
def test_monitor_counts_no_spelling_as_an_unknown_category(lake: dict[str, Path]) -> None:
    code, printed, err = call(["monitor", "--workdir", str(lake["workdir"]),
                               "--current", str(lake["spark"])])  # fmt: skip
    assert code in (0, 3), err
    report = Path(printed.split("report: ", 1)[1].split(";", 1)[0])
    autopay = json.loads(report.read_text(encoding="utf-8"))["features"]["autopay"]
    assert autopay["invalid"] == 0  # each was an unknown category
    assert autopay["psi"] < 0.05  # the rows share the training table's: true is its True


def test_other_values_and_gaps_are_left_for_the_contracts_checks(lake: dict[str, Path]) -> None:
    from reference_impl.contract import load_contract
    from reference_impl.validation.true_false import spell_true_false

    contract = load_contract(lake["contract"])
    mixed = pd.DataFrame({"autopay": [True, None, "TRUE", "yes", "false", float("nan")]})
    spelled = spell_true_false(mixed, contract)["autopay"].tolist()
    assert spelled[:5] == ["True", None, "True", "yes", "False"] and pd.isna(spelled[5])
    already = pd.DataFrame({"autopay": ["True", "False"]})
    assert spell_true_false(already, contract) is already  # nothing to rewrite: no copy
    # a missing value is still refused by name, not read as false
    code, _, err = call(["batch-score", "--workdir", str(lake["workdir"]),
                         "--input", str(write_gap(lake["folder"])), "--output",
                         str(lake["folder"] / "never.csv")])  # fmt: skip
    assert code == 4 and "column 'autopay': 1 empty value(s)" in err
    assert not (lake["folder"] / "never.csv").exists()


def write_gap(folder: Path) -> Path:
    """A Spark CSV whose second row has no autopay value."""
    gap = folder / "in-gap"
    gap.mkdir()
    frame = pd.read_parquet(folder / "parquet.parquet").drop(columns=["cancelled"]).head(5)
    text = frame.assign(autopay=["true", "", "false", "true", "false"]).to_csv(index=False)
    (gap / "gap.csv").write_text(text, encoding="utf-8")
    return gap
