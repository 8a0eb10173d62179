"""The glossary: data/glossary.yml is checked with messages that name the file, the term, the
field and the fix; terms on a page get their definition as a tooltip in the page's language
(every use, the first one a Tab stop, never in headings, links or code, and a line after the
first that says so); the glossary page lists every term."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from heuppijn_site.content.glossary_terms import GlossaryError, load_glossary, sort_key
from heuppijn_site.content.references import load_references
from heuppijn_site.tools.site_tools import ROOT, mkdocs_build, page_output
from support.project_copy import warm_copy
from support.site import DOCS, LANGUAGES, pages
from heuppijn_site.content.term_tooltips import TermTooltips, abbreviation_lines, with_tooltips

import textstat
from heuppijn_site.tools.readability import THRESHOLD  # noqa: E402  (also gives textstat its English dictionary)

GLOSSARY_FILE = ROOT / "data" / "glossary.yml"
PAGE_NAMES = sorted(path.name for path in (DOCS / "nl").glob("*.md"))
REFERENCES = load_references(ROOT / "data" / "references.yml")
GLOSSARY = load_glossary(GLOSSARY_FILE, LANGUAGES, PAGE_NAMES, "data/glossary.yml", REFERENCES)
PAGES = pages()
GLOSSARY_PAGE = "begrippen.md"


# Reading and checking the file ---------------------------------------------------------------

def test_the_glossary_covers_the_words_patients_meet():
    ids = {term.id for term in GLOSSARY.terms}
    assert {"gtps", "trochanter-major", "gluteus-medius", "gluteus-minimus", "pees",
            "tendinopathie", "slijmbeurs", "artrose", "belasting", "belastbaarheid", "compressie",
            "echo", "shockwave", "corticosteroide-injectie", "huisartsenpost"} <= ids
    english = GLOSSARY.definitions("en")
    dutch = GLOSSARY.definitions("nl")
    assert {"tendon", "tendons", "greater trochanter", "load capacity", "bursitis"} <= set(english)
    assert {"pees", "pezen", "belastbaarheid", "slijmbeursontsteking"} <= set(dutch)
    # The same word, a definition in each language.
    assert dutch["GTPS"] != english["GTPS"]


PLAIN_WORDS = {"pees", "huisartsenpost"}  # a word or a name, not a medical statement


def test_every_medical_definition_names_its_sources():
    uncited = {term.id for term in GLOSSARY.terms if not term.sources}
    assert uncited <= PLAIN_WORDS, f"add 'sources:' to {sorted(uncited - PLAIN_WORDS)}"


GOOD_TERM = """\
- id: pees
  nl:
    term: pees
    forms: [pees, pezen]
    definition: Het stevige uiteinde van een spier.
  en:
    term: tendon
    forms: [tendon]
    definition: The tough end of a muscle.
"""


def load(tmp_path: Path, text: str):
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    return load_glossary(path, ("nl", "en"), {"wat-is-gtps.md"}, "data/glossary.yml",
                         {"leap-2018", "brinks-2011"})


def test_sources_become_one_citation(tmp_path):
    cited = load(tmp_path, GOOD_TERM.replace("- id: pees\n",
                                             "- id: pees\n  sources: [leap-2018, brinks-2011]\n"))
    assert cited.citation(cited.terms[0]) == "[@leap-2018; @brinks-2011]"
    uncited = load(tmp_path, GOOD_TERM)
    assert uncited.citation(uncited.terms[0]) == ""


def test_a_good_file_loads(tmp_path):
    glossary = load(tmp_path, GOOD_TERM)
    assert glossary.definitions("nl") == {"pees": "Het stevige uiteinde van een spier.",
                                          "pezen": "Het stevige uiteinde van een spier."}
    assert glossary.definitions("en") == {"tendon": "The tough end of a muscle."}


def test_a_definition_over_several_lines_becomes_one_line(tmp_path):
    text = GOOD_TERM.replace("definition: The tough end of a muscle.",
                             "definition: >-\n      The tough end\n      of a muscle.")
    assert load(tmp_path, text).definitions("en")["tendon"] == "The tough end of a muscle."


OTHER_TERM = """\
- id: echo
  nl:
    term: echo
    forms: [echo]
    definition: Een onderzoek met geluidsgolven.
  en:
    term: ultrasound
    forms: [ultrasound]
    definition: A scan with sound waves.
