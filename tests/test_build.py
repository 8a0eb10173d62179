"""The built site: both languages, localized URLs, review lines. (That a build gives the same
bytes every time: test_pipeline.py, with its second build.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import ROOT, page_output
from support.site import DOCS, LANGUAGES, pages
from heuppijn_site.site_texts import site_texts

TEXTS = site_texts(ROOT, LANGUAGES)  # data/labels.yml, data/languages.yml

PAGES = pages()


def html(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def test_every_page_has_a_twin_in_the_other_language():
    names = {lang: {p.relative_to(DOCS / lang).as_posix() for p in (DOCS / lang).rglob("*.md")}
             for lang in LANGUAGES}
    assert names["nl"], "no Dutch pages found"
    assert names["nl"] == names["en"], (
        f"only in Dutch: {sorted(names['nl'] - names['en'])}; "
        f"only in English: {sorted(names['en'] - names['nl'])}"
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_each_page_is_built_at_its_localized_url_with_the_right_lang(site, page):
    output = page_output(site, page)
    assert output.exists(), f"{page.path} should be built at {output.relative_to(site)}"
    text = html(output)
    assert re.search(rf'<html lang="{page.locale}"', text), f"{output} lacks lang={page.locale}"
    assert f"<title>{page.title}" in text.replace("&#39;", "'")


def test_english_pages_live_under_en_and_dutch_pages_at_the_root(site):
    for page in PAGES:
        relative = page_output(site, page).relative_to(site).as_posix()
        assert relative.startswith("en/") == (page.locale == "en"), relative
    assert not (site / "nl").exists(), "Dutch pages must be served at /, not /nl/"


def test_the_page_with_a_localized_slug_has_a_different_url_per_language(site):
    assert (site / "wanneer-contact" / "index.html").exists()
    assert (site / "en" / "when-to-get-help" / "index.html").exists()
    assert not (site / "en" / "wanneer-contact").exists()


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_language_switcher_links_to_the_twin(site, page):
    twin = next(p for p in PAGES if p.name == page.name and p.locale != page.locale)
    output = page_output(site, page)
    links = dict(
        (lang, href)
        for href, lang in re.findall(
            r'<a href="([^"]*)" hreflang="([a-z]+)" lang="[a-z]+" class="[^"]*language-switch__link', html(output)
        )
    )
    target = (output.parent / links[twin.locale]).resolve()
    if links[twin.locale].startswith("/"):
        target = (site / links[twin.locale].lstrip("/")).resolve()
    if target.is_dir():
        target = target / "index.html"
    assert target == page_output(site, twin).resolve()


REVIEW_LINES = {
    "nl": "Laatst beoordeeld op 22 november 2026 · volgende beoordeling november 2027",
    "en": "Last reviewed 22 November 2026 · next review November 2027",
}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_each_page_ends_with_its_review_line(site, page):
    match = re.search(r'<p class="page-review">(.*?)</p>', html(page_output(site, page)), re.DOTALL)
    assert match, f"{page.path}: no review line"
    text = " ".join(re.sub(r"<[^>]+>", "", match.group(1)).split())
    from heuppijn_site.content.front_matter import review_line

    line = review_line(page, TEXTS[page.locale])
    assert text == f"{line.reviewed_label} {line.reviewed_text} · {line.next_label} {line.next_text}"
    if page.reviewed.isoformat() == "2026-11-22" and page.next_review.isoformat()[:7] == "2027-11":
        assert text == REVIEW_LINES[page.locale]


def test_sitemap_dates_are_review_dates_not_the_build_date(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert lastmods == {p.reviewed.isoformat() for p in PAGES}
