"""The glossary as a Python-Markdown extension: each medical word is explained once, in
data/glossary.yml, and that one explanation shows everywhere. On every page, in the page's
language, every use of a term gets its definition as a tooltip (Python-Markdown's `abbr`,
shown by Material's `content.tooltips`; see term_tooltips.py), and a line after the first says
that such a word opens an explanation; the glossary page (marker
`<!-- glossary -->`) lists every term with an anchor, e.g. /begrippen/#pees, and the sources of
its definition.

    markdown.markdown(text, extensions=["abbr", GlossaryExtension(language="en")])

The data and its checks are in glossary_terms.py; the list's HTML in overrides/partials/
glossary.html. It runs before the citations extension, which numbers the sources cited in the
list ([@key], from each term's `sources:`) with the page's other citations.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jinja2
from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES, languages_here
from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.glossary_terms import Glossary, GlossaryError, load_glossary
from heuppijn_site.content.references import load_references
from heuppijn_site.content.term_tooltips import TermTooltips, with_tooltips
from heuppijn_site.html_templates import html_block, template_env
from heuppijn_site.site_texts import LABELS_FILE, LANGUAGES_FILE, load_site_texts
from heuppijn_site.markdown_text import ExtensionConfigError, page_language, page_options, raw_html, register

NAME = "heuppijn_site.content.glossary_extension"
MARKER = "<!-- glossary -->"
GLOSSARY_FILE = DATA_FILES["glossary"]
REFERENCES_FILE = DATA_FILES["references"]
HEADING_ID = re.compile(r"\{#([^}\s]+)\}")


def cited_keys(text: str, glossary: Glossary) -> set[str]:
    """The works the glossary list cites on the page that has it (none on other pages)."""
    if MARKER not in text:
        return set()
    citations = " ".join(glossary.citation(term) for term in glossary.terms)
    return {key for citation in find_citations(citations, GLOSSARY_FILE) for key in citation.keys}


def with_glossary(
    markdown: str,
    *,
    glossary: Glossary,
    language: str,
    env: jinja2.Environment,
    page_links: Mapping[str, Mapping[str, str]],
    labels: Mapping[str, str],
    reserved_ids: tuple[str, ...] = (),
    path: str = "the page",
) -> str:
    """The glossary page: the list where the marker is. Any other page: the terms' tooltips."""
    if MARKER not in markdown:  # the glossary page lists the terms; it does not mark them
        # Only the forms the page uses: `abbr` searches every line of text for each one it knows.
        used = {form: text for form, text in glossary.definitions(language).items() if form in markdown}
        return with_tooltips(markdown, used)
    term_ids = {term.id for term in glossary.terms}
    for heading_id in [*HEADING_ID.findall(markdown), *reserved_ids]:
        if heading_id in term_ids:
            raise GlossaryError(f"{path}: the heading id '{heading_id}' is also the id of a term in "
                                f"{GLOSSARY_FILE} — give the heading another id")
    items = []
    for term, entry in glossary.entries(language):
        item = {"id": term.id, "term": entry.term, "definition": entry.definition,
                "citation": glossary.citation(term)}
        if term.page and page_links:  # a bare call may not say where the pages are: no links
            target = page_links.get(term.page)
            if target is None:
                raise GlossaryError(f"{GLOSSARY_FILE}: term '{term.id}': 'page' names {term.page}, "
                                    f"which is not a page in docs/{language}/")
            item["url"] = target["url"]
            item["title"] = target["title"]
        items.append(item)
    listing = html_block(env, "partials/glossary.html", items=items, labels=labels)
    return markdown.replace(MARKER, raw_html(listing))


class GlossaryExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "glossary": [GLOSSARY_FILE, "the glossary: its file, or the glossary already loaded"],
            "references": [REFERENCES_FILE, "the bibliography's file, to check the terms' sources"],
            "page_links": [{}, "the pages a term may link to: {file name: {url, title}}, from this page; "
                                "none: the list has no links"],
            "texts": [LABELS_FILE, "the words around the list: the labels file, or the language's labels loaded"],
            "languages_file": [LANGUAGES_FILE, "the languages' locales (when the labels are a file)"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()
        # No tooltips in headings, links, code or box titles; every use of a term can be tapped,
        # the first one also reached with Tab, and the page says so once (labels: glossary.hint).
        tooltips = TermTooltips()
        tooltips.extendMarkdown(md)

        def change(text: str) -> str:
            if "abbr" not in md.treeprocessors:
                raise ExtensionConfigError(f"{NAME}: the glossary's tooltips need the 'abbr' Markdown "
                                           f"extension — add it (mkdocs.yml: '- abbr' under markdown_extensions)")
            language = page_language(NAME, md, config["language"])
            texts = config["texts"]
            if isinstance(texts, (str, Path)):
                texts = load_site_texts(Path(texts), Path(config["languages_file"]), (language,))[language]
            tooltips.setConfig("hint", texts.glossary["hint"])
            glossary = config["glossary"]
            if isinstance(glossary, (str, Path)):
                references = load_references(Path(config["references"]), str(config["references"]))
                glossary = load_glossary(Path(glossary), languages_here(), set(config["page_links"]) or None, str(glossary),
                                         references)
            return with_glossary(
                text, glossary=glossary, language=language, env=template_env(config["templates"]),
                page_links=config["page_links"], labels=texts.glossary,
                reserved_ids=(texts.citations["sources_id"],), path=config["source_path"],
            )

        register(md, "glossary", change, config["error"])


def makeExtension(**kwargs: Any) -> GlossaryExtension:  # noqa: N802 - Python-Markdown's name
    return GlossaryExtension(**kwargs)
