"""Score a maturity self-assessment: a level per dimension and the gaps to close next."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import DATA_DIR
from accelerator.guidance.maturity_levels import maturity_levels
from accelerator.guidance.questionnaire import Dimension, Question, questionnaire


class DimensionScore(BaseModel):
    """The level one dimension has reached.

    Attributes:
        dimension: Dimension id.
        name: Dimension display name.
        level: 0–4: the highest level whose questions, and all below it, are answered yes.
        level_name: Name of that level.
    """

    model_config = ConfigDict(frozen=True)

    dimension: str
    name: str
    level: int
    level_name: str


class Gap(BaseModel):
    """A question answered no that stands between a dimension and its next level.

    Attributes:
        dimension: Dimension display name.
        target_level: The level the dimension reaches once its gaps at that level close.
        question: The question answered no.
    """

    model_config = ConfigDict(frozen=True)

    dimension: str
    target_level: int
    question: Question


class Assessment(BaseModel):
    """The result of a self-assessment.

    Attributes:
        scores: One score per dimension, in questionnaire order.
        overall: The lowest dimension level: a chain is as strong as its weakest link.
        gaps: Questions to turn into yes next, most urgent first.
    """

    model_config = ConfigDict(frozen=True)

    scores: tuple[DimensionScore, ...]
    overall: int
    gaps: tuple[Gap, ...]


class AnswersError(ValueError):
    """An answers mapping names an unknown question or holds a non-boolean answer."""


def _few(ids: list[str], shown: int = 5, width: int = 20) -> str:
    """Ids for a message: the first few, each cut to ``width`` characters, the rest counted."""
    cut = [ascii(i)[1:-1] if len(i) <= width else ascii(i[:width])[1:-1] + "..." for i in ids]
    more = f" and {len(ids) - shown} more" if len(ids) > shown else ""
    return ", ".join(cut[:shown]) + more


def validate_answers(answers: Mapping[str, object]) -> dict[str, bool]:
    """Check an answers mapping against the questionnaire.

    Args:
        answers: Question id to answer; questions left out count as *no*.

    Returns:
        The answers as a plain ``dict`` of booleans.

    Raises:
        AnswersError: If an id is not in the questionnaire or an answer is not a boolean.
    """
    known = {q.id for q in questionnaire().questions()}
    unknown = sorted(str(qid) for qid in answers if qid not in known)
    if unknown:
        raise AnswersError(f"unknown question id(s): {_few(unknown)}")
    not_bool = sorted(str(qid) for qid, value in answers.items() if not isinstance(value, bool))
    if not_bool:
        raise AnswersError(f"answers must be true or false: {_few(not_bool)}")
    return {qid: bool(value) for qid, value in answers.items()}


# Contoso Insurance's week-1 answers, shipped as an example answers file.
CONTOSO_ANSWERS = DATA_DIR / "contoso_answers.yaml"


def load_answers(path: Path) -> dict[str, bool]:
    """Read an answers file: a YAML or JSON mapping of question id to true/false.

    Args:
        path: The answers file.

    Returns:
        The validated answers.

    Raises:
        AnswersError: If the file is not a mapping, names an unknown question or holds a
            non-boolean answer.
        OSError: If the file cannot be read.
    """
    raw = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise AnswersError(f"{path}: expected a mapping of question id to true/false")
    return validate_answers(raw)


def _level(dimension: Dimension, answers: Mapping[str, bool]) -> int:
    reached = 0
    for level in range(1, 5):
        at_level = [q for q in dimension.questions if q.level == level]
        if not at_level or not all(answers.get(q.id, False) for q in at_level):
            break
        reached = level
    return reached


# --8<-- [start:assess]
def assess(answers: Mapping[str, object]) -> Assessment:
    """Score a self-assessment.

    A dimension reaches level *L* when every question of levels 1 to *L* is answered yes.
    The gaps are the questions answered no at each dimension's next level, weakest
    dimension first, so the first gap is the one that raises the overall level soonest.

    Args:
        answers: Question id to ``True``/``False``; questions left out count as no.

    Returns:
        Per-dimension levels, the overall level and the prioritised gaps.

    Raises:
        AnswersError: If an id is unknown or an answer is not a boolean.
    """
    checked = validate_answers(answers)
    names = {lvl.level: lvl.name for lvl in maturity_levels()}
    scores, gaps = [], []
    for dim in questionnaire().dimensions:
        level = _level(dim, checked)
        scores.append(
            DimensionScore(dimension=dim.id, name=dim.name, level=level, level_name=names[level])
        )
        gaps += [
            Gap(dimension=dim.name, target_level=level + 1, question=q)
            for q in dim.questions
            if q.level == level + 1 and not checked.get(q.id, False)
        ]
    gaps.sort(key=lambda gap: gap.target_level)  # stable: questionnaire order within a level
    overall = min(score.level for score in scores)
    return Assessment(scores=tuple(scores), overall=overall, gaps=tuple(gaps))
    # --8<-- [end:assess]
