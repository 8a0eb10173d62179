"""The pain-rule checker as a patient uses it: on a phone, by clicking or with the keyboard
only, in Dutch and English; with JavaScript off; and checked by axe."""

from __future__ import annotations

import contextlib

import pytest
from playwright.sync_api import expect
from heuppijn_site.pain_rule.pain_rules import QUESTIONS
from heuppijn_site.tools.site_tools import PHONE
from support.pain_check import RULES, open_names
from support.site import LANGUAGES, full_speed, slow_cpu

pytestmark = pytest.mark.browser

LIMIT = RULES.pain_limit
SEVERE = RULES.severe_pain_from
PAGES = {"nl": "pijnregel/", "en": "en/pain-rule/"}

# (answers, expected level, expected reasons): every reason and every level at least once.
SCENARIOS = [
    ({"pain": str(LIMIT - 1), "next_day": "less", "trend": "better", "weeks": "under-2"}, "continue", ""),
    ({"pain": str(LIMIT), "next_day": "same", "trend": "same", "weeks": "under-2"}, "continue", ""),
    ({"pain": str(LIMIT + 1), "next_day": "same", "trend": "better", "weeks": "under-2"}, "adjust",
     "pain_above_limit"),
    ({"pain": "2", "next_day": "more", "trend": "better", "weeks": "over-3"}, "adjust", "next_day_worse"),
    ({"pain": "1", "next_day": "less", "trend": "same", "weeks": "2-to-3"}, "contact", "not_improving"),
    ({"pain": "9", "next_day": "more", "trend": "worse", "weeks": "under-2"}, "contact",
     "worsening pain_severe pain_above_limit next_day_worse"),
    ({"pain": str(SEVERE - 1), "next_day": "same", "trend": "better", "weeks": "under-2"}, "adjust",
     "pain_above_limit"),
    ({"pain": str(SEVERE), "next_day": "same", "trend": "better", "weeks": "under-2"}, "stop",
     "pain_severe pain_above_limit"),
    ({"pain": "10"}, "stop", "pain_severe pain_above_limit"),
    ({"red_flag": ["fever-hip-pain"]}, "urgent", "warning_sign"),
    ({"red_flag": ["leg-weak-or-numb"]}, "emergency", "warning_sign"),
    ({"red_flag": ["cold-pale-leg", "fall-pain-walking"]}, "emergency", "warning_sign"),
    ({"red_flag": ["fall-pain-walking"]}, "urgent", "warning_sign"),
    ({"red_flag": ["groin-pain-bone-risk"]}, "soon", "warning_sign"),
    ({"pain": "8", "red_flag": ["night-or-rest-pain", "fall-cannot-stand"]}, "emergency", "warning_sign"),
    ({"red_flag": ["cancer-or-weight-loss"]}, "soon", "warning_sign"),
]


def expected_reasons(answers, reasons, language):
    """The lines under "why this advice": a ticked sign's own words, or the reason's text."""
    lines = []
    for reason in reasons.split():
        if reason == "warning_sign":
            ticked = set(answers["red_flag"])
            lines += [sign.text[language] for sign in RULES.signs if sign.id in ticked]
        else:
            lines.append(RULES.reason_texts[language][reason]["text"])
    return lines


