"""Glossary terms as tooltips, with Python-Markdown's `abbr` extension.

`with_tooltips` appends an abbreviation definition, `*[pees]: Het stevige uiteinde …`, for every
form of every term; `abbr` then wraps each whole-word, case-sensitive match in
`<abbr title="…">`, which Material for MkDocs shows as a tooltip (`content.tooltips`) and a
browser without JavaScript as its own title tooltip.

`abbr` alone marks every match everywhere. The `TermTooltips` extension keeps it readable:
no tooltip in headings, links (also the home page's topic cards, each a link as a whole), code
or the titles of boxes. Every use of a term opens its explanation with a tap (a reader who meets
the word again further down need not look for its first use); only the first use of each term
is a stop for the Tab key, so the keyboard does not stop at the same explanation again and
again. A line said once, right after the page's first term, tells that dotted words open an
explanation (the `hint`). Pure logic; no MkDocs import.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from collections.abc import Mapping
from typing import Any

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
USES_PRIORITY = 6.5
# Where the hint goes: after the paragraph with the page's first term, or at the end of the list
# item, definition, table cell or caption whose own text has it.
HINT_AFTER = frozenset({"p"})
HINT_INSIDE = frozenset({"li", "dd", "td", "th", "figcaption"})


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


class _MarkUses(Treeprocessor):
    """The first `<abbr>` of each definition on the page is reached with the Tab key; later ones
    with a tap or a click only (focusable, not in the Tab order). The hint follows the first."""

    def __init__(self, md: Markdown, extension: TermTooltips) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        first = None
        for abbr in root.iter("abbr"):
            title = abbr.get("title", "")
            # Focusable, so the tooltip also opens from the keyboard and with a tap.
            abbr.set("tabindex", "-1" if title in seen else "0")
            seen.add(title)
            first = first if first is not None else abbr
        hint = self.extension.getConfig("hint")
        if first is not None and hint:
            _add_hint(root, first, hint)


def _add_hint(root: etree.Element, term: etree.Element, hint: str) -> None:
    """The hint as a line of its own, after the block with the term (see HINT_AFTER)."""
    parents = {child: parent for parent in root.iter() for child in parent}
    line = etree.Element("p", {"class": "term-hint", "data-search-exclude": ""})
    line.text = AtomicString(hint)
    block = term
    while parents[block] is not root:
        parent = parents[block]
        if parent.tag in HINT_INSIDE:
            parent.append(line)
            return
        if parent.tag in HINT_AFTER:
            outer = parents[parent]
            outer.insert(list(outer).index(parent) + 1, line)
            return
        block = parent
    # Not in a paragraph or a list: after the page's block that holds it.
    root.insert(list(root).index(block) + 1, line)


class TermTooltips(Extension):
    """Use with `abbr`: no tooltips in headings, links, code or box titles; every use of a term
    opens its explanation, the first one also from the Tab key; the hint after the first term."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {"hint": ["", "said once, after the page's first term: how to open an "
                                    "explanation (plain text); empty: no hint"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(_ProtectText(md), "term_tooltips_protect", PROTECT_PRIORITY)
        md.treeprocessors.register(_MarkUses(md, self), "term_tooltips_uses", USES_PRIORITY)
