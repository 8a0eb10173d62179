"""Search never ignores a query: on a slow phone, a query entered while the page is still starting
(index not loaded, worker starting) gets its results as soon as search is ready.

The theme used to read the query only on `keyup`, on a focus change and once when its worker
became ready. Text that arrives without a key release (pasted, dictated, a suggestion tapped on a
phone keyboard; Playwright's `fill`) after that moment was ignored: "Typ om te beginnen met
zoeken" stayed. Playwright's `fill` enters text that way: one `input` event, no key events.
"""

from __future__ import annotations

import pytest
from heuppijn_site.tools.site_tools import PHONE
from support.site import slow_cpu

pytestmark = pytest.mark.browser

# Per language: where its pages are, queries with results (each appears on its pages) and one
# without any.
LANGUAGES = {
    "nl": ("", ["heup", "pijnregel", "huisarts", "tendinopathie", "slijmbeurs", "injectie"], "xylofoon"),
    "en": ("en/", ["hip", "pain", "tendinopathy", "bursa", "injection", "exercise"], "xylophone"),
}
TRIES = [
    pytest.param(language, query, id=f"{language}-{query}")
    for language, (_, queries, none) in LANGUAGES.items()
    for query in [*queries, none]
]
# Counts the times the theme rewrites the result summary ("Typ om te beginnen met zoeken",
# "16 overeenkomende documenten"): it does so for every answer of its search worker.
COUNT_ANSWERS = """
document.addEventListener("DOMContentLoaded", () => {
  window.__searchAnswers = 0;
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver(() => { window.__searchAnswers += 1; })
    .observe(meta, { childList: true, characterData: true, subtree: true });
});
"""


def slow_phone(browser):
    """A fresh phone-sized page (no cache, no worker yet) with its CPU slowed down."""
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(COUNT_ANSWERS)
    page = context.new_page()
    slow_cpu(page)
    return context, page


def open_search(page) -> None:
    page.locator(".md-header label[for='__search']").first.click()


def assert_answered(page, language: str, query: str) -> None:
    """Wait for the answer to `query`: results that mark it, or the theme's "no results" line."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    _, _, none = LANGUAGES[language]
    meta = page.locator(".md-search-result__meta")
    if query == none:
        text = page.evaluate("JSON.parse(document.getElementById('__config').textContent)"
                             ".translations['search.result.none']")
        answer = meta.filter(has_text=text)
    else:
        answer = page.locator(".md-search-result__item mark").filter(has_text=query).first
    try:
        answer.wait_for()
        return
    except PlaywrightTimeout:
        pass
    pytest.fail(f"the query {query!r} in the search box got no answer: the results still say "
                f"{meta.inner_text()!r}", pytrace=False)


@pytest.mark.parametrize(("language", "query"), TRIES)
def test_a_query_entered_as_the_page_starts_gets_its_results(browser, base_url, language, query):
    """Search opened and the query entered as soon as the DOM is there, with a slow CPU: the
    index is not loaded and the worker not started yet, or just starting."""
    start, _, _ = LANGUAGES[language]
    context, page = slow_phone(browser)
    try:
        page.goto(base_url + start, wait_until="domcontentloaded")
        open_search(page)
        page.locator("input.md-search__input").fill(query)
        assert_answered(page, language, query)
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_query_entered_after_search_is_ready_gets_its_results(browser, base_url, language):
    """The same, a moment later: search opened, its worker ready and answering the empty box,
    then the query. The theme used to ignore this one every time."""
    start, queries, _ = LANGUAGES[language]
    context, page = slow_phone(browser)
    try:
        page.goto(base_url + start, wait_until="domcontentloaded")
        open_search(page)
        page.wait_for_function("() => window.__searchAnswers > 0")  # the worker answered the empty box
        page.locator("input.md-search__input").fill(queries[0])
        assert_answered(page, language, queries[0])
    finally:
        context.close()

