"""The patient content: both languages complete and parallel, summaries, stable anchors,
figures with alt text in the page's language, admonition titles, plain language."""

from __future__ import annotations

import re

import pytest
import yaml
from heuppijn_site.tools.site_tools import ROOT, page_output
from support.site import DOCS, pages

from heuppijn_site.tools.readability import THRESHOLD, page_scores

PAGES = pages()
NAMES = sorted({page.name for page in PAGES})
# The topics the site is made to cover (its design card): file name -> (Dutch slug, English
# slug). More pages may be added; these must stay, at these addresses.
REQUIRED_PAGES = {
    "index.md": ("/", "/"),
    "wat-is-gtps.md": ("wat-is-gtps", "what-is-gtps"),
    "klachten.md": ("klachten", "symptoms"),
    "oorzaken.md": ("oorzaken", "causes"),
    "anatomie.md": ("anatomie", "anatomy"),
    "onderzoek.md": ("onderzoek", "diagnosis"),
    "behandeling.md": ("behandeling", "treatment"),
    "herstel.md": ("herstel", "recovery"),
    "zelf-doen.md": ("zelf-doen", "self-care"),
    "pijnregel.md": ("pijnregel", "pain-rule"),
    "wanneer-contact.md": ("wanneer-contact", "when-to-get-help"),
    "bronnen.md": ("bronnen", "sources"),
    "werkwijze.md": ("werkwijze", "how-it-is-made"),
    "toegankelijkheid.md": ("toegankelijkheid", "accessibility"),
}
SUMMARY_LABEL = {"nl": "In het kort", "en": "In short"}
HEADING = re.compile(r"^(#{2,6})\s+(.*?)\s*$", re.MULTILINE)


def source(locale: str, name: str) -> str:
    return (DOCS / locale / name).read_text(encoding="utf-8")


def twin_pairs():
    return [(name, source("nl", name), source("en", name)) for name in NAMES]


def test_every_topic_of_the_site_exists_with_its_slugs():
    slugs = {(p.name, p.locale): p.slug for p in PAGES}
    for name, (dutch, english) in REQUIRED_PAGES.items():
        assert slugs.get((name, "nl")) == dutch, f"docs/nl/{name} should have slug {dutch}"
        assert slugs.get((name, "en")) == english, f"docs/en/{name} should have slug {english}"


def test_every_page_is_in_the_navigation_once():
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    nav = [entry if isinstance(entry, str) else next(iter(entry.values())) for entry in config["nav"]]
    assert len(nav) == len(set(nav)), "a page is in nav: twice"
    assert set(nav) == set(NAMES), (
        f"add to nav: in mkdocs.yml: {sorted(set(NAMES) - set(nav))}; "
        f"in nav: but not in docs/: {sorted(set(nav) - set(NAMES))}")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_every_section_heading_has_an_explicit_id(page):
    text = source(page.locale, page.name)
    headings = [h for level, h in HEADING.findall(text) if level == "##"]
    missing = [h for h in headings if not re.search(r"\{#[a-z0-9-]+\}$", h)]
    assert not missing, f"{page.path}: give these headings an id like {{#my-id}}: {missing}"


@pytest.mark.parametrize(("name", "dutch", "english"), twin_pairs(), ids=lambda v: v if
                         isinstance(v, str) and v.endswith(".md") else "")
def test_twins_have_the_same_structure(name, dutch, english):
    def shape(text: str) -> list[str]:
        return [level for level, _ in HEADING.findall(text)]

    def ids(text: str) -> list[str]:
        return re.findall(r"\{#([a-z0-9-]+)\}", text)

    assert shape(dutch) == shape(english), f"{name}: headings differ between nl and en"
    assert len(ids(dutch)) == len(ids(english)), f"{name}: heading ids differ in count"
    assert len(set(ids(dutch))) == len(ids(dutch)), f"docs/nl/{name}: a heading id is used twice"
    assert len(set(ids(english))) == len(ids(english)), f"docs/en/{name}: a heading id is used twice"
    figures = re.compile(r"!\[[^\]]*\]\(([^)]+)\)")
    assert figures.findall(dutch) == figures.findall(english), f"{name}: figures differ"
    admonitions = re.compile(r"^\s*!!!\s+(\w+)", re.MULTILINE)
    assert admonitions.findall(dutch) == admonitions.findall(english), f"{name}: boxes differ"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_every_page_opens_with_a_summary_in_its_language(site, page):
    html = page_output(site, page).read_text(encoding="utf-8")
    article = html.split('<article class="md-content__inner md-typeset">', 1)[1]
    first_block = re.search(r'<div class="summary">\s*<p><strong>([^<]+)</strong>', article)
    assert first_block, f"{page.path}: no summary box"
    assert first_block.group(1) == SUMMARY_LABEL[page.locale]
    # The summary comes straight after the title, before any section.
    assert article.index('class="summary"') < article.find("<h2")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_admonitions_have_titles_in_the_page_language(page):
    text = source(page.locale, page.name)
    boxes = re.findall(r'^\s*!!!\s+\w+(.*)$', text, re.MULTILINE)
    untitled = [box for box in boxes if not re.match(r'\s+"[^"]+"\s*$', box)]
    assert not untitled, f"{page.path}: give every box a title in its language: !!! tip \"…\""


