"""The search form's button: the theme shows results as the reader types and had no way to submit
the form; the button (theme_html.add_search_submit, search-submit.js) shows the results and moves
focus to them, by touch on a phone and with the keyboard alone on a wide screen."""

from __future__ import annotations

import pytest
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import DESKTOP, PHONE, ROOT
from support.site import LANGUAGES, open_settled

pytestmark = pytest.mark.browser

TEXTS = site_texts(ROOT, LANGUAGES)
START = {"nl": ("", "pijnregel", "/pijnregel/"), "en": ("en/", "pain rule", "/en/pain-rule/")}


def focused_class(page) -> str:
    return page.evaluate("document.activeElement ? document.activeElement.className : ''")


@pytest.mark.parametrize("language", LANGUAGES)
def test_on_a_phone_the_button_shows_the_results(browser, base_url, language):
    start, query, _ = START[language]
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    open_settled(page, base_url + start)
    page.locator(".md-header label[for='__search']").first.tap()
    page.locator("input.md-search__input").fill(query)
    page.locator(".md-search-result__item").first.wait_for()
    button = page.locator("button.md-search__submit")
    assert button.inner_text().strip() == TEXTS[language].search["submit"]
    box = button.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44, box
    button.tap()
    # Focus leaves the box (the phone's keyboard closes) and lands on the line above the results.
    assert focused_class(page).startswith("md-search-result__meta")
    assert page.locator(".md-search-result__meta").is_visible()
    assert page.locator(".md-search-result__item").first.is_visible()
    assert page.url == base_url + start, "the form is not sent anywhere"
    context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_with_the_keyboard_alone_the_button_brings_the_results_back(browser, base_url, language):
    start, query, first = START[language]
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_settled(page, base_url + start)
    for _ in range(15):
        page.keyboard.press("Tab")
        if "md-search__input" in focused_class(page):
            break
    else:
        pytest.fail("Tab does not reach the search box")
    page.keyboard.type(query)
    page.locator(".md-search-result__item").first.wait_for()
    # Tab leaves the box: the theme closes the results; the next stop is the button.
    page.keyboard.press("Tab")
    assert focused_class(page).startswith("md-search__submit")
    assert not page.locator(".md-search-result__item").first.is_visible()
    page.keyboard.press("Enter")
    assert focused_class(page).startswith("md-search-result__meta")
    assert page.locator(".md-search-result__item").first.is_visible()
    # The arrow keys go through the results, as in the theme; Enter opens one.
    page.keyboard.press("ArrowDown")
    link = page.evaluate("document.activeElement.getAttribute('href')")
    assert link and link.endswith(first), link
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{first}")
    context.close()


def test_an_empty_box_is_not_submitted(browser, base_url):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_settled(page, base_url)
    page.locator("input.md-search__input").click()
    page.locator("button.md-search__submit").click()
    assert page.url == base_url
    assert page.evaluate("document.querySelector('input.md-search__input').validity.valueMissing")
    context.close()
