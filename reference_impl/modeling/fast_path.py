"""Encode rows with plain numpy from a fitted pipeline's own parameters.

The pipeline's ``ColumnTransformer`` (one-hot categories, standardised numbers) costs most of
a one-row prediction: it selects columns from a DataFrame, validates them and stacks two
blocks. :class:`FastEncoder` reads the fitted parameters once (the encoder's categories, the
scaler's ``mean_`` and ``scale_``, and for nullable numbers the imputer's medians and which
features it flags) and builds the same float64 matrix from tuples or from a frame's columns,
with the same arithmetic, so the classifier sees identical input and gives
identical output. :func:`FastEncoder.from_pipeline` returns ``None`` for any pipeline whose
shape it does not recognise, and the caller then uses the pipeline as it is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd
    from sklearn.pipeline import Pipeline

    from reference_impl.contract import DataContract


@dataclass(frozen=True)
class GapBlock:
    """The fitted ``gaps`` block (nullable numbers: median fill, empty flags, scaling) as numpy.

    Attributes:
        positions: Positions of its inputs in a contract-ordered row.
        names: Their names, in the block's order.
        start: First output column of the block.
        fill: The imputer's median per input.
        flags: Which inputs get a 0/1 column (those with empty cells in training), in order.
        mean: The scaler's ``mean_`` over the filled inputs and the flags.
        scale: The scaler's ``scale_``.
    """

    positions: tuple[int, ...]
    names: tuple[str, ...]
    start: int
    fill: np.ndarray
    flags: tuple[int, ...]
    mean: np.ndarray
    scale: np.ndarray

    @property
    def width(self) -> int:
        """Output columns: one per input, one per flag."""
        return len(self.names) + len(self.flags)

    def columns_of(self, feature: str) -> list[int]:
        """The output columns ``feature`` fills: its value and, if it has one, its flag."""
        index = self.names.index(feature)
        if index not in self.flags:  # no empty cell in training: no flag column
            return [self.start + index]
        return [self.start + index, self.start + len(self.names) + self.flags.index(index)]

    def encode(self, values: np.ndarray) -> np.ndarray:
        """Fill, flag and scale a float64 matrix of the block's inputs (``nan``: empty)."""
        empty = np.isnan(values)
        filled = np.where(empty, self.fill, values)
        block = np.hstack([filled, empty[:, list(self.flags)].astype(np.float64)])
        block -= self.mean
        block /= self.scale
        return block

    @classmethod
    def read(cls, block: Any, columns: list[str], start: int, position: dict[str, int]) -> GapBlock:
        """Read the block built by ``filled_and_flagged``; ``ValueError`` for another shape."""
        from sklearn.impute import SimpleImputer
        from sklearn.preprocessing import StandardScaler

        fill, scale = (step for _, step in block.steps)
        if type(fill) is not SimpleImputer or type(scale) is not StandardScaler:
            raise ValueError("not a median fill and a scaler")
        if fill.strategy != "median" or not (scale.with_mean and scale.with_std):
            raise ValueError("not a median fill and a standard scaling")
        if not (isinstance(fill.missing_values, float) and np.isnan(fill.missing_values)):
            raise ValueError("the fill replaces something other than an empty cell")
        flags = () if fill.indicator_ is None else tuple(int(i) for i in fill.indicator_.features_)
        return cls(
            positions=tuple(position[name] for name in columns),
            names=tuple(columns),
            start=start,
            fill=np.asarray(fill.statistics_, dtype=np.float64),
            flags=flags,
            mean=scale.mean_,
            scale=scale.scale_,
        )