def test_recovery_phases_have_stable_anchors_in_both_languages(site):
    dutch = (site / "herstel" / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "recovery" / "index.html").read_text(encoding="utf-8")
    for number in range(1, 5):
        assert f'id="fase-{number}"' in dutch
        assert f'id="phase-{number}"' in english
        assert f'href="#fase-{number}"' in dutch, "the timeline links to each phase"
        assert f'href="#phase-{number}"' in english


# The drawings on each page. The postures are one drawing each, so that on a phone each can be
# shown large, right above its own explanation.
POSTURES = [f"houdingen-{what}-{kind}.svg" for what in ("staan", "zitten", "stoel", "zijlig")
            for kind in ("goed", "niet")]
FIGURE_PAGES = {"anatomie.md": ["anatomie.svg"], "zelf-doen.md": POSTURES}
LANGUAGE_WORDS = {"nl": {"de", "het", "een", "en", "van", "met"}, "en": {"the", "a", "and", "of", "with"}}


@pytest.mark.parametrize("page", [p for p in PAGES if p.name in FIGURE_PAGES], ids=lambda p: p.path)
def test_figures_exist_with_alt_text_and_caption_in_the_page_language(site, page):
    html = page_output(site, page).read_text(encoding="utf-8")
    images = re.findall(r'<img alt="([^"]*)"[^>]*src="([^"]+)"', html)
    assert images, f"{page.path}: no figure"
    for alt, src in images:
        target = (page_output(site, page).parent / src).resolve()
        assert target.exists(), f"{page.path}: image {src} is missing from the site"
        words = set(re.findall(r"[a-z]+", alt.lower()))
        own, other = LANGUAGE_WORDS[page.locale], LANGUAGE_WORDS["en" if page.locale == "nl" else "nl"]
        assert len(words) >= 8, f"{page.path}: alt text too short to describe the figure: {alt!r}"
        assert len(words & own) > len(words & other), f"{page.path}: alt text not in {page.locale}"
    for name in FIGURE_PAGES[page.name]:
        assert f"/images/{name}\"" in html, f"{page.path}: figure {name} is missing"
    figures = re.findall(r"<figure[^>]*>(.*?)</figure>", html, re.S)
    assert len(figures) == len(FIGURE_PAGES[page.name]), f"{page.path}: one figure per drawing"
    for figure in figures:
        caption = re.search(r"<figcaption>(.*?)</figcaption>", figure, re.S)
        text = re.sub(r"<sup.*?</sup>|<[^>]+>", "", caption.group(1)) if caption else ""
        assert len(text.strip()) >= 20, f"{page.path}: figure without a caption: {figure[:120]!r}"


def test_the_home_page_leads_to_every_topic(site):
    for locale, home in (("nl", site / "index.html"), ("en", site / "en" / "index.html")):
        html = home.read_text(encoding="utf-8")
        for page in PAGES:
            if page.locale == locale and page.name not in {"index.md"}:
                assert f'href="{page.slug}/"' in html or f'href="../{page.slug}/"' in html or \
                    f'href="./{page.slug}/"' in html, f"{locale} home page does not link to {page.slug}"


def test_each_topic_card_on_the_home_page_is_one_link_and_nothing_else_to_tab_to(site):
    # The card's link stretches over the whole card (extra.css), so the card is tapped as one;
    # a tooltip term inside it would be a second target under the first.
    for home in (site / "index.html", site / "en" / "index.html"):
        html = home.read_text(encoding="utf-8")
        topic_list = html.split('<ul class="topic-list">', 1)[1].split("</ul>", 1)[0]
        cards = re.findall(r"<li>(.*?)</li>", topic_list, re.S)
        assert len(cards) >= 10
        for card in cards:
            assert len(re.findall(r"<a\s", card)) == 1, f"{home}: a card needs exactly one link: {card}"
            assert "tabindex" not in card and "<abbr" not in card, f"{home}: a second target in {card}"


def test_every_page_is_plain_language():
    scores = page_scores()
    too_hard = {name: round(value, 1) for name, value in scores.items() if value < THRESHOLD}
    assert len(scores) == len(PAGES)
    assert not too_hard, f"shorter sentences and everyday words, please (aim >= {THRESHOLD}): {too_hard}"


def test_no_promotion_of_the_source_practice():
    for path in DOCS.glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        assert "Impact" not in text, f"{path.relative_to(ROOT)}: keep the facts, drop the promotion"


def test_figures_are_svg_files_in_the_repository():
    for name in (name for names in FIGURE_PAGES.values() for name in names):
        svg = (DOCS / "assets" / "images" / name).read_text(encoding="utf-8")
        assert svg.lstrip().startswith("<svg") and "viewBox" in svg
        assert "<script" not in svg and "href=\"http" not in svg
