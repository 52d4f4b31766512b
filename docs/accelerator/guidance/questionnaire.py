"""The maturity self-assessment questionnaire: four dimensions, yes/no questions per level."""

from __future__ import annotations

import json
from functools import cache

from pydantic import BaseModel, ConfigDict, Field

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.maturity_levels import maturity_levels


class Question(BaseModel):
    """A yes/no question that must be answered yes to reach its level.

    Attributes:
        id: Stable key, used in answers files.
        level: The level (1–4) the question belongs to.
        text: The question.
        page: Site page (path under ``docs/``) that closes the gap when the answer is no.
        module: Python module of the reference implementation that helps close it, if any.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    level: int = Field(ge=1, le=4)
    text: str
    page: str = Field(pattern=r"^[a-z-]+/[a-z0-9-]+\.md$")
    module: str | None = None


class Dimension(BaseModel):
    """One dimension of the maturity model.

    Attributes:
        id: ``people``, ``model-creation``, ``model-release`` or ``application-integration``.
        name: Display name.
        questions: Its questions, lowest level first.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    questions: tuple[Question, ...] = Field(min_length=1)


class Questionnaire(BaseModel):
    """The whole questionnaire.

    Attributes:
        dimensions: The four dimensions, in the order they are shown.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    dimensions: tuple[Dimension, ...] = Field(min_length=1)

    def questions(self) -> tuple[Question, ...]:
        """Return every question of every dimension, in order.

        Returns:
            All questions.
        """
        return tuple(q for d in self.dimensions for q in d.questions)


@cache
def questionnaire() -> Questionnaire:
    """Return the validated questionnaire.

    Returns:
        The questionnaire in ``data/maturity_questionnaire.yaml``.
    """
    return load_data("maturity_questionnaire", Questionnaire)


def questionnaire_json() -> str:
    """Export the questionnaire and the level names as JSON, for the interactive page.

    Returns:
        JSON text with ``levels`` (number and name) and ``dimensions`` (with questions).
    """
    payload = {
        "levels": [{"level": lvl.level, "name": lvl.name} for lvl in maturity_levels()],
        "dimensions": [d.model_dump() for d in questionnaire().dimensions],
    }
    return json.dumps(payload, indent=2, ensure_ascii=False) + "\n"


def questionnaire_table() -> str:
    """Render every question with its dimension, level and the page that helps.

    Returns:
        One row per question, grouped by dimension.
    """
    return markdown_table(
        ["Dimension", "Level", "Question", "Id", "If no, read"],
        [
            (d.name, q.level, q.text, f"`{q.id}`", f"[{q.page}](../{q.page})")
            for d in questionnaire().dimensions
            for q in d.questions
        ],
    )
