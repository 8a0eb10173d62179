"""Glossary terms as tooltips, with Python-Markdown's `abbr` extension.

`with_tooltips` appends an abbreviation definition, `*[pees]: Het stevige uiteinde …`, for every
form of every term; `abbr` then wraps each whole-word, case-sensitive match in
`<abbr title="…">`, which Material for MkDocs shows as a tooltip (`content.tooltips`) and a
browser without JavaScript as its own title tooltip.

`abbr` alone marks every match everywhere. The `TermTooltips` extension keeps it readable:
no tooltip in headings, links (also the home page's topic cards, each a link as a whole), code
or the titles of boxes, and only the first use of each term on a page is marked (and can be
reached with the Tab key). Pure logic; no MkDocs import.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

# Where a tooltip would get in the way: the element and everything inside it.
PROTECTED_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "kbd", "dt",
                            "summary"})
# The home page's topic cards are links as a whole (the link stretches over the card), so a
# tooltip there would be a second thing to tap or tab to inside a link.
PROTECTED_CLASSES = frozenset({"admonition-title", "topic-list"})

# Priorities around abbr's tree processor (7): after attr_list (8) has taken `{#id}` out of the
# headings, before the table of contents (5) reads them.
PROTECT_PRIORITY = 7.5
FIRST_USE_PRIORITY = 6.5


def abbreviation_lines(definitions: Mapping[str, str]) -> str:
    """Markdown's abbreviation definitions, one per form: `*[form]: definition`.

    The definition is one line of plain text; `abbr` puts it in the title attribute, and the
    HTML serializer escapes it there (quotes, ampersands, angle brackets).
    """
    lines = []
    for form, definition in sorted(definitions.items()):
        text = " ".join(definition.split())
        if not form or "]" in form or "\\" in form or not text:
            raise ValueError(f"cannot define {form!r} as an abbreviation: {definition!r}")
        lines.append(f"*[{form}]: {text}")
    return "\n".join(lines)


def with_tooltips(markdown: str, definitions: Mapping[str, str]) -> str:
    """The page's Markdown with the abbreviation definitions at its end, as a block of their own."""
    if not definitions:
        return markdown
    return f"{markdown.rstrip()}\n\n{abbreviation_lines(definitions)}\n"


def _is_protected(element: etree.Element) -> bool:
    classes = set((element.get("class") or "").split())
    return element.tag in PROTECTED_TAGS or bool(classes & PROTECTED_CLASSES)


class _ProtectText(Treeprocessor):
    """Marks the text inside protected elements as atomic, which `abbr` leaves alone."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            if not _is_protected(element):
                continue
            for inner in element.iter():
                if inner.text:
                    inner.text = AtomicString(inner.text)
                if inner is not element and inner.tail:
                    inner.tail = AtomicString(inner.tail)


class _FirstUseOnly(Treeprocessor):
    """Keeps the first `<abbr>` of each definition on the page; later ones become plain text."""

    def run(self, root: etree.Element) -> None:
        parents = {child: parent for parent in root.iter() for child in parent}
        seen: set[str] = set()
        for abbr in list(root.iter("abbr")):
            title = abbr.get("title", "")
            if title not in seen:
                seen.add(title)
                # Focusable, so the tooltip also opens from the keyboard and with a tap.
                abbr.set("tabindex", "0")
                continue
            parent = parents[abbr]
            text = (abbr.text or "") + (abbr.tail or "")
            index = list(parent).index(abbr)
            if index == 0:
                parent.text = (parent.text or "") + text
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + text
            parent.remove(abbr)


class TermTooltips(Extension):
    """Use with `abbr`: no tooltips in headings, links, code or box titles; the first use of
    each term on a page only."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_ProtectText(md), "term_tooltips_protect", PROTECT_PRIORITY)
        md.treeprocessors.register(_FirstUseOnly(md), "term_tooltips_first_use", FIRST_USE_PRIORITY)
