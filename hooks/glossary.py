"""Glossary hook: explains each medical word once, in data/glossary.yml, and shows that one
explanation everywhere. On every page, in the page's language, the first use of a term gets its
definition as a tooltip (Python-Markdown's `abbr`, shown by Material's `content.tooltips`); the
glossary page (marker `<!-- glossary -->`) lists every term with an anchor, e.g. /begrippen/#pees,
and the sources of its definition.

The data and its checks are in glossary_terms.py; the Markdown in term_tooltips.py; the list's
HTML in overrides/partials/glossary.html. Runs before numbered_citations.py, which numbers the
sources cited in the list ([@key], from each term's `sources:`) with the page's other citations.
"""

from __future__ import annotations

import re
from pathlib import Path

import site_pages
from heuppijn_site.content.glossary_terms import Glossary, GlossaryError, load_glossary
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from heuppijn_site.content.references import LABELS as REFERENCE_LABELS
from heuppijn_site.content.references import ReferenceDataError, load_references
from heuppijn_site.content.term_tooltips import TermTooltips, with_tooltips

MARKER = "<!-- glossary -->"
GLOSSARY_FILE = "data/glossary.yml"
REFERENCES_FILE = "data/references.yml"
LABELS = {"nl": {"more": "Meer op"}, "en": {"more": "More in"}}  # as the FAQ says it
HEADING_ID = re.compile(r"\{#([^}\s]+)\}")

_glossary: Glossary | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the glossary once per build, and have `abbr` leave headings, links and
    code alone. Runs again for each language the i18n plugin builds: it changes nothing twice."""
    global _glossary
    if "abbr" not in config.markdown_extensions:
        raise PluginError("mkdocs.yml: the glossary needs the 'abbr' Markdown extension — add "
                          "'- abbr' under markdown_extensions")
    if not any(isinstance(extension, TermTooltips) for extension in config.markdown_extensions):
        config.markdown_extensions.append(TermTooltips())

    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    # The pages a term's `page:` may name (a page missing in one language is page_metadata.py's
    # to report, with its own message).
    pages = {
        path.relative_to(docs / language).as_posix()
        for language in languages
        for path in (docs / language).rglob("*.md")
    }
    try:
        references = load_references(root / REFERENCES_FILE, REFERENCES_FILE)
        _glossary = load_glossary(root / GLOSSARY_FILE, languages, pages, GLOSSARY_FILE, references)
    except (GlossaryError, ReferenceDataError) as error:
        raise PluginError(str(error)) from None
    return config


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Tell numbered_citations.py which works the glossary list cites, so the sources page names
    the glossary page among the pages that use them."""
    if _glossary is not None:
        pages = ((file.src_uri, file.content_string) for file in files.documentation_pages())
        citations = " ".join(_glossary.citation(term) for term in _glossary.terms)
        site_pages.set_citations_where_marked("glossary", pages, MARKER, citations, GLOSSARY_FILE)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _glossary is None:
        return markdown
    language = page.file.locale
    # The glossary page lists the terms; it does not mark them.
    if MARKER in markdown:
        return markdown.replace(MARKER, _glossary_list(markdown, page, config, files))
    return with_tooltips(markdown, _glossary.definitions(language))


def _glossary_list(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _glossary is not None
    language = page.file.locale
    path = site_pages.editor_path(config, page.file.src_uri)
    term_ids = {term.id for term in _glossary.terms}
    # The page's headings, and the sources list that numbered_citations.py adds at its end.
    for heading_id in [*HEADING_ID.findall(markdown), REFERENCE_LABELS[language]["sources_id"]]:
        if heading_id in term_ids:
            raise PluginError(f"{path}: the heading id '{heading_id}' is also the id of a term in "
                              f"{GLOSSARY_FILE} — give the heading another id")
    items = []
    for term, entry in _glossary.entries(language):
        item = {"id": term.id, "term": entry.term, "definition": entry.definition,
                "citation": _glossary.citation(term)}
        target = files.get_file_from_path(term.page) if term.page else None
        if term.page and target is None:
            raise PluginError(f"{GLOSSARY_FILE}: term '{term.id}': 'page' names {term.page}, "
                              f"which is not a page in docs/{language}/")
        if target is not None:
            item["url"] = target.url_relative_to(page.file)
            item["title"] = site_pages.page(target.src_uri).title
        items.append(item)
    template = config.theme.get_env().get_template("partials/glossary.html")
    html = template.render(items=items, labels=LABELS[language])
    # One block of HTML without blank lines, so Markdown leaves it whole.
    return "\n".join(line for line in html.splitlines() if line.strip())
