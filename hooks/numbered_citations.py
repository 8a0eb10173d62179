"""Numbered citations hook: turns [@key] in a page into superscript links [1] to a "Bronnen" /
"Sources" list at the end of the page, in Vancouver style and the page's language, and fills the
sources page (marker `<!-- bibliography -->`) with the whole bibliography, grouped, each entry
with the pages that cite it.

The bibliography is data/references.yml (see references.py); the syntax is Pandoc's (see
citations.py); the HTML comes from overrides/partials/{citation,references,bibliography}.html.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from heuppijn_site.content.citations import (
    Citation,
    CitationSyntaxError,
    check_keys,
    cited_keys,
    find_citations,
    numbering,
)
import site_pages
from heuppijn_site.content.front_matter import body_and_first_line, language_and_name
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from heuppijn_site.content.references import (
    CATEGORIES,
    LABELS,
    Reference,
    ReferenceDataError,
    load_references,
    schema_citation,
    vancouver,
)

log = logging.getLogger("mkdocs.hooks.citations")

REFERENCES_FILE = "data/references.yml"
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"

# Filled at on_files (every language build): the bibliography, and per language which pages
# (file name, title) cite each work.
_references: dict[str, Reference] = {}
_cited_by: dict[str, dict[str, list[tuple[str, str]]]] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def _page_citations(text: str, path: str) -> list[Citation]:
    body, first_line = body_and_first_line(text)
    citations = find_citations(body, path, first_line)
    check_keys(citations, _references, path)
    return citations


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Before the i18n plugin splits the languages: check every page's citations once."""
    try:
        _references.clear()
        _references.update(load_references(_root(config) / REFERENCES_FILE, REFERENCES_FILE))
    except ReferenceDataError as error:
        raise PluginError(str(error)) from None

    keys_by_page: dict[tuple[str, str], set[str]] = {}
    _cited_by.clear()
    for file in files.documentation_pages():
        locale, name = language_and_name(file.src_uri)
        path = site_pages.editor_path(config, file.src_uri)
        try:
            citations = _page_citations(file.content_string, path)
        except CitationSyntaxError as error:
            raise PluginError(str(error)) from None
        keys = cited_keys(citations) | site_pages.generated_citations(file.src_uri)
        keys_by_page[(locale, name)] = keys
        title = site_pages.page(file.src_uri).title
        for key in sorted(keys):
            _cited_by.setdefault(locale, {}).setdefault(key, []).append((name, title))

    _check_same_sources_in_both_languages(config, keys_by_page)
    if not config.plugins["i18n"].building:  # once, not again for every language
        used = set().union(*keys_by_page.values()) if keys_by_page else set()
        for key in sorted(set(_references) - used):
            log.warning(
                f"{REFERENCES_FILE}: reference '{key}' is not cited on any page — cite it "
                f"with [@{key}] where it supports a claim, or remove it"
            )
    return files


def _check_same_sources_in_both_languages(
    config: MkDocsConfig, keys_by_page: dict[tuple[str, str], set[str]]
) -> None:
    for (locale, name), keys in sorted(keys_by_page.items()):
        for (other, other_name), other_keys in sorted(keys_by_page.items()):
            if other_name != name or other <= locale:
                continue
            if keys != other_keys:
                only_here = ", ".join(sorted(keys - other_keys)) or "—"
                only_there = ", ".join(sorted(other_keys - keys)) or "—"
                raise PluginError(
                    f"docs/{locale}/{name} and docs/{other}/{name} must cite the same sources: "
                    f"only in {locale}: {only_here}; only in {other}: {only_there}"
                )


def _render(config: MkDocsConfig, template: str, **context: Any) -> str:
    return config.theme.get_env().get_template(template).render(**context).strip()


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    locale = page.file.locale
    labels = LABELS[locale]
    path = site_pages.editor_path(config, page.file.src_uri)
    # The Markdown may come without the front matter: count from the end of the file.
    first_line = len(page.file.content_string.splitlines()) - len(markdown.splitlines()) + 1
    try:
        citations = find_citations(markdown, path, first_line)
        check_keys(citations, _references, path)
    except CitationSyntaxError as error:
        raise PluginError(str(error)) from None

    if BIBLIOGRAPHY_MARKER in markdown:
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, _bibliography(page, config, files))
    if not citations:
        return markdown

    numbers = numbering(citations)
    # For the page's structured data (page_head.py): the works it cites, in order.
    page.meta["cited_works"] = [schema_citation(_references[key]) for key in numbers]
    occurrences: dict[str, list[str]] = {key: [] for key in numbers}
    pieces: list[str] = []
    position = 0
    for index, citation in enumerate(citations, start=1):
        occurrence_id = f"citation-{index}"
        for key in dict.fromkeys(citation.keys):  # one link back per citation, even for [@a; @a]
            occurrences[key].append(occurrence_id)
        items = sorted(
            (
                {"key": key, "number": numbers[key], "name": _references[key].short_name(locale)}
                for key in dict.fromkeys(citation.keys)
            ),
            key=lambda item: item["number"],
        )
        pieces.append(markdown[position:citation.start])
        pieces.append(
            _render(config, "partials/citation.html", items=items, labels=labels,
                    occurrence_id=occurrence_id)
        )
        position = citation.end
    pieces.append(markdown[position:])

    entries = [
        {
            "key": key,
            "number": number,
            "html": vancouver(_references[key], locale),
            "occurrences": occurrences[key],
        }
        for key, number in numbers.items()
    ]
    references = _render(config, "partials/references.html", entries=entries, labels=labels)
    heading = f"## {labels['sources']} {{#{labels['sources_id']}}}"
    return "".join(pieces).rstrip() + f"\n\n{heading}\n\n{references}\n"


def _bibliography(page: Page, config: MkDocsConfig, files: Files) -> str:
    locale = page.file.locale
    labels = LABELS[locale]
    sections: list[str] = []
    for category in CATEGORIES:
        group_id, group_title = labels[f"group.{category}"]
        entries = []
        for reference in _references.values():
            if reference.category != category:
                continue
            pages = []
            for name, title in _cited_by.get(locale, {}).get(reference.key, []):
                target = files.get_file_from_path(name)
                if target is not None:
                    pages.append({"url": target.url_relative_to(page.file), "title": title})
            entries.append(
                {
                    "key": reference.key,
                    "html": vancouver(reference, locale),
                    "note": reference.note.get(locale, ""),
                    "pages": pages,
                }
            )
        if entries:
            listing = _render(config, "partials/bibliography.html", entries=entries, labels=labels)
            sections.append(f"## {group_title} {{#{group_id}}}\n\n{listing}")
    return "\n\n".join(sections)
