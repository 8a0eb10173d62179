"""Numbered citations, as a Python-Markdown extension: [@key] in a page becomes a superscript
link [1] to a "Bronnen" / "Sources" list at the end of the page, in Vancouver style and the page's
language; the marker `<!-- bibliography -->` becomes the whole bibliography, grouped, each entry
with the pages that cite it (when the caller says which: `cited_by`).

    markdown.markdown(text, extensions=[CitationsExtension(language="en")])

The words around the citations are in data/labels.yml.

The bibliography is data/references.yml (references.py); the syntax is Pandoc's (citations.py);
the HTML comes from overrides/partials/{citation,references,bibliography}.html. For a whole site,
`page_citations` and `cited_by_page` say before rendering which works each page cites.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import jinja2
from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES
from heuppijn_site.content.citations import Citation, check_keys, find_citations, numbering
from heuppijn_site.content.references import CATEGORIES, Reference, load_references, vancouver
from heuppijn_site.html_templates import template_env
from heuppijn_site.site_texts import LABELS_FILE, LANGUAGES_FILE, LanguageTexts, load_site_texts
from heuppijn_site.markdown_text import page_language, page_options, raw_html, register

NAME = "heuppijn_site.content.citations_extension"
REFERENCES_FILE = DATA_FILES["references"]
BIBLIOGRAPHY_MARKER = "<!-- bibliography -->"


def page_citations(text: str, references: Mapping[str, Reference], path: str, first_line: int = 1) -> list[Citation]:
    """The citations in a page's Markdown, each checked against the bibliography."""
    citations = find_citations(text, path, first_line)
    check_keys(citations, references, path)
    return citations


def with_citations(
    markdown: str,
    *,
    references: Mapping[str, Reference],
    env: jinja2.Environment,
    texts: LanguageTexts,
    path: str = "the page",
    first_line: int = 1,
    cited_by: Mapping[str, list[dict[str, str]]] | None = None,
    on_cited: Callable[[list[str]], None] | None = None,
) -> str:
    """The Markdown with its citations numbered and its sources listed at the end."""
    citations = page_citations(markdown, references, path, first_line)
    labels = texts.citations
    if BIBLIOGRAPHY_MARKER in markdown:
        markdown = markdown.replace(BIBLIOGRAPHY_MARKER, bibliography(references, env, texts, cited_by or {}))
    if not citations:
        return markdown

    numbers = numbering(citations)
    if on_cited is not None:
        on_cited(list(numbers))
    occurrences: dict[str, list[str]] = {key: [] for key in numbers}
    citation_template = env.get_template("partials/citation.html")
    pieces: list[str] = []
    position = 0
    for index, citation in enumerate(citations, start=1):
        occurrence_id = f"citation-{index}"
        for key in dict.fromkeys(citation.keys):  # one link back per citation, even for [@a; @a]
            occurrences[key].append(occurrence_id)
        items = sorted(
            (
                {"key": key, "number": numbers[key], "name": references[key].short_name(texts)}
                for key in dict.fromkeys(citation.keys)
            ),
            key=lambda item: item["number"],
        )
        pieces.append(markdown[position:citation.start])
        pieces.append(
            citation_template.render(items=items, labels=labels, occurrence_id=occurrence_id).strip()
        )
        position = citation.end
    pieces.append(markdown[position:])

    entries = [
        {
            "key": key,
            "number": number,
            "html": vancouver(references[key], texts),
            "occurrences": occurrences[key],
        }
        for key, number in numbers.items()
    ]
    listing = env.get_template("partials/references.html").render(entries=entries, labels=labels).strip()
    heading = f"## {labels['sources']} {{#{labels['sources_id']}}}"
    return "".join(pieces).rstrip() + f"\n\n{heading}\n{raw_html(listing)}"


def bibliography(
    references: Mapping[str, Reference],
    env: jinja2.Environment,
    texts: LanguageTexts,
    cited_by: Mapping[str, list[dict[str, str]]],
) -> str:
    """Every work, grouped (guidelines, research, other), each with the pages that cite it."""
    template = env.get_template("partials/bibliography.html")
    sections: list[str] = []
    for category in CATEGORIES:
        group_id, group_title = texts.source_groups[category]
        entries = [
            {
                "key": reference.key,
                "html": vancouver(reference, texts),
                "note": reference.note.get(texts.language, ""),
                "pages": cited_by.get(reference.key, []),
            }
            for reference in references.values()
            if reference.category == category
        ]
        if entries:
            listing = template.render(entries=entries, labels=texts.citations).strip()
            sections.append(f"## {group_title} {{#{group_id}}}\n{raw_html(listing)}")
    return "\n\n".join(sections)


def cited_by_page(keys_by_page: Mapping[str, Iterable[str]]) -> dict[str, list[str]]:
    """{work: the pages that cite it, in the order given} from {page: the works it cites}."""
    result: dict[str, list[str]] = {}
    for page, keys in keys_by_page.items():
        for key in sorted(keys):
            result.setdefault(key, []).append(page)
    return result


def different_sources(keys_by_page: Mapping[tuple[str, str], set[str]]) -> list[str]:
    """Translations must cite the same works: a message per pair that does not."""
    problems = []
    for (locale, name), keys in sorted(keys_by_page.items()):
        for (other, other_name), other_keys in sorted(keys_by_page.items()):
            if other_name != name or other <= locale or keys == other_keys:
                continue
            only_here = ", ".join(sorted(keys - other_keys)) or "—"
            only_there = ", ".join(sorted(other_keys - keys)) or "—"
            problems.append(
                f"docs/{locale}/{name} and docs/{other}/{name} must cite the same sources: "
                f"only in {locale}: {only_here}; only in {other}: {only_there}"
            )
    return problems


class CitationsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "references": [REFERENCES_FILE, "the bibliography: its file, or the works already loaded"],
            "texts": [LABELS_FILE, "the words around the citations: the labels file, or the language's labels loaded"],
            "languages_file": [LANGUAGES_FILE, "the languages' locales (when the labels are a file)"],
            "cited_by": [{}, "for the bibliography: {work: [{url, title} of each page citing it]}"],
            "on_cited": ["", "called with the works the page cites, in the order of their numbers"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()
        # The sources heading's id ({#sources}), which the citations link to.
        if "attr_list" not in md.treeprocessors:
            md.registerExtensions(["attr_list"], {})

        def change(text: str) -> str:
            language = page_language(NAME, md, config["language"])
            references = config["references"]
            if isinstance(references, (str, Path)):
                references = load_references(Path(references), str(references))
            texts = config["texts"]
            if isinstance(texts, (str, Path)):
                texts = load_site_texts(Path(texts), Path(config["languages_file"]), (language,))[language]
            return with_citations(
                text, references=references, env=template_env(config["templates"]),
                texts=texts, path=config["source_path"],
                first_line=int(config["first_line"]), cited_by=config["cited_by"],
                on_cited=config["on_cited"] or None,
            )

        register(md, "citations", change, config["error"])


def makeExtension(**kwargs: Any) -> CitationsExtension:  # noqa: N802 - Python-Markdown's name
    return CitationsExtension(**kwargs)
