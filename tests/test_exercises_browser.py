"""The exercises as a patient uses them, on a phone with the CPU slowed as a cheap phone's: the
step check answers every combination as the Python rule does (the combinations themselves run at
full speed, in the page's own script); the advice comes into view where the person tapped; each
phase's card prints on one A4 page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.exercises.programme import PHASES, load_exercises
from heuppijn_site.exercises.step_rule import EFFORT_VALUES, NEXT_DAY_VALUES, PAIN_VALUES, StepAnswers, step_for
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.printing import need_poppler, print_a4
from support.site import LANGUAGES, full_speed

pytestmark = pytest.mark.browser

SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
LIMIT, SEVERE = RULES.pain_limit, RULES.severe_pain_from
PROGRAMME = load_exercises(ROOT / "data" / "exercises.yml", LANGUAGES, LIMIT, SEVERE)
PAGES = {"nl": "oefeningen/", "en": "en/exercises/"}
CARDS = {"nl": ("oefenkaarten/", "kaart-fase-"), "en": ("en/exercise-cards/", "card-phase-")}


def open_check(page, base_url, language):
    page.goto(base_url + PAGES[language])
    check = page.locator("[data-exercise-progress]")
    check.locator("form").wait_for(state="visible")
    return check


def tap(check, name, value):
    check.locator(f"label:has(input[name='{name}'][value='{value}'])").click()
    expect(check.locator(f"input[name='{name}'][value='{value}']")).to_be_checked()


def expected(pain, next_day, effort):
    step = step_for(StepAnswers(pain, next_day, effort), LIMIT, SEVERE)
    return ("", "") if step is None else (step.step, " ".join(step.reasons))


# Every combination, answered in the page: each answer's label clicked (the click a tap gives:
# the form's change event), then the step the page shows read back. One call into the page for
# all of them; the taps themselves, with Playwright's pointer, are the other tests'.
EVERY_COMBINATION = """([check, combinations]) => {
  const root = document.querySelector(check);
  const result = root.querySelector("[data-exercise-progress-result]");
  const answer = (name, value) => root.querySelector(`label:has(input[name='${name}'][value='${value}'])`).click();
  return combinations.map(([pain, nextDay, effort]) => {
    answer("pain", pain); answer("next_day", nextDay); answer("effort", effort);
    return [result.getAttribute("data-step"), result.getAttribute("data-reasons")];
  });
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_combination_gives_the_rules_step(slow_phone, base_url, language):
    check = open_check(slow_phone, base_url, language)
    result = check.locator("[data-exercise-progress-result]")
    # Before everything is answered: back as soon as the pain calls for it, nothing otherwise.
    tap(check, "pain", str(LIMIT))
    expect(result).to_have_attribute("data-step", "")
    tap(check, "pain", str(LIMIT + 1))
    expect(result).to_have_attribute("data-step", "down")
    combinations = [(str(pain), next_day, effort) for pain in PAIN_VALUES
                    for next_day in NEXT_DAY_VALUES for effort in EFFORT_VALUES]
    # The rule, combination by combination: the page's own script at full speed (the slow
    # phone's taps are above and in the advice tests below).
    with full_speed(slow_phone):
        shown = slow_phone.evaluate(EVERY_COMBINATION, ["[data-exercise-progress]", combinations])
    wrong = [(answers, tuple(got), expected(int(answers[0]), *answers[1:]))
             for answers, got in zip(combinations, shown) if tuple(got) != expected(int(answers[0]), *answers[1:])]
    assert len(shown) == len(PAIN_VALUES) * len(NEXT_DAY_VALUES) * len(EFFORT_VALUES)
    assert wrong == [], f"(answers, shown, the rule's) where they differ: {wrong}"


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("answers", "step"), [
    ({"pain": "2", "next_day": "same", "effort": "light"}, "up"),
    ({"pain": "3", "next_day": "less", "effort": "hard"}, "stay"),
    ({"pain": str(SEVERE), "next_day": "same", "effort": "light"}, "down"),
])
def test_the_advice_says_what_to_do_and_why_in_view(slow_phone, base_url, language, answers, step):
    check = open_check(slow_phone, base_url, language)
    for name, value in answers.items():
        tap(check, name, value)
    result = check.locator("[data-exercise-progress-result]")
    expect(result).to_have_attribute("data-step", step)
    # Severe pain: stop for today first; the step stays "down".
    texts = PROGRAMME.step_texts[language]["stop" if int(answers["pain"]) >= SEVERE else step]
    expect(check.locator("[data-exercise-progress-title]")).to_have_text(texts["title"])
    expect(check.locator("[data-exercise-progress-message]")).to_have_text(texts["message"])
    reasons = result.get_attribute("data-reasons").split()
    expect(check.locator("[data-exercise-progress-reasons] li")).to_have_text(
        [PROGRAMME.reason_texts[language][reason] for reason in reasons])
    if int(answers["pain"]) >= SEVERE:
        assert "pain_severe" in reasons
    # The advice is on screen, below the fixed header, after the last tap.
    expect(result).to_be_in_viewport()
    # Start again clears the answers and the advice.
    check.locator("button[type=reset]").click()
    expect(result).to_have_attribute("data-step", "")
    assert check.locator("input:checked").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only(browser, base_url, language):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    check = open_check(page, base_url, language)
    check.locator("input[name='pain']").first.focus()
    for _ in range(LIMIT + 1):
        page.keyboard.press("ArrowRight")  # 0 -> LIMIT + 1: above the limit
    result = check.locator("[data-exercise-progress-result]")
    expect(result).to_have_attribute("data-step", "down")
    check.get_by_role("button", name=PROGRAMME.texts[language]["show_advice"]).click()
    expect(result).to_be_focused()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_table_says_what_to_do(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES[language])
    check = page.locator("[data-exercise-progress]")
    expect(check.locator("form")).to_be_hidden()
    expect(check.locator("table")).to_be_visible()
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_phases_card_prints_on_one_a4_page(browser, base_url, tmp_path, language):
    need_poppler()
    path, anchor = CARDS[language]
    page = browser.new_page()
    titles = {phase: PROGRAMME.texts[language]["card_heading"].replace("{phase}", str(phase)) for phase in PHASES}
    for phase in PHASES:
        page.goto(f"{base_url}{path}#{anchor}{phase}")
        sheets, text = print_a4(page, tmp_path / f"card-{phase}.pdf")
        assert sheets == 1, f"the card for phase {phase} prints on {sheets} pages"
        assert titles[phase] in text
        assert not any(title in text for other, title in titles.items() if other != phase)
        # Every exercise's dose (its names wrap between columns in the text; the HTML test reads them).
        for stage in PROGRAMME.stages_of(phase):
            for exercise, dose in PROGRAMME.in_stage(stage.id):
                assert PROGRAMME.dose_line(dose, language).split(" · ")[0] in text
        assert f"{LIMIT} " in text and f"{SEVERE} " in text  # the pain rule
        assert f"#{'fase' if language == 'nl' else 'phase'}-{phase}" in text  # the address of its exercises
    page.close()
