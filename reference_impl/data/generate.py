"""Seeded generator of the synthetic sample data shipped in this folder.

Run ``python -m reference_impl.data.generate`` to rewrite the committed files; a test
checks that the committed files are byte-for-byte what this module produces (the local lake
of :mod:`reference_impl.data.lake` is checked by its rows). The label is
drawn from a known logistic model (see :func:`true_probability`), so the achievable
accuracy is known and a better model is a real improvement, not noise.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from reference_impl.contract import load_contract
from reference_impl.data.lake import write_lake

DATA_DIR = Path(__file__).resolve().parent
CONTRACT = load_contract()  # the sample data follows the shipped contract file


@dataclass(frozen=True)
class Drift:
    """How a later batch differs from the training population.

    Attributes:
        price_increase: EUR added to every monthly bill.
        support_call_factor: Multiplier of the support-call rate (an outage doubles it).
        contract_mix: Share of month-to-month, one-year and two-year contracts.
    """

    price_increase: float = 0.0
    support_call_factor: float = 1.0
    contract_mix: tuple[float, float, float] = (0.50, 0.28, 0.22)


NO_DRIFT = Drift()
# --8<-- [start:drift]
PRICE_RISE_AND_OUTAGE = Drift(
    price_increase=22.0, support_call_factor=2.5, contract_mix=(0.72, 0.17, 0.11)
)
# --8<-- [end:drift]


@dataclass(frozen=True)
class DataFile:
    """One generated file.

    Attributes:
        relative_path: Path under :data:`DATA_DIR`.
        rows: Number of customers.
        seed: Seed of the random generator.
        id_prefix: Prefix of the customer ids, unique per file.
        labelled: Whether the file carries the ``cancelled`` label.
        drift: Population the rows are drawn from.
    """

    relative_path: str
    rows: int
    seed: int
    id_prefix: str
    labelled: bool
    drift: Drift = NO_DRIFT


# --8<-- [start:files]
FILES: tuple[DataFile, ...] = (
    DataFile("customers.csv", rows=10_000, seed=20_240_917, id_prefix="C", labelled=True),
    DataFile("batch/week-01.csv", rows=2_000, seed=20_241_001, id_prefix="W01-", labelled=False),
    DataFile("batch/week-02.csv", rows=2_000, seed=20_241_008, id_prefix="W02-", labelled=False,
             drift=PRICE_RISE_AND_OUTAGE),
)  # fmt: skip
# --8<-- [end:files]
SAMPLE_REQUEST = "sample-request.json"


def _pick(rng: np.random.Generator, name: str, size: int, p: Sequence[float]) -> np.ndarray:
    return rng.choice(np.array(CONTRACT.feature(name).categories), size=size, p=p)


def _features(rng: np.random.Generator, n: int, drift: Drift) -> pd.DataFrame:
    contract = _pick(rng, "contract", n, drift.contract_mix)
    tenure_scale = np.select(
        [contract == "month-to-month", contract == "one-year"], [9.0, 16.0], default=22.0
    )
    tenure = np.clip(np.rint(rng.gamma(2.0, tenure_scale)), 0, 72).astype(int)
    plan = _pick(rng, "plan", n, (0.45, 0.35, 0.20))
    base_price = np.select([plan == "basic", plan == "standard"], [30.0, 60.0], default=95.0)
    monthly = np.clip(base_price + rng.normal(0, 12, n) + drift.price_increase, 10, 200)
    total = np.clip(monthly * tenure * rng.uniform(0.95, 1.05, n), 0, 15_000)
    payment = _pick(rng, "payment_method", n, (0.40, 0.30, 0.20, 0.10))
    region = _pick(rng, "region", n, (0.30, 0.25, 0.25, 0.20))
    call_rate = (1.0 + 1.0 * (plan == "basic")) * drift.support_call_factor
    calls = np.clip(rng.poisson(call_rate), 0, 30)
    usage_mean = np.select([plan == "basic", plan == "standard"], [2.0, 2.8], default=3.4)
    usage = np.clip(rng.lognormal(usage_mean, 0.9, n), 0, 500)
    late = np.clip(rng.poisson(0.5 + 1.0 * (payment == "paper-invoice")), 0, 12)
    age = np.clip(np.rint(rng.normal(44, 15, n)), 18, 100).astype(int)
    return pd.DataFrame(
        {
            "tenure_months": tenure,
            "monthly_charges": monthly.round(2),
            "total_charges": total.round(2),
            "contract": contract,
            "plan": plan,
            "payment_method": payment,
            "region": region,
            "support_calls_90d": calls.astype(int),
            "data_usage_gb": usage.round(1),
            "late_payments_12m": late.astype(int),
            "age": age,
        }
    )


# --8<-- [start:true-probability]
def true_probability(frame: pd.DataFrame) -> np.ndarray:
    """The true probability of cancelling the labels are drawn from.

    Args:
        frame: Feature columns of the contract.

    Returns:
        One probability per row.
    """
    month_to_month = frame["contract"] == "month-to-month"
    logit = (
        -2.3
        + 1.5 * month_to_month
        + 0.3 * (frame["contract"] == "one-year")
        - 0.05 * frame["tenure_months"]
        + 0.025 * (frame["monthly_charges"] - 60)
        + 0.45 * np.minimum(frame["support_calls_90d"], 6)
        + 0.45 * frame["late_payments_12m"]
        + 0.6 * (frame["payment_method"] == "e-check")
        - 0.5 * (frame["plan"] == "premium")
        + 1.2 * (frame["data_usage_gb"] < 4)  # inactive customers leave
        + 0.9 * ((frame["plan"] == "basic") & (frame["support_calls_90d"] >= 3))
        + 0.5 * (frame["age"] < 25)
        + frame["region"].map({"north": 0.0, "south": 0.3, "east": -0.2, "west": 0.1})
    )
    return 1.0 / (1.0 + np.exp(-logit.to_numpy(dtype=float)))
    # --8<-- [end:true-probability]


def generate(spec: DataFile) -> pd.DataFrame:
    """Draw the rows of one file.

    Args:
        spec: Size, seed and population of the file.

    Returns:
        Customer id, the features and, when ``spec.labelled``, the label.
    """
    rng = np.random.default_rng(spec.seed)
    frame = _features(rng, spec.rows, spec.drift)
    ids = [f"{spec.id_prefix}{i:05d}" for i in range(1, spec.rows + 1)]
    frame.insert(0, CONTRACT.id_column, ids)
    if spec.labelled:
        frame[CONTRACT.label] = (rng.random(spec.rows) < true_probability(frame)).astype(int)
    return frame


def sample_request(rows: int = 2) -> dict[str, list[dict[str, object]]]:
    """Build a valid scoring request from the first rows of the first unlabelled batch.

    Args:
        rows: Number of customers in the request.

    Returns:
        ``{"data": [{feature: value, ...}, ...]}``.
    """
    batch = generate(next(spec for spec in FILES if not spec.labelled)).head(rows)
    records = batch[CONTRACT.feature_names].to_dict(orient="records")
    return {"data": [{key: _plain(value) for key, value in row.items()} for row in records]}


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else value


def write_all(folder: Path = DATA_DIR) -> list[Path]:
    """Write every file of :data:`FILES` and the sample request under ``folder``.

    Args:
        folder: Destination; the committed copies live in :data:`DATA_DIR`.

    Returns:
        The written paths.
    """
    written = []
    for spec in FILES:
        path = folder / spec.relative_path
        path.parent.mkdir(parents=True, exist_ok=True)
        generate(spec).to_csv(path, index=False, lineterminator="\n")
        written.append(path)
    request = folder / SAMPLE_REQUEST
    request.write_text(json.dumps(sample_request(), indent=2) + "\n", encoding="utf-8")
    written.append(request)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    """Rewrite the data files.

    Args:
        argv: Command-line arguments (``--output-dir``).

    Returns:
        ``0``.
    """
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output-dir", type=Path, default=DATA_DIR, help="destination folder")
    args = parser.parse_args(argv)
    for path in write_all(args.output_dir):
        print(f"wrote {path}")
    training, batch = (pd.read_csv(args.output_dir / s.relative_path) for s in FILES[:2])
    for path in write_lake(args.output_dir, training, batch):
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
