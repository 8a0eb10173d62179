"""What a patient does on a phone, with a finger, under a slow CPU: call 112 from where the site
says to call it; ask the checker for advice and read it; find the question still open."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.pain_rules import QUESTIONS, load_pain_rules
from heuppijn_site.tools.site_tools import ROOT
from support.pain_check import open_names
from support.site import LANGUAGES

pytestmark = pytest.mark.browser

SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
CALL = SIGNS.emergency_number
CONTACT = {"nl": "wanneer-contact/", "en": "en/when-to-get-help/"}
PAIN_RULE = {"nl": "pijnregel/", "en": "en/pain-rule/"}


def record_taps(page) -> None:
    """From now on, window.tapped lists the address of the link each tap landed on ('' for none)."""
    page.evaluate("""() => {
        window.tapped = [];
        document.addEventListener("click", event => {
            const link = event.target.closest("a");
            window.tapped.push(link ? link.getAttribute("href") : "");
            if (link && link.protocol === "tel:") event.preventDefault();  // no phone to dial here
        }, true);
    }""")


def tap_and_see_it_dial(page, link) -> None:
    """Tap the link; the tap lands on it, and it asks the phone to call the emergency number."""
    taps = page.evaluate("window.tapped.length")
    link.tap()
    page.wait_for_function(f"window.tapped.length > {taps}")
    assert page.evaluate("window.tapped[window.tapped.length - 1]") == f"tel:{CALL.number}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_112_can_be_tapped_to_call_it_in_the_warning_signs_and_who_to_call(slow_phone, base_url, language):
    page = slow_phone  # conftest.py: 390 px, touch, a slow CPU
    page.goto(base_url + CONTACT[language])
    record_taps(page)
    box = page.locator(".warning-level--emergency").first
    # The action ("Bel nu 112") and what to do ("Bel meteen 112. …"): each its 112 a link, named
    # for a screen reader by what it does.
    links = box.get_by_role("link", name=CALL.label[language], exact=True)
    expect(links).to_have_count(2)
    expect(links).to_have_text([CALL.number, CALL.number])
    instruction = box.locator(".warning-level__instruction").get_by_role("link", name=CALL.label[language])
    instruction.scroll_into_view_if_needed()
    tap_and_see_it_dial(page, instruction)
    # Who to call: "112 is het alarmnummer …".
    route = page.locator("[data-care-routes]").get_by_role("link", name=CALL.label[language], exact=True)
    expect(route).to_have_count(1)
    route.scroll_into_view_if_needed()
    tap_and_see_it_dial(page, route)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_checkers_112_advice_can_be_tapped_to_call(slow_phone, base_url, language):
    page = slow_phone  # conftest.py: 390 px, touch, a slow CPU
    page.goto(base_url + PAIN_RULE[language])
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    record_taps(page)
    sign = next(sign for sign in RULES.signs if sign.level == "emergency")
    checker.locator(f"label:has(input[value='{sign.id}'])").tap()
    # Right under the box: "Bel nu 112 — Bel meteen 112. …", the number a link to call it.
    note = checker.locator(f"div.pain-check__sign:has(input[value='{sign.id}']) [data-pain-check-sign-note]")
    expect(note).to_contain_text(RULES.level_texts[language]["emergency"]["message"])
    in_note = note.get_by_role("link", name=CALL.label[language], exact=True)
    expect(in_note).to_have_count(2)
    tap_and_see_it_dial(page, in_note.last)
    # The advice says it too, and its 112 calls.
    checker.get_by_role("button", name=RULES.texts[language]["show_advice"]).tap()
    advice = checker.locator("[data-pain-check-result]")
    expect(advice).to_have_attribute("data-level", "emergency")
    expect(checker.locator("[data-pain-check-title]")).to_have_text(RULES.level_texts[language]["emergency"]["title"])
    in_advice = advice.get_by_role("link", name=CALL.label[language], exact=True)
    expect(in_advice).to_have_count(2)
    tap_and_see_it_dial(page, in_advice.first)


def in_view_below_the_header(page, selector: str) -> None:
    """Wait until the element's top is on screen, below the fixed header and below the theme's
    "back to top" button when that shows (a scroll up shows it)."""
    page.wait_for_function(
        """selector => {
            const top = document.querySelector(selector).getBoundingClientRect().top;
            let covered = document.querySelector(".md-header").getBoundingClientRect().bottom;
            const backToTop = document.querySelector(".md-top");
            if (backToTop && !backToTop.hidden && getComputedStyle(backToTop).display !== "none"
                && getComputedStyle(backToTop).opacity !== "0") {
                covered = Math.max(covered, backToTop.getBoundingClientRect().bottom);
            }
            return top >= covered - 1 && top < window.innerHeight - 40;
        }""",
        arg=selector, timeout=5000,
    )


def open_checker(page, base_url, language):
    page.goto(base_url + PAIN_RULE[language])
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    return checker


def tap_answers(checker, answers: dict[str, str]) -> None:
    for name, value in answers.items():
        checker.locator(f"label:has(input[name='{name}'][value='{value}'])").tap()
        expect(checker.locator(f"input[name='{name}'][value='{value}']")).to_be_checked()


@pytest.mark.parametrize("language", LANGUAGES)
def test_show_my_advice_shows_its_label_below_the_header_and_leads_to_the_open_question(slow_phone, base_url,
                                                                                       language):
    page = slow_phone  # conftest.py: 390 px, touch, a slow CPU
    checker = open_checker(page, base_url, language)
    # Three questions answered, with much to say (a box taller than the screen); then the button.
    tap_answers(checker, {"pain": "9", "next_day": "more", "trend": "worse"})
    checker.get_by_role("button", name=RULES.texts[language]["show_advice"]).tap()
    page.wait_for_function("document.activeElement.hasAttribute('data-pain-check-result')")
    # The box's label ("Advies") is on screen, not under the fixed header.
    expect(checker.locator(".pain-check__result-label")).to_have_text(RULES.texts[language]["result_label"])
    in_view_below_the_header(page, "[data-pain-check-result] .pain-check__result-label")
    # What is still open is named, not "Nog open: 4".
    partial = checker.locator("[data-pain-check-partial]")
    expect(partial).to_contain_text(RULES.texts[language]["partial"])
    expect(partial.locator("a:visible")).to_have_text(open_names(language, "weeks"))
    # Tapping it goes to that question: its legend in view, focus on its first answer.
    partial.get_by_role("link", name=open_names(language, "weeks")[0]).tap()
    in_view_below_the_header(page, "#pain-check-question-weeks > legend")
    page.wait_for_function("document.activeElement.name === 'weeks'")
    tap_answers(checker, {"weeks": "under-2"})
    expect(partial).to_be_hidden()
    expect(checker.locator("[data-pain-check-result]")).to_have_attribute("data-reasons", re.compile("worsening"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_before_any_answer_the_advice_names_every_question_and_leads_to_each(slow_phone, base_url, language):
    page = slow_phone  # conftest.py: 390 px, touch, a slow CPU
    checker = open_checker(page, base_url, language)
    checker.get_by_role("button", name=RULES.texts[language]["show_advice"]).tap()
    waiting = checker.locator("[data-pain-check-waiting]")
    expect(waiting).to_contain_text(RULES.texts[language]["remaining"])
    expect(waiting.locator("a:visible")).to_have_text(open_names(language, *QUESTIONS))
    waiting.get_by_role("link", name=open_names(language, "next_day")[0]).tap()
    in_view_below_the_header(page, "#pain-check-question-next_day > legend")
    page.wait_for_function("document.activeElement.name === 'next_day'")
    tap_answers(checker, {"next_day": "same"})
    # Answered: the list no longer names it.
    expect(waiting.locator("a:visible")).to_have_text(open_names(language, "pain", "trend", "weeks"))
