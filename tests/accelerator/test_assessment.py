import json

import pytest

from accelerator.guidance.assessment import (
    CONTOSO_ANSWERS,
    AnswersError,
    assess,
    load_answers,
    validate_answers,
)
from accelerator.guidance.questionnaire import questionnaire

QUESTIONS = questionnaire().questions()


def yes_up_to(levels: dict[str, int]) -> dict[str, bool]:
    """Answer yes to every question at or below the given level of each dimension."""
    return {
        q.id: q.level <= levels.get(d.id, 0)
        for d in questionnaire().dimensions
        for q in d.questions
    }


def levels_of(result) -> dict[str, int]:
    return {s.dimension: s.level for s in result.scores}


def test_no_answers_is_level_zero_everywhere_with_every_level_one_question_as_a_gap():
    result = assess({})
    assert set(levels_of(result).values()) == {0} and result.overall == 0
    assert [g.question.id for g in result.gaps] == [q.id for q in QUESTIONS if q.level == 1]


def test_all_yes_is_level_four_with_no_gaps():
    result = assess(dict.fromkeys((q.id for q in QUESTIONS), True))
    assert set(levels_of(result).values()) == {4}
    assert result.overall == 4 and result.gaps == ()
    assert result.scores[0].level_name == "Full MLOps automated operations"


@pytest.mark.parametrize(
    "levels",
    [
        {"people": 1, "model-creation": 2, "model-release": 3, "application-integration": 4},
        {"people": 4, "model-creation": 0, "model-release": 2, "application-integration": 2},
        {"people": 3, "model-creation": 3, "model-release": 3, "application-integration": 3},
    ],
)
def test_levels_follow_the_answers_and_overall_is_the_weakest(levels):
    result = assess(yes_up_to(levels))
    assert levels_of(result) == levels
    assert result.overall == min(levels.values())
    assert {g.target_level for g in result.gaps} <= {lvl + 1 for lvl in levels.values()}


def test_a_yes_above_a_missing_level_does_not_count():
    answers = yes_up_to({"people": 1})
    answers.update({q.id: True for q in QUESTIONS if q.id.startswith("people") and q.level == 3})
    assert levels_of(assess(answers))["people"] == 1


def test_gaps_are_ordered_by_target_level_then_questionnaire_order():
    result = assess(yes_up_to({"people": 2, "model-creation": 1}))
    targets = [g.target_level for g in result.gaps]
    assert targets == sorted(targets)
    assert result.gaps[0].dimension == "Model release"
    order = [q.id for q in QUESTIONS]
    same_level = [g.question.id for g in result.gaps if g.target_level == 1]
    assert same_level == sorted(same_level, key=order.index)


def test_only_questions_answered_no_at_the_next_level_are_gaps():
    answers = yes_up_to({"model-release": 2})
    answers["release-review"] = True  # one of the two level-3 questions
    gaps = [g.question.id for g in assess(answers).gaps if g.dimension == "Model release"]
    assert gaps == ["release-pipeline"]


def test_unknown_ids_and_non_booleans_are_refused():
    with pytest.raises(AnswersError, match="unknown question id"):
        assess({"people-hug": True})
    with pytest.raises(AnswersError, match="must be true or false"):
        validate_answers({"people-named-owner": "yes"})


def test_contoso_example_file_scores_as_the_pages_say():
    result = assess(load_answers(CONTOSO_ANSWERS))
    assert levels_of(result) == {
        "people": 1,
        "model-creation": 1,
        "model-release": 0,
        "application-integration": 1,
    }


def test_contoso_file_answers_every_question_explicitly():
    assert set(load_answers(CONTOSO_ANSWERS)) == {q.id for q in QUESTIONS}


def test_answers_files_may_be_json_empty_or_must_be_a_mapping(tmp_path):
    as_json = tmp_path / "a.json"
    as_json.write_text(json.dumps({"people-named-owner": True}))
    assert load_answers(as_json) == {"people-named-owner": True}
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    assert load_answers(empty) == {}
    listed = tmp_path / "list.yaml"
    listed.write_text("- people-named-owner\n")
    with pytest.raises(AnswersError, match="expected a mapping"):
        load_answers(listed)
