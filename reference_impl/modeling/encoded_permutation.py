"""Permutation importance on the encoded matrix: scikit-learn's shuffles, one encoding in all.

``sklearn.inspection.permutation_importance`` shuffles a column of the raw frame and hands the
whole frame to the model again, so each of its features x repeats scores copies the frame,
selects its columns and encodes it once more. The encoding is row by row, so shuffling a raw
column's rows is the same as shuffling the rows of the columns it encodes to: this module
encodes once (:class:`~reference_impl.modeling.fast_path.FastEncoder`) and moves those columns.

It draws the shuffles exactly as scikit-learn does (one seed from ``random_state``, a fresh
generator per feature, each repeat shuffling the already shuffled column again), so the
classifier sees the same matrices and the importances are the same numbers.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    import pandas as pd

    from reference_impl.modeling.fast_path import FastEncoder


def encoded_columns(encoder: FastEncoder, feature: str) -> list[int]:
    """The columns of the encoded matrix that ``feature`` fills (none if the encoder drops it).

    Args:
        encoder: The fitted encoder.
        feature: A raw input column.

    Returns:
        Column positions in the encoded matrix.
    """
    for _, name, start, offsets in encoder.categorical:
        if name == feature:
            return list(range(start, start + len(offsets)))
    if feature in encoder.numeric_names:
        return [encoder.numeric_start + encoder.numeric_names.index(feature)]
    if encoder.gaps is not None and feature in encoder.gaps.names:
        return encoder.gaps.columns_of(feature)  # its value and its empty flag move together
    return []


def permutation_drops(
    encoder: FastEncoder,
    features: pd.DataFrame,
    score: Callable[[np.ndarray], float],
    *,
    repeats: int,
    seed: int,
) -> np.ndarray:
    """How much ``score`` drops when each feature is shuffled, per repeat.

    Args:
        encoder: Encodes ``features`` as the model's pipeline would.
        features: The rows, one column per raw feature.
        score: Scores an encoded matrix against the rows' truth (higher is better).
        repeats: Shuffles per feature.
        seed: The ``random_state`` scikit-learn would be given.

    Returns:
        ``baseline - shuffled`` scores, shape ``(features, repeats)``, in column order: what
        scikit-learn returns as ``importances``.
    """
    matrix = encoder.frame(features)
    baseline = score(matrix)
    column_seed = np.random.RandomState(seed).randint(np.iinfo(np.int32).max + 1)
    shuffled = np.empty((features.shape[1], repeats))
    for number, feature in enumerate(features.columns):
        columns = encoded_columns(encoder, feature)
        generator = np.random.RandomState(column_seed)
        order = np.arange(len(matrix))
        permuted = matrix.copy()
        for repeat in range(repeats):
            generator.shuffle(order)
            if columns:
                permuted[:, columns] = permuted[np.ix_(order, columns)]
            shuffled[number, repeat] = score(permuted)
    return baseline - shuffled


def mean_and_std(drops: np.ndarray) -> tuple[Any, Any]:
    """Mean and standard deviation over the repeats, as scikit-learn's bunch reports them."""
    return np.mean(drops, axis=1), np.std(drops, axis=1)
