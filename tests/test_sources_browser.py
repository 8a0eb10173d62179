"""Source lists on a phone: a reader who taps a citation lands on the source, described in the
page's own language (issue 25: English pages showed "(patiëntenfolder)" and "(webpagina")."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from heuppijn_site.tools.site_tools import PHONE

pytestmark = pytest.mark.browser

DUTCH_WORDS = ("Fysiotherapiepraktijk", "patiëntenfolder", "webpagina")
# (page, the source its first citation of it leads to, how the source's author reads there)
CASES = {
    "en-leaflet": ("en/pain-rule/", "leaflet-gluteale-tendinopathie", "Physiotherapy practice (patient leaflet)."),
    "en-practice-page": ("en/exercise-cards/", "practice-gtps-page", "Physiotherapy practice (web page)."),
    "nl-leaflet": ("pijnregel/", "leaflet-gluteale-tendinopathie", "Fysiotherapiepraktijk (patiëntenfolder)."),
}


@pytest.mark.parametrize("case", CASES)
def test_a_tapped_citation_shows_its_source_in_the_pages_language(browser, base_url, case):
    path, key, author = CASES[case]
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + path)
    citation = page.locator(f"sup.citation a[href='#ref-{key}']").first
    citation.tap()
    source = page.locator(f"#ref-{key}")
    expect(source).to_be_in_viewport()
    text = source.inner_text()
    assert text.startswith(author), text
    # Screen readers hear the same words as the citation's name.
    assert citation.get_attribute("aria-label").endswith(author.rstrip("."))
    if path.startswith("en/"):
        sources = page.locator("ol.references").inner_text()
        assert not [word for word in DUTCH_WORDS if word in sources], sources
    context.close()