@dataclass(frozen=True)
class FastEncoder:
    """The fitted ``encode`` step as numpy parameters.

    Attributes:
        width: Columns of the encoded matrix.
        categorical: Per categorical input: its position in a contract-ordered row, its name,
            the first output column of its one-hot block, and ``{category: offset}``.
        numeric_positions: Positions of the numeric inputs in a contract-ordered row.
        numeric_names: Their names, in the scaler's order.
        numeric_start: First output column of the numeric block.
        mean: The scaler's ``mean_`` (or ``None`` when it does not centre).
        scale: The scaler's ``scale_`` (or ``None`` when it does not scale).
        gaps: The nullable numbers' block, last; ``None`` when the contract has none.
    """

    width: int
    categorical: tuple[tuple[int, str, int, dict[str, int]], ...]
    numeric_positions: tuple[int, ...]
    numeric_names: tuple[str, ...]
    numeric_start: int
    mean: np.ndarray | None
    scale: np.ndarray | None
    gaps: GapBlock | None = None

    @classmethod
    def from_pipeline(cls, pipeline: Pipeline, contract: DataContract) -> FastEncoder | None:
        """Read the fitted encoder of a pipeline built by ``build_pipeline``.

        Args:
            pipeline: A fitted ``Pipeline([("encode", ColumnTransformer), ("model", ...)])``.
            contract: The contract whose feature order the rows follow.

        Returns:
            The encoder, or ``None`` if the pipeline is not of the recognised shape.
        """
        try:
            return cls._read(pipeline, contract)
        except (AttributeError, KeyError, TypeError, ValueError):
            return None

    @classmethod
    def _read(cls, pipeline: Pipeline, contract: DataContract) -> FastEncoder | None:
        from sklearn.compose import ColumnTransformer
        from sklearn.preprocessing import OneHotEncoder, StandardScaler

        encode = pipeline.steps[0][1]
        if len(pipeline.steps) != 2 or not isinstance(encode, ColumnTransformer):
            return None
        blocks = [(t, list(cols)) for name, t, cols in encode.transformers_ if t != "drop"]
        if len(blocks) not in (2, 3) or getattr(encode, "sparse_output_", False):
            return None
        (onehot, cat_cols), (scaler, num_cols), *gap_block = blocks
        if type(onehot) is not OneHotEncoder or type(scaler) is not StandardScaler:
            return None
        if onehot.drop is not None or onehot._infrequent_enabled or onehot.sparse_output:
            return None
        if onehot.dtype not in (np.float64, float) or onehot.handle_unknown != "ignore":
            return None
        position = {name: i for i, name in enumerate(contract.feature_names)}
        categorical, start = [], 0
        for name, categories in zip(cat_cols, onehot.categories_, strict=True):
            offsets = {str(value): i for i, value in enumerate(categories.tolist())}
            categorical.append((position[name], name, start, offsets))
            start += len(offsets)
        width = start + len(num_cols)
        gaps = None
        if gap_block:  # nullable numbers: see estimator.filled_and_flagged
            ((block, gap_cols),) = gap_block
            gaps = GapBlock.read(block, gap_cols, width, position)
            width += gaps.width
        return cls(
            width=width,
            categorical=tuple(categorical),
            numeric_positions=tuple(position[name] for name in num_cols),
            numeric_names=tuple(num_cols),
            numeric_start=start,
            mean=None if scaler.mean_ is None or not scaler.with_mean else scaler.mean_,
            scale=None if scaler.scale_ is None or not scaler.with_std else scaler.scale_,
            gaps=gaps,
        )

    def _scale(self, numbers: np.ndarray) -> np.ndarray:
        if self.mean is not None:
            numbers -= self.mean
        if self.scale is not None:
            numbers /= self.scale
        return numbers

    def rows(self, rows: Sequence[Sequence[Any]]) -> np.ndarray:
        """Encode rows given as tuples in the contract's feature order.

        Args:
            rows: Checked rows (see ``RequestParser.rows``).

        Returns:
            The float64 matrix the pipeline's ``encode`` step would produce.
        """
        matrix = np.zeros((len(rows), self.width))
        positions = self.numeric_positions
        numbers = np.array([[row[p] for p in positions] for row in rows], dtype=np.float64)
        end = self.numeric_start + len(positions)
        matrix[:, self.numeric_start : end] = self._scale(numbers)
        if self.gaps is not None:
            values = [[row[p] for p in self.gaps.positions] for row in rows]
            matrix[:, end:] = self.gaps.encode(np.array(values, dtype=np.float64))
        for number, row in enumerate(rows):
            for position, _, start, offsets in self.categorical:
                offset = offsets.get(row[position])
                if offset is not None:  # an unknown category encodes as all zeros
                    matrix[number, start + offset] = 1.0
        return matrix

    def frame(self, frame: pd.DataFrame) -> np.ndarray:
        """Encode a frame's feature columns, vectorised (for batch scoring).

        Args:
            frame: Rows with the contract's feature columns.

        Returns:
            The float64 matrix the pipeline's ``encode`` step would produce.
        """
        count = len(frame)
        matrix = np.zeros((count, self.width))
        numbers = frame[list(self.numeric_names)].to_numpy(dtype=np.float64, copy=True)
        end = self.numeric_start + len(self.numeric_names)
        matrix[:, self.numeric_start : end] = self._scale(numbers)
        if self.gaps is not None:
            values = frame[list(self.gaps.names)].to_numpy(dtype=np.float64, na_value=np.nan)
            matrix[:, end:] = self.gaps.encode(values)
        every = np.arange(count)
        for _, name, start, offsets in self.categorical:
            codes = _category_codes(frame[name], list(offsets))  # -1: unknown
            known = codes >= 0
            matrix[every[known], start + codes[known]] = 1.0
        return matrix


def _category_codes(values: pd.Series, categories: list[str]) -> np.ndarray:
    """Each cell's position in ``categories``, ``-1`` for a value not among them (or missing).

    Args:
        values: A categorical column.
        categories: The encoder's categories, as text.

    Returns:
        The positions, as integers.
    """
    import pandas as pd
    import pyarrow as pa
    import pyarrow.compute as pc

    from reference_impl.arrow_text import arrow_strings

    strings = arrow_strings(values)
    if strings is None:
        return pd.Index(categories).get_indexer(values)
    found = pc.index_in(strings, value_set=pa.array(categories, strings.type))
    return found.fill_null(-1).to_numpy()
