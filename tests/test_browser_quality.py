"""Search answers in the reader's language and finds Dutch word forms, and the 404 page helps.
(What every page must be, at both widths, is in test_every_page.py.)"""

from __future__ import annotations

import pytest
from heuppijn_site.tools.site_tools import DESKTOP, PHONE
from support.site import LANGUAGES, open_settled

pytestmark = pytest.mark.browser

@pytest.mark.parametrize(
    ("start", "query", "own", "other"),
    [("", "pijn", "/", "/en/"), ("en/", "pain", "/en/", None)],
    ids=["nl", "en"],
)
def test_search_answers_in_the_page_language(browser, base_url, start, query, own, other):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_settled(page, base_url + start)
    page.locator("input.md-search__input").fill(query)
    results = page.locator(".md-search-result__item > a")
    results.first.wait_for()
    hrefs = [href for href in (a.get_attribute("href") for a in results.all()) if href]
    context.close()
    assert hrefs, "search found nothing"
    for href in hrefs:
        path = href.replace(base_url, "/")
        assert path.startswith(own), f"{href} is not a page in this language"
        if other:
            assert not path.startswith(other), f"{href} is a page in the other language"


@pytest.mark.parametrize("language", LANGUAGES)
def test_dutch_stemming_finds_word_forms(browser, base_url, language):
    # "oefeningen" is only found on pages with "oefenen" / "oefening" through Dutch stemming.
    start, query = ("", "oefeningen") if language == "nl" else ("en/", "exercises")
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    open_settled(page, base_url + start)
    page.locator("input.md-search__input").fill(query)
    page.locator(".md-search-result__item").first.wait_for()
    count = page.locator(".md-search-result__item").count()
    context.close()
    assert count >= 3


def test_a_missing_page_gets_the_bilingual_not_found_page(browser, base_url):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    response = page.goto(base_url + "en/deze/bestaat/niet/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == "Pagina niet gevonden"
    english = page.locator("section[lang=en]")
    assert english.locator("h2").inner_text() == "Page not found"
    page.get_by_role("link", name="Go to the English home page").click()
    assert page.url == base_url + "en/"
    page.go_back()
    page.get_by_role("link", name="Naar de startpagina").click()
    assert page.url == base_url
    context.close()
