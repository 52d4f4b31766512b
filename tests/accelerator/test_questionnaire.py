import importlib
import json

import pytest

from accelerator.guidance.maturity_levels import maturity_levels
from accelerator.guidance.questionnaire import (
    questionnaire,
    questionnaire_json,
    questionnaire_table,
)
from tests.accelerator.helpers import DOCS, nav_sources, table_rows

DIMENSIONS = ["people", "model-creation", "model-release", "application-integration"]


def test_four_dimensions_in_order():
    assert [d.id for d in questionnaire().dimensions] == DIMENSIONS


@pytest.mark.parametrize("dimension", questionnaire().dimensions, ids=lambda d: d.id)
def test_every_level_one_to_four_has_a_question_and_levels_ascend(dimension):
    levels = [q.level for q in dimension.questions]
    assert set(levels) == {1, 2, 3, 4}
    assert levels == sorted(levels)


def test_question_ids_are_unique_across_dimensions():
    ids = [q.id for q in questionnaire().questions()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("question", questionnaire().questions(), ids=lambda q: q.id)
def test_every_gap_points_to_a_page_in_the_navigation_and_an_importable_module(question):
    assert (DOCS / question.page).is_file()
    assert question.page in nav_sources()
    if question.module:
        importlib.import_module(question.module)


def test_json_export_carries_levels_and_every_question():
    payload = json.loads(questionnaire_json())
    assert [lvl["level"] for lvl in payload["levels"]] == [lvl.level for lvl in maturity_levels()]
    exported = [q["id"] for d in payload["dimensions"] for q in d["questions"]]
    assert exported == [q.id for q in questionnaire().questions()]
    assert set(payload["dimensions"][0]["questions"][0]) == {
        "id",
        "level",
        "text",
        "page",
        "module",
    }


def test_table_has_one_row_per_question():
    rows = table_rows(questionnaire_table())
    assert len(rows) == len(questionnaire().questions())
    assert rows[0][4].startswith("[people/") and "](../people/" in rows[0][4]
