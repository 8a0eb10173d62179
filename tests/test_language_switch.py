"""A reader on a phone switches language with the switcher and lands on the same page."""

from __future__ import annotations

import pytest
from site_tools import PHONE

pytestmark = pytest.mark.browser


def switch_language(page, to: str) -> None:
    """Open the language menu in the header and choose a language, as a person would."""
    page.locator(".md-header .md-select").first.hover()
    page.locator(f".md-header a.md-select__link[hreflang='{to}']").first.click()
    page.wait_for_load_state("load")


@pytest.mark.parametrize(
    ("dutch", "english", "dutch_heading", "english_heading"),
    [
        ("", "en/", "Pijn aan de buitenkant van de heup", "Pain on the outside of the hip"),
        ("wanneer-contact/", "en/when-to-get-help/", "Wanneer neem je contact op?",
         "When should you get in touch?"),
    ],
)
def test_switch_to_english_and_back_on_a_phone(browser, base_url, dutch, english, dutch_heading,
                                               english_heading):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + dutch)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == dutch_heading

    switch_language(page, "en")
    assert page.url == base_url + english
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == english_heading

    switch_language(page, "nl")
    assert page.url == base_url + dutch
    assert page.locator("h1").inner_text() == dutch_heading
    context.close()