"""


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GOOD_TERM.replace("  en:\n    term: tendon\n    forms: [tendon]\n"
                           "    definition: The tough end of a muscle.\n", ""),
         "data/glossary.yml:1: term 'pees': 'en' is missing — add the term, its forms and its "
         "definition in that language"),
        (GOOD_TERM.replace("definition: Het stevige uiteinde van een spier.", "definition: ''"),
         "data/glossary.yml:1: term 'pees': 'nl.definition' is empty — explain the term in one or "
         "two short sentences"),
        (GOOD_TERM.replace("definition: Het stevige uiteinde van een spier.", "definition:"),
         "data/glossary.yml:1: term 'pees': 'nl.definition' is empty"),
        (GOOD_TERM + GOOD_TERM.replace("definition: Het", "definition: Nog eens het"),
         "data/glossary.yml:10: term 'pees': 'id' is used twice — give each term its own id"),
        (GOOD_TERM + OTHER_TERM.replace("forms: [echo]", "forms: [echo, pezen]"),
         "data/glossary.yml:10: term 'echo': 'nl.forms' has 'pezen', which term 'pees' has too — "
         "a form belongs to one term only"),
        (GOOD_TERM.replace("forms: [pees, pezen]", "forms: [pees, pees]"),
         "data/glossary.yml:1: term 'pees': 'nl.forms' lists a form twice"),
        (GOOD_TERM.replace("forms: [pees, pezen]", "forms: []"),
         "data/glossary.yml:1: term 'pees': 'nl.forms' is missing — list the word as the pages "
         "write it"),
        (GOOD_TERM.replace("forms: [pees, pezen]", "forms: [pees, '[pezen]']"),
         "data/glossary.yml:1: term 'pees': 'nl.forms' has '[pezen]' — a form is a word"),
        (GOOD_TERM.replace("    term: tendon\n", ""),
         "data/glossary.yml:1: term 'pees': 'en.term' is missing"),
        (GOOD_TERM.replace("id: pees", "id: Pees"),
         "data/glossary.yml: term 1 needs an 'id' of lowercase words joined by hyphens"),
        (GOOD_TERM.replace("    definition: The", "    defintion: The"),
         "data/glossary.yml:1: term 'pees': 'en.defintion' is not a field — use term, forms, "
         "definition"),
        (GOOD_TERM.replace("  nl:", "  de:\n    term: Sehne\n  nl:"),
         "data/glossary.yml:1: term 'pees': 'de' is not a field of a term — use id, page, sources, "
         "nl, en"),
        (GOOD_TERM.replace("een spier.", "een spier. [@leap-2018]"),
         "data/glossary.yml:1: term 'pees': 'nl.definition' cannot cite a source — list its id "
         "under 'sources:' of the term"),
        (GOOD_TERM.replace("een spier.", "een *spier*."),
         "data/glossary.yml:1: term 'pees': 'nl.definition' has '*' — write plain text"),
        (GOOD_TERM.replace("een spier.", "een <b>spier</b>."),
         "data/glossary.yml:1: term 'pees': 'nl.definition' has '<' — write plain text"),
        (GOOD_TERM.replace("een spier.", "een spier." + " Nog een zin over de pees." * 12),
         "characters — shorten it to one or two sentences (at most 300)"),
        (GOOD_TERM + OTHER_TERM.replace("Een onderzoek met geluidsgolven.",
                                        "Het stevige uiteinde van een spier."),
         "data/glossary.yml:10: term 'echo': 'nl.definition' is the same as that of term 'pees'"),
        (GOOD_TERM.replace("- id: pees\n", "- id: pees\n  page: nergens.md\n"),
         "data/glossary.yml:1: term 'pees': 'page' names 'nergens.md', which is not a page"),
        (GOOD_TERM.replace("- id: pees\n", "- id: pees\n  sources: [leap-2019]\n"),
         "data/glossary.yml:1: term 'pees': 'sources' names 'leap-2019', which is not in "
         "data/references.yml — did you mean 'leap-2018'?"),
        (GOOD_TERM.replace("- id: pees\n", "- id: pees\n  sources: {leap: 2018}\n"),
         "data/glossary.yml:1: term 'pees': 'sources' must list reference ids"),
        ("- id: pees\n  nl: [\n", "data/glossary.yml:3: not valid YAML"),
        ("pees: Het stevige uiteinde.\n", "data/glossary.yml: the file must be a list of terms"),
    ],
    ids=["missing-language", "empty-definition", "no-definition", "duplicate-id",
         "duplicate-form", "form-twice", "no-forms", "bad-form", "no-term", "bad-id",
         "unknown-field", "unknown-language", "citation", "markdown", "html", "too-long",
         "same-definition", "unknown-page", "unknown-source", "bad-sources", "broken-yaml",
         "not-a-list"],
)
def test_a_mistake_in_the_file_is_named_with_its_fix(tmp_path, text, message):
    with pytest.raises(GlossaryError) as error:
        load(tmp_path, text)
    assert message in str(error.value)


def test_a_mistake_in_the_glossary_stops_the_build_with_the_message(tmp_path):
    project = warm_copy(tmp_path)
    path = project / "data" / "glossary.yml"
    text = path.read_text(encoding="utf-8")
    assert "forms: [pees, pezen]" in text
    path.write_text(text.replace("forms: [pees, pezen]", "forms: [pees, pezen, GTPS]"),
                    encoding="utf-8")
    line = text.splitlines().index("- id: pees") + 1
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (f"data/glossary.yml:{line}: term 'pees': 'nl.forms' has 'GTPS', which term 'gtps' has "
            "too — a form belongs to one term only") in output, output
    assert "Traceback" not in output


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_definitions_are_plain_language(language):
    textstat.set_lang(language)
    text = " ".join(entry.definition for _, entry in GLOSSARY.entries(language))
    assert textstat.flesch_reading_ease(text) >= THRESHOLD, "shorter sentences, everyday words"


# The Markdown: abbreviations as tooltips ------------------------------------------------------

DEFINITIONS = {
    "pees": "Het stevige uiteinde van een spier.",
    "pezen": "Het stevige uiteinde van een spier.",
    "trochanter major": 'Het "botpunt" aan de buitenkant & zo; het is <echt> je heup\'s punt.',
    "load": "What your body has to carry.",
    "load capacity": "What your body can handle.",
}
EXTENSIONS = ["abbr", "admonition", "attr_list", "toc", TermTooltips()]


def render(text: str, definitions: dict[str, str] = DEFINITIONS) -> str:
    return markdown.markdown(with_tooltips(text, definitions), extensions=EXTENSIONS)


class AbbrFinder(HTMLParser):
    """Every <abbr> in an HTML text: (its text, its title, the tags around it)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.found: list[dict] = []
        self.current: dict | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "abbr":
            self.current = {"text": "", "title": dict(attrs).get("title"),
                            "inside": list(self.stack), "attrs": dict(attrs)}
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr"):
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "abbr" and self.current is not None:
            self.found.append(self.current)
            self.current = None
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self.current is not None:
            self.current["text"] += data


