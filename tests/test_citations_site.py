"""Citations in the built site: every number leads to its source on the same page and back,
and the sources page lists every reference with the pages that cite it."""

from __future__ import annotations

import re

import pytest
from heuppijn_site.content.references import CATEGORIES, load_references
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import ROOT, page_output
from support.site import LANGUAGES, pages

PAGES = pages()
REFERENCES = load_references(ROOT / "data" / "references.yml")
UNCITED_PAGES = {"over.md", "bronnen.md", "werkwijze.md", "toegankelijkheid.md",  # no medical claims there
                 "posters.md"}  # each poster repeats a page's description; its sources are on that page
TEXTS = site_texts(ROOT, LANGUAGES)  # the headings' words: data/labels.yml


def html_of(site, page) -> str:
    return page_output(site, page).read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in UNCITED_PAGES], ids=lambda p: p.path)
def test_citations_resolve_to_entries_and_back(site, page):
    html = html_of(site, page)
    ids = set(re.findall(r'\sid="([^"]+)"', html))
    links = re.findall(r'<a href="#(ref-[^"]+)" aria-label="([^"]+)">(\d+)</a>', html)
    assert links, f"{page.path}: a content page cites its sources"
    label = "Bron" if page.locale == "nl" else "Source"
    for target, aria, number in links:
        assert target in ids, f"{page.path}: citation [{number}] points at missing #{target}"
        assert re.match(rf"{label} {number}: \S", aria), f"{page.path}: screen-reader name {aria!r}"
    entries = re.findall(r'<li id="(ref-[^"]+)">(.*?)</li>', html.split('<ol class="references"')[1], re.S)
    assert {key for key, _ in entries} == {target for target, _, _ in links}
    for key, body in entries:
        backs = re.findall(r'class="citation-back" href="#([^"]+)"', body)
        assert backs, f"{page.path}: entry {key} has no link back to the text"
        assert all(back in ids for back in backs)
    numbers = [int(n) for _, _, n in links]
    first_use = list(dict.fromkeys(numbers))
    assert first_use == list(range(1, len(first_use) + 1)), "numbered in order of first use"


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in UNCITED_PAGES], ids=lambda p: p.path)
def test_the_sources_heading_is_in_the_page_language(site, page):
    html = html_of(site, page)
    labels = TEXTS[page.locale].citations
    heading = f'<h2 id="{labels["sources_id"]}">{labels["sources"]}</h2>'
    assert heading in html


def test_twins_cite_the_same_sources(site):
    for page in PAGES:
        if page.locale != "nl":
            continue
        twin = next(p for p in PAGES if p.name == page.name and p.locale == "en")
        refs = lambda p: sorted(set(re.findall(r'<li id="ref-([^"]+)">', html_of(site, p))))  # noqa: E731
        assert refs(page) == refs(twin), f"{page.name}: nl and en cite different sources"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_sources_page_lists_every_reference_with_the_pages_citing_it(site, locale):
    sources = next(p for p in PAGES if p.name == "bronnen.md" and p.locale == locale)
    html = html_of(site, sources)
    for category in CATEGORIES:
        group_id, title = TEXTS[locale].source_groups[category]
        assert f'<h2 id="{group_id}">{title}</h2>' in html
    entries = dict(re.findall(r'<li id="ref-([^"]+)">(.*?)</li>', html, re.S))
    assert set(entries) == set(REFERENCES)
    for key, body in entries.items():
        pages = re.findall(r'<a href="([^"#]+)"[^>]*>', body.split("bibliography__pages", 1)[1])
        assert pages, f"{key}: the sources page names no page that cites it"
        for href in pages:
            target = (page_output(site, sources).parent / href / "index.html").resolve()
            assert target.exists(), f"{key}: link to {href} does not resolve"
            assert f'id="ref-{key}"' in target.read_text(encoding="utf-8")


BACK_LINK = {"nl": ("Terug naar de tekst bij bron", "vermelding"),
             "en": ("Back to the text at source", "mention")}


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in UNCITED_PAGES], ids=lambda p: p.path)
def test_one_back_link_per_citation_each_with_its_own_name_in_the_page_language(site, page):
    html = html_of(site, page)
    # Which works each citation in the text cites: <sup class="citation" id="citation-3">[…]</sup>
    cited_at: dict[str, list[str]] = {}
    for occurrence, body in re.findall(r'<sup class="citation" id="(citation-\d+)">(.*?)</sup>', html, re.S):
        for key in dict.fromkeys(re.findall(r'href="#ref-([^"]+)"', body)):
            cited_at.setdefault(key, []).append(occurrence)
    listing = html.split('<ol class="references"')[1].split("</ol>")[0]
    back, mention = BACK_LINK[page.locale]
    names = []
    for number, (key, body) in enumerate(re.findall(r'<li id="ref-([^"]+)">(.*?)</li>', listing, re.S), 1):
        links = re.findall(r'<a class="citation-back" href="#([^"]+)" aria-label="([^"]+)">', body)
        assert [target for target, _ in links] == cited_at[key], (
            f"{page.path}: source {number} needs one link back to each place that cites it")
        expected = ([f"{back} {number}"] if len(links) == 1 else
                    [f"{back} {number}, {mention} {i}" for i in range(1, len(links) + 1)])
        assert [name for _, name in links] == expected, f"{page.path}: names of the links back"
        names += expected
    assert len(names) == len(set(names)), f"{page.path}: two links back have the same name"


@pytest.mark.parametrize("page", [p for p in PAGES if p.name not in UNCITED_PAGES - {"bronnen.md"}],
                         ids=lambda p: p.path)
def test_sources_without_a_date_show_no_placeholder(site, page):
    html = html_of(site, page)
    lists = re.findall(r'<(?:ol class="references"|ul class="bibliography").*?</(?:ol|ul)>', html, re.S)
    assert lists, f"{page.path}: no sources list"
    for listing in lists:
        for placeholder in ("n.d.", "datum onbekend", "date unknown", "[]"):
            assert placeholder not in listing, f"{page.path}: the sources show {placeholder!r}"
    undated = [key for key, ref in REFERENCES.items() if ref.year == "n.d."]
    assert undated, "data/references.yml has works without a date, so this test checks them"
