"""The interactive self-assessment page scores answers exactly like the Python command."""

from __future__ import annotations

import pytest

from accelerator.guidance.assessment import CONTOSO_ANSWERS, assess, load_answers
from accelerator.guidance.questionnaire import questionnaire

pytestmark = pytest.mark.browser
PAGE = "maturity/self-assessment/"
QUESTIONS = questionnaire().questions()


def yes_up_to(levels: dict[str, int]) -> dict[str, bool]:
    return {
        q.id: q.level <= levels.get(d.id, 0)
        for d in questionnaire().dimensions
        for q in d.questions
    }


ANSWER_SETS = {
    "nothing": {},
    "everything": dict.fromkeys((q.id for q in QUESTIONS), True),
    "contoso-week-1": load_answers(CONTOSO_ANSWERS),
    "uneven": yes_up_to(
        {"people": 3, "model-creation": 2, "model-release": 4, "application-integration": 1}
    ),
    "gap-below-a-yes": {
        **yes_up_to({"people": 1, "model-creation": 2}),
        "people-one-team": True,
        "release-pipeline": True,
    },
}


def open_assessment(page, site_url):
    page.goto(site_url + PAGE, wait_until="load")
    page.wait_for_selector("#maturity-assessment[data-ready='true']", timeout=10_000)


def answer(page, answers: dict[str, bool]) -> None:
    for question in QUESTIONS:
        box = page.locator(f"input[data-question='{question.id}']")
        box.set_checked(answers.get(question.id, False))


def shown(page) -> tuple[dict[str, int], int, list[str]]:
    levels = {
        row.get_attribute("data-dimension"): int(row.get_attribute("data-level"))
        for row in page.locator("#maturity-levels tr[data-dimension]").all()
    }
    overall = int(page.locator("#maturity-overall").get_attribute("data-overall-level"))
    gaps = [li.get_attribute("data-gap") for li in page.locator("li[data-gap]").all()]
    return levels, overall, gaps


def test_page_renders_one_checkbox_per_question(page, site_url):
    open_assessment(page, site_url)
    boxes = page.locator("#maturity-form input[type='checkbox'][data-question]")
    assert boxes.count() == len(QUESTIONS)
    assert page.locator("#maturity-form fieldset legend").all_inner_texts() == [
        d.name for d in questionnaire().dimensions
    ]
    assert page.console_errors == []


@pytest.mark.parametrize("name", ANSWER_SETS)
def test_browser_levels_and_gaps_match_python(page, site_url, name):
    answers = ANSWER_SETS[name]
    open_assessment(page, site_url)
    answer(page, answers)
    expected = assess(answers)
    levels, overall, gaps = shown(page)
    assert levels == {s.dimension: s.level for s in expected.scores}
    assert overall == expected.overall
    assert gaps == [g.question.id for g in expected.gaps]
    assert page.console_errors == []


def test_gap_links_lead_to_the_pages_that_close_them(page, site_url):
    open_assessment(page, site_url)
    first = page.locator("li[data-gap] a").first
    href = first.get_attribute("href")
    assert href.startswith(site_url) and href.endswith("/")
    response = page.goto(href, wait_until="load")
    assert response is not None and response.status == 200