def abbrs(html_text: str) -> list[dict]:
    finder = AbbrFinder()
    finder.feed(html_text)
    return finder.found


def test_a_term_gets_its_definition_as_a_tooltip():
    found = abbrs(render("Een pees zit vast aan het bot."))
    assert [(a["text"], a["title"]) for a in found] == [("pees", DEFINITIONS["pees"])]
    assert found[0]["attrs"]["tabindex"] == "0", "the tooltip can be reached with the Tab key"


def test_the_definitions_do_not_show_as_text():
    output = render("Een pees zit vast aan het bot.")
    assert "*[" not in output and "]:" not in output


def test_a_definition_is_escaped_and_comes_through_unchanged():
    output = render("Voel de trochanter major.")
    assert 'title="Het &quot;botpunt&quot; aan de buitenkant &amp; zo; het is &lt;echt&gt;' in (
        output)
    assert [a["title"] for a in abbrs(output)] == [DEFINITIONS["trochanter major"]]


def test_every_use_of_a_term_is_marked_and_only_the_first_is_a_tab_stop():
    """A reader who meets the word again further down can tap it there; the Tab key stops at
    each explanation once."""
    output = render("Een pees en nog een pees.\n\nDe pezen. De trochanter major. Een pees.")
    found = abbrs(output)
    assert [a["text"] for a in found] == ["pees", "pees", "pezen", "trochanter major", "pees"]
    assert [a["attrs"]["tabindex"] for a in found] == ["0", "-1", "-1", "0", "-1"]


HINT = "Tip: tik op een woord met een stippellijn."