@pytest.fixture
def page(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


def open_checker(page, base_url, language):
    page.goto(base_url + PAGES[language])
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    return checker


def click_answers(checker, answers):
    """Tap each answer as a patient would, and see it taken before the next one: a choice
    chosen, a box ticked, or a ticked box unticked."""
    for name, value in answers.items():
        for item in value if isinstance(value, list) else [value]:
            answer = checker.locator(f"input[name='{name}'][value='{item}']")
            ticked_before = answer.get_attribute("type") == "checkbox" and answer.is_checked()
            checker.locator(f"label:has(input[name='{name}'][value='{item}'])").click()
            expect(answer).to_be_checked(checked=not ticked_before)


def result_of(checker):
    result = checker.locator("[data-pain-check-result]")
    return result.get_attribute("data-level"), result.get_attribute("data-reasons"), result


@pytest.fixture(scope="module")
def checkers(browser, base_url):
    """The checker open in each language, on one phone page each, for the scenarios: each starts
    with the form's "start again", as the next check on the same page would. Script errors are
    kept per page, and each scenario fails on any that it caused."""
    opened = {}
    contexts = []
    for language in LANGUAGES:
        # A context each: a second page in one context would be a background tab, which Chromium
        # slows down.
        contexts.append(browser.new_context(viewport=PHONE))
        page = contexts[-1].new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        opened[language] = (page, open_checker(page, base_url, language), errors)
    yield opened
    for context in contexts:
        context.close()
    assert [errors for _, _, errors in opened.values()] == [[] for _ in opened], "script errors"


def started_again(checkers, language):
    """The checker after "start again": nothing ticked, no advice. Returns it with the page's
    script errors so far (a scenario checks that it adds none, "start again" included)."""
    page, checker, errors = checkers[language]
    errors_before = list(errors)
    if checker.locator("input:checked").count():
        checker.get_by_role("button", name=RULES.texts[language]["start_again"]).click()
        page.wait_for_function("() => document.querySelector('[data-pain-check-result]').dataset.level === ''")
    assert checker.locator("input:checked").count() == 0 and result_of(checker)[:2] == ("", "")
    assert errors == errors_before, "script errors on 'start again'"
    return checker, errors


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(("answers", "level", "reasons"), SCENARIOS)
def test_clicking_through_gives_the_right_advice(checkers, language, answers, level, reasons):
    checker, errors = started_again(checkers, language)
    before = len(errors)
    click_answers(checker, answers)
    got_level, got_reasons, result = result_of(checker)
    assert (got_level, got_reasons) == (level, reasons)
    texts = RULES.level_texts[language][level]
    assert checker.locator("[data-pain-check-title]").inner_text() == texts["title"]
    assert checker.locator("[data-pain-check-message]").inner_text() == texts["message"]
    expect(checker.locator("[data-pain-check-reasons] li")).to_have_text(expected_reasons(answers, reasons, language))
    always = checker.locator(".pain-check__always")
    if level in ("emergency", "urgent"):
        # Call 112 or the GP now, and nothing else to do or wait for.
        assert not always.is_visible()
    else:
        # The advice ends with when to get in touch.
        assert always.is_visible() and RULES.texts[language]["always"] in always.inner_text()
    assert errors[before:] == [], "script errors"


@pytest.mark.parametrize("language", LANGUAGES)
def test_carry_on_waits_for_every_answer_then_start_again(page, base_url, language):
    checker = open_checker(page, base_url, language)
    waiting = checker.locator("[data-pain-check-waiting]")
    assert result_of(checker)[:2] == ("", "")
    # Which questions are open, by number and name.
    assert waiting.is_visible()
    expect(waiting.locator("a:visible")).to_have_text(open_names(language, *QUESTIONS))
    click_answers(checker, {"pain": str(LIMIT), "next_day": "same", "trend": "better"})
    assert result_of(checker)[:2] == ("", "")
    expect(waiting.locator("a:visible")).to_have_text(open_names(language, "weeks"))
    assert not checker.locator("[data-pain-check-advice]").is_visible()
    click_answers(checker, {"weeks": "under-2"})
    assert result_of(checker)[:2] == ("continue", "")
    click_answers(checker, {"pain": str(LIMIT + 2)})  # a change updates the advice at once
    assert result_of(checker)[:2] == ("adjust", "pain_above_limit")
    checker.get_by_role("button", name=RULES.texts[language]["start_again"]).click()
    page.wait_for_function("() => document.querySelector('[data-pain-check-result]').dataset.level === ''")
    assert checker.locator("input:checked").count() == 0
    assert waiting.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_pain_above_the_limit_gets_advice_at_once_without_the_next_morning(page, base_url, language):
    checker = open_checker(page, base_url, language)
    click_answers(checker, {"pain": str(LIMIT + 2)})
    assert result_of(checker)[:2] == ("adjust", "pain_above_limit")
    assert checker.locator("[data-pain-check-title]").inner_text() == RULES.level_texts[language]["adjust"]["title"]
    # Said right under the scale, where the person tapped, in view on a phone.
    note = checker.locator("[data-pain-check-pain-note]")
    assert note.get_attribute("aria-live") == "polite"
    assert RULES.level_texts[language]["adjust"]["title"] in note.inner_text()
    assert RULES.reason_texts[language]["pain_above_limit"]["text"] in note.inner_text()
    box = note.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"] + 1
    assert RULES.level_texts[language]["adjust"]["message"] in note.inner_text()
    click_answers(checker, {"pain": str(LIMIT)})
    assert note.inner_text() == RULES.texts[language]["pain_within"]
    assert RULES.level_texts[language]["adjust"]["title"] not in note.inner_text()
    click_answers(checker, {"pain": str(LIMIT + 2)})
    partial = checker.locator("[data-pain-check-partial]")
    assert partial.is_visible()
    expect(partial.locator("a:visible")).to_have_text(open_names(language, "next_day", "trend", "weeks"))
    # The next-morning question says it can wait until tomorrow.
    assert RULES.texts[language]["next_day_hint"] in checker.locator("fieldset.pain-check__question").nth(2).inner_text()
    click_answers(checker, {"next_day": "less", "trend": "worse", "weeks": "over-3"})
    assert result_of(checker)[:2] == ("contact", "worsening pain_above_limit")
    assert not partial.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_arrow_keys_do_not_make_a_screen_reader_repeat_the_advice(page, base_url, language):
    checker = open_checker(page, base_url, language)
    click_answers(checker, {"pain": str(LIMIT + 1)})
    page.evaluate("""() => {
        window.liveChanges = 0;
        for (const region of document.querySelectorAll('[data-pain-check] [aria-live]')) {
            new MutationObserver(records => { window.liveChanges += records.length; })
                .observe(region, {subtree: true, childList: true, characterData: true});
        }
    }""")
    checker.locator(f"input[name='pain'][value='{LIMIT + 1}']").focus()
    for _ in range(SEVERE - 1 - (LIMIT + 1)):
        page.keyboard.press("ArrowRight")  # every value above the limit, below severe: the same advice
    assert checker.locator("input[name='pain']:checked").get_attribute("value") == str(SEVERE - 1)
    assert result_of(checker)[:2] == ("adjust", "pain_above_limit")
    assert page.evaluate("window.liveChanges") == 0
    page.keyboard.press("ArrowLeft")  # still above the limit
    assert page.evaluate("window.liveChanges") == 0
    # From the severe score the advice changes once (stop this exercise today), then stays.
    checker.locator(f"input[name='pain'][value='{SEVERE}']").focus()
    page.keyboard.press("Space")
    expect(checker.locator("[data-pain-check-result]")).to_have_attribute("data-level", "stop")
    note = checker.locator("[data-pain-check-pain-note]")
    assert RULES.level_texts[language]["stop"]["title"] in note.inner_text()
    assert RULES.level_texts[language]["stop"]["message"] in note.inner_text()
    changed = page.evaluate("window.liveChanges")
    assert changed > 0
    for _ in range(10 - SEVERE):
        page.keyboard.press("ArrowRight")
    assert checker.locator("input[name='pain']:checked").get_attribute("value") == "10"
    assert result_of(checker)[:2] == ("stop", "pain_severe pain_above_limit")
    assert page.evaluate("window.liveChanges") == changed


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only(page, base_url, language):
    checker = open_checker(page, base_url, language)
    # Start from the first warning sign: tick one with the space bar, then untick it.
    first = checker.locator("input[name='red_flag']").first
    first.focus()
    page.keyboard.press("Space")
    assert result_of(checker)[:2] == (first.get_attribute("data-level"), "warning_sign")
    page.keyboard.press("Space")
    assert result_of(checker)[:2] == ("", "")
    # Tab on past the other warning signs and their source links to the pain scale.
    for _ in range(3 * len(RULES.signs) + 5):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "pain":
            break
    assert page.evaluate("document.activeElement.name") == "pain", "Tab does not reach the scale"
    # Arrows move within a radio group and choose.
    page.keyboard.press("ArrowRight")  # 0 -> 1
    page.keyboard.press("ArrowRight")  # -> 2
    page.keyboard.press("Tab")  # next_day group
    page.keyboard.press("ArrowRight")  # less -> same
    page.keyboard.press("Tab")  # trend group
    page.keyboard.press("Space")  # better
    page.keyboard.press("Tab")  # weeks group
    page.keyboard.press("Space")  # under-2
    assert result_of(checker)[:2] == ("continue", "")
    assert checker.locator("input[name='pain']:checked").get_attribute("value") == "2"
    assert checker.locator("input[name='next_day']:checked").get_attribute("value") == "same"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_forms_button_shows_the_advice_and_moves_focus_to_it(page, base_url, language):
    """The advice follows each answer as it is given; the form's own button (a keyboard or switch
    user's explicit way to ask, HTML_CodeSniffer H32.2) also shows it and takes focus there, and
    says which questions are still open when the advice is not complete."""
    checker = open_checker(page, base_url, language)
    button = checker.locator("form button[type=submit]")
    assert button.inner_text().strip() == RULES.texts[language]["show_advice"]
    # Nothing answered yet: focus goes to the advice box, which says what is still open.
    button.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-check-result')")
    expect(checker.locator("[data-pain-check-waiting] a:visible")).to_have_text(open_names(language, *QUESTIONS))
    assert page.url.endswith(PAGES[language]), "the form is not sent anywhere"
    # Answered with the keyboard (live advice as before), then the button with the space bar.
    checker.locator("input[name='pain'][value='6']").focus()
    page.keyboard.press("Space")
    assert result_of(checker)[:2] == ("adjust", "pain_above_limit")
    click_answers(checker, {"next_day": "same", "trend": "better", "weeks": "under-2"})
    button.focus()
    page.keyboard.press("Space")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-check-result')")
    result = checker.locator("[data-pain-check-result]")
    assert result.get_attribute("data-level") == "adjust"
    assert result.locator("[data-pain-check-title]").is_visible()
    assert result.is_visible() and result.bounding_box()["y"] < PHONE["height"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_advice_is_a_live_region(page, base_url, language):
    checker = open_checker(page, base_url, language)
    result = checker.locator("[data-pain-check-result]")
    assert result.get_attribute("aria-live") == "polite"
    # Every group has a name: the questions, and the warning signs grouped by what to do.
    for fieldset in checker.locator("fieldset").all():
        assert fieldset.locator(":scope > legend").inner_text().strip()
    groups = checker.locator("fieldset.pain-check__flag-group > legend")
    expect(groups).to_have_text([RULES.level_texts[language][level]["title"] for level in RULES.sign_levels])


def test_targets_are_at_least_44_pixels(page, base_url):
    checker = open_checker(page, base_url, "nl")
    for label in checker.locator("label").all():
        box = label.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, label.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_rule_and_table_are_there(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES[language])
    checker = page.locator("[data-pain-check]")
    assert not checker.locator("form").is_visible()
    table = checker.locator("table")
    assert table.is_visible()
    rows = table.locator("tbody tr").all_inner_texts()
    # Each warning sign it asks about, each reason, and "none of these".
    assert len(rows) == len(RULES.signs) + len(RULES.reason_levels) + 1
    limit_rule = RULES.reason_texts[language]["pain_above_limit"]["when"]
    assert any(limit_rule in row for row in rows)
    for sign in RULES.signs:
        title = RULES.level_texts[language][sign.level]["title"]
        assert any(sign.text[language] in row and title in row for row in rows), sign.id
    body = page.locator("article").inner_text()
    assert (f"tot een {LIMIT} op een schaal van 0 tot 10" if language == "nl"
            else f"up to {LIMIT} on a scale of 0 to 10") in body
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_in_the_checker(page, base_url, language):
    """Empty, answered (pain above the limit), then with a 112 sign ticked: one page, axe on the
    checker in each state."""
    from axe_playwright_python.sync_playwright import Axe

    checker = open_checker(page, base_url, language)
    axe = Axe()
    found = {"empty": axe.run(page, context="[data-pain-check]")}
    click_answers(checker, next(answers for answers, level, _ in SCENARIOS if answers.get("pain") == "9"))
    assert result_of(checker)[0] == "contact"
    found["answered"] = axe.run(page, context="[data-pain-check]")
    click_answers(checker, {"red_flag": [next(sign.id for sign in RULES.signs if sign.level == "emergency")]})
    assert result_of(checker)[0] == "emergency"
    found["urgent"] = axe.run(page, context="[data-pain-check]")
    for state, results in found.items():
        assert results.violations_count == 0, f"{state}: {results.generate_report()}"


# A ticked sign's note, read in one go (each read is a round trip to a slowed page): its
# aria-live, its text, and its box and the tapped label's, in the screen's pixels.
SIGN_NOTE = """(id) => {
  const label = document.querySelector(`[data-pain-check] label:has(input[name='red_flag'][value='${id}'])`);
  const note = label.closest('.pain-check__sign').querySelector('[data-pain-check-sign-note]');
  const box = e => { const r = e.getBoundingClientRect(); return {y: r.y, height: r.height}; };
  return {live: note.getAttribute('aria-live'), text: note.innerText, label: box(label), note: box(note)};
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_ticked_sign_says_what_to_do_right_where_it_was_ticked_on_a_slow_phone(page, base_url, language):
    # As a slow phone runs it: the CPU four times slower, for the first sign of each level (the same
    # script shows every note); the others, whose own words and place are checked too, at full speed.
    slow_cpu(page)
    checker = open_checker(page, base_url, language)
    first_of_level = {sign.level: sign for sign in reversed(RULES.signs)}
    for sign in RULES.signs:
        with contextlib.nullcontext() if first_of_level[sign.level] is sign else full_speed(page):
            tick_and_untick(page, checker, sign, language)
    # The advice region does not repeat what the note just said.
    checker.locator(f"label:has(input[value='{RULES.signs[0].id}'])").click()
    assert checker.locator("[data-pain-check-result]").get_attribute("aria-live") == "off"
    checker.locator("label:has(input[name='next_day'][value='same'])").click()
    assert checker.locator("[data-pain-check-result]").get_attribute("aria-live") == "polite"


def tick_and_untick(page, checker, sign, language) -> None:
    """The sign's note appears under its box, in view, says what to do; unticked, it goes."""
    label = checker.locator(f"label:has(input[name='red_flag'][value='{sign.id}'])")
    note = checker.locator(f"div.pain-check__sign:has(input[name='red_flag'][value='{sign.id}']) "
                           f"[data-pain-check-sign-note]")
    # A live region is there before its text changes (a screen reader then reads the new text).
    assert note.get_attribute("aria-live") == "polite", sign.id
    label.click()
    note.wait_for(state="visible")
    seen = page.evaluate(SIGN_NOTE, sign.id)
    level = RULES.level_texts[language][sign.level]
    assert seen["live"] == "polite", sign.id
    assert seen["text"].split("\n")[0].strip() == level["title"], sign.id
    assert level["message"] in seen["text"], sign.id
    # In view on a 390 x 844 screen, right under the box that was tapped.
    assert 0 <= seen["note"]["y"] and seen["note"]["y"] + seen["note"]["height"] <= PHONE["height"] + 1, sign.id
    assert 0 <= seen["note"]["y"] - (seen["label"]["y"] + seen["label"]["height"]) < 20, sign.id
    label.click()
    note.wait_for(state="hidden")


@pytest.mark.parametrize("language", LANGUAGES)
def test_most_people_are_told_they_can_skip_the_signs(page, base_url, language):
    checker = open_checker(page, base_url, language)
    flags = checker.locator("fieldset.pain-check__question").first
    assert RULES.texts[language]["red_flag_none"] in flags.inner_text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_less_urgent_sign_never_hides_a_112_sign_ticked_before_it(page, base_url, language):
    checker = open_checker(page, base_url, language)
    emergency = next(sign for sign in RULES.signs if sign.level == "emergency")
    soon = next(sign for sign in RULES.signs if sign.level == "soon")
    click_answers(checker, {"red_flag": [emergency.id, soon.id]})
    note = checker.locator(f"div.pain-check__sign:has(input[value='{soon.id}']) [data-pain-check-sign-note]")
    # Under the box just tapped, in view: the most urgent action of all ticked signs.
    assert note.inner_text().split("\n")[0].strip() == RULES.level_texts[language]["emergency"]["title"]
    assert RULES.level_texts[language]["soon"]["title"] not in note.inner_text()
    box = note.bounding_box()
    assert 0 <= box["y"] and box["y"] + box["height"] <= PHONE["height"] + 1
    assert result_of(checker)[0] == "emergency"
    # Untick the 112 sign: the other box falls back to its own level.
    click_answers(checker, {"red_flag": [emergency.id]})
    assert note.inner_text().split("\n")[0].strip() == RULES.level_texts[language]["soon"]["title"]
    assert result_of(checker)[0] == "soon"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_last_answer_brings_the_advice_into_view_on_a_phone(page, base_url, language):
    checker = open_checker(page, base_url, language)
    click_answers(checker, {"pain": "2", "next_day": "same", "trend": "better", "weeks": "under-2"})
    assert result_of(checker)[0] == "continue"
    title = checker.locator("[data-pain-check-title]").bounding_box()
    assert 0 <= title["y"] <= PHONE["height"], "the advice is off-screen after the last answer"