def hinted(text: str) -> str:
    extensions = ["abbr", "admonition", "attr_list", "toc", TermTooltips(hint=HINT)]
    return markdown.markdown(with_tooltips(text, DEFINITIONS), extensions=extensions)


@pytest.mark.parametrize(("text", "expected"), [
    # After the paragraph with the first term, not after a later one.
    ("Eerst niets.\n\nEen pees hier.\n\nNog een pees.",
     '<p>Een pees hier.</p>\n<p class="term-hint" data-search-exclude="">' + HINT + "</p>"),
    # In a list: at the end of the item, so the list stays a list.
    ("- Een pees.\n- Nog een.", "Een pees.<p class=\"term-hint\""),
    # In a box: inside the box.
    ('!!! tip "Let op"\n\n    Een pees.', '<p>Een pees.</p>\n<p class="term-hint" data-search-exclude="">'),
])
def test_the_page_says_once_after_the_first_term_that_it_can_be_tapped(text, expected):
    output = hinted(text)
    assert output.count('class="term-hint"') == 1
    assert re.sub(r"<abbr[^>]*>|</abbr>", "", output).count(expected) == 1, output


def test_no_hint_on_a_page_without_terms_or_without_a_hint():
    assert "term-hint" not in hinted("Geen enkel begrip.")
    assert "term-hint" not in render("Een pees.")


def test_no_tooltip_in_headings_links_code_or_box_titles():
    text = (
        "# De pees {#de-pees}\n\n"
        "## Over de trochanter major\n\n"
        "Zie [de pees](anatomie.md) en `pees`.\n\n"
        '!!! tip "Zorg voor je pees"\n\n'
        "    Een pees in de box.\n"
    )
    output = render(text)
    found = abbrs(output)
    assert [(a["text"], a["inside"][-1]) for a in found] == [("pees", "p")]
    assert '<h1 id="de-pees">De pees</h1>' in output, "the heading keeps its text and its id"
    assert '<h2 id="over-de-trochanter-major">Over de trochanter major</h2>' in output


def test_a_heading_stays_plain_in_the_table_of_contents():
    md = markdown.Markdown(extensions=EXTENSIONS)
    md.convert(with_tooltips("## Over de pees {#over}\n\nEen pees.", DEFINITIONS))
    assert md.toc_tokens[0]["html"] == "Over de pees"


def test_whole_words_only_case_sensitive_and_the_longest_form_wins():
    output = render("Peesklachten en Pees. Load capacity and load capacity, then load and "
                    "overload.")
    assert [(a["text"], a["title"]) for a in abbrs(output)] == [
        ("load capacity", DEFINITIONS["load capacity"]),
        ("load", DEFINITIONS["load"]),
    ]


def test_the_definitions_stay_out_of_a_box_at_the_end_of_a_page():
    output = render('Tekst.\n\n!!! tip "Wat nu?"\n\n    Lees meer over de pees.')
    assert "*[" not in output
    assert [a["text"] for a in abbrs(output)] == ["pees"]


def test_abbreviation_lines_are_one_per_form_in_a_fixed_order():
    assert abbreviation_lines({"pezen": "Mv.", "pees": "Een  pees\nis."}) == (
        "*[pees]: Een pees is.\n*[pezen]: Mv."
    )
    with pytest.raises(ValueError):
        abbreviation_lines({"pe]es": "x"})


# The built site ---------------------------------------------------------------------------------

ARTICLE = '<article class="md-content__inner md-typeset">'


def built_abbrs(site: Path, page) -> list[dict]:
    text = page_output(site, page).read_text(encoding="utf-8")
    return abbrs(text.split(ARTICLE, 1)[1].split("</article>", 1)[0])


@pytest.mark.parametrize(
    ("name", "locale", "term_id"),
    [("wat-is-gtps.md", "nl", "gtps"), ("wat-is-gtps.md", "en", "gtps"),
     ("wat-is-gtps.md", "nl", "pees"), ("wat-is-gtps.md", "en", "pees"),
     ("oorzaken.md", "nl", "belastbaarheid"), ("oorzaken.md", "en", "belastbaarheid")],
)
def test_a_term_on_a_page_shows_the_definition_in_the_page_language(site, name, locale, term_id):
    page = next(p for p in PAGES if p.name == name and p.locale == locale)
    entry = next(term for term in GLOSSARY.terms if term.id == term_id).entries[locale]
    found = [(a["text"], a["title"], a["attrs"]["tabindex"]) for a in built_abbrs(site, page)]
    marked = [(text, tabindex) for text, title, tabindex in found if title == entry.definition]
    assert marked and {text for text, _ in marked} <= set(entry.forms), f"{page.path}: {found}"
    assert [tabindex for _, tabindex in marked] == ["0"] + ["-1"] * (len(marked) - 1), (
        f"{page.path}: the first use is the Tab stop: {marked}")
    found = [(text, title) for text, title, _ in found]
    other = "en" if locale == "nl" else "nl"
    assert not {title for _, title in found} & set(GLOSSARY.definitions(other).values())


@pytest.mark.parametrize("page", [p for p in PAGES if p.name != GLOSSARY_PAGE],
                         ids=lambda p: p.path)
def test_every_tooltip_on_a_page_is_the_glossary_definition_once(site, page):
    found = built_abbrs(site, page)
    definitions = GLOSSARY.definitions(page.locale)
    for abbr in found:
        assert abbr["title"] == definitions.get(abbr["text"]), f"{page.path}: {abbr}"
        assert not {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code"} & set(abbr["inside"]), (
            f"{page.path}: a tooltip inside a heading, link or code: {abbr}")
    first_uses = [abbr["title"] for abbr in found if abbr["attrs"]["tabindex"] == "0"]
    assert len(first_uses) == len(set(first_uses)) == len({abbr["title"] for abbr in found}), (
        f"{page.path}: the Tab key must stop once at each explanation")


GLOSSARY_PAGES = [p for p in PAGES if p.name == GLOSSARY_PAGE]


def test_the_glossary_page_exists_in_both_languages():
    assert {(p.locale, p.slug, p.title) for p in GLOSSARY_PAGES} == {
        ("nl", "begrippen", "Begrippen"), ("en", "glossary", "Glossary")}


@pytest.mark.parametrize("page", GLOSSARY_PAGES, ids=lambda p: p.path)
def test_the_glossary_page_lists_every_term_with_its_id(site, page):
    text = page_output(site, page).read_text(encoding="utf-8")
    listed = re.findall(r'<dt id="([^"]+)">([^<]+)</dt>\s*<dd>\s*<p>([^<]+?)\s*(?:<sup|</p>)',
                        text)
    expected = [(term.id, entry.term, entry.definition)
                for term, entry in GLOSSARY.entries(page.locale)]
    assert [(i, html.unescape(t), html.unescape(d)) for i, t, d in listed] == expected
    assert len(listed) == len(GLOSSARY.terms)
    terms = [html.unescape(t) for _, t, _ in listed]
    assert terms == sorted(terms, key=sort_key), "alphabetical order"
    # The glossary page explains the terms; it does not mark them, not even in its own text.
    article = text.split(ARTICLE, 1)[1].split('<dl class="glossary">')[0]
    forms = GLOSSARY.definitions(page.locale)
    assert any(re.search(rf"\b{re.escape(form)}\b", article) for form in forms)
    assert "<abbr" not in text


@pytest.mark.parametrize("page", GLOSSARY_PAGES, ids=lambda p: p.path)
def test_every_definition_cites_its_sources_on_the_glossary_page(site, page):
    text = page_output(site, page).read_text(encoding="utf-8")
    sources_list = text.split('<ol class="references"', 1)[1]
    for term in GLOSSARY.terms:
        definition = text.split(f'<dt id="{term.id}">', 1)[1].split("</dd>", 1)[0]
        cited = re.findall(r'<a href="#ref-([^"]+)"', definition)
        assert sorted(cited) == sorted(term.sources), f"{page.path}: {term.id} cites {cited}"
        for key in cited:
            assert f'<li id="ref-{key}">' in sources_list


@pytest.mark.parametrize("page", GLOSSARY_PAGES, ids=lambda p: p.path)
def test_every_term_links_to_a_page_in_the_same_language(site, page):
    text = page_output(site, page).read_text(encoding="utf-8")
    links = re.findall(r'<p class="glossary__more">[^<]*<a href="([^"]+)"', text)
    assert len(links) == sum(1 for term in GLOSSARY.terms if term.page)
    for href in links:
        target = (page_output(site, page).parent / href / "index.html").resolve()
        assert target.exists(), f"{page.path}: {href} leads nowhere"
        assert target.is_relative_to(site / "en") == (page.locale == "en"), href
