"""What the site's Python-Markdown extensions share: each changes a page's Markdown text before
Python-Markdown parses it, in one fixed order (below), whatever order mkdocs.yml lists them in.

Each works in a bare `markdown.markdown(text, extensions=[...])` call, with its configuration:
the data files (or data already loaded), the page's language, and where other pages are."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from heuppijn_site.project import languages_here
from heuppijn_site.errors import SiteError

# Higher runs first; Python-Markdown's own preprocessors start at 30 (normalising whitespace).
# The warning signs, the checker and the diary put citations and glossary terms into the text, so
# they come before the glossary (which explains the terms) and the citations (which number the sources).
ORDER = {
    "pain_limit": 39,  # the page's own text first: its lines are the file's lines
    "warning_signs": 38,
    "pain_check": 37,
    "pain_diary": 36.5,
    "exercises": 36.4,
    "glossary": 36,
    "citations": 35,
}


class ExtensionConfigError(SiteError):
    """A Markdown extension is missing something it needs; the message says what to set."""


def page_options() -> dict[str, list[Any]]:
    """The options every extension of the site takes, besides its own data: which page it is
    and how to report a mistake. New lists each time: Python-Markdown writes into them."""
    return {
        "language": ["", "the page's language (nl or en); unset in Zensical: the page's folder"],
        "templates": ["overrides", "the folder with partials/, or a Jinja environment"],
        "source_path": ["the page", "the page's file, for messages"],
        "first_line": [1, "the file line of the Markdown's first line, for messages"],
        # MkDocs shows a PluginError as a message without a traceback; hooks/site.py sets it.
        "error": [ValueError, "the exception to raise for a mistake in a page or a data file"],
    }


class TextChange(Preprocessor):
    """Runs `change` over the whole text of a page; a mistake (a ValueError from the site's
    code: the message names the file, the line and the fix) is raised as `error`."""

    def __init__(self, md: Markdown, change: Callable[[str], str], error: type[Exception]) -> None:
        super().__init__(md)
        self.change = change
        self.error = error

    def run(self, lines: list[str]) -> list[str]:
        try:
            return self.change("\n".join(lines)).split("\n")
        except ValueError as mistake:
            if isinstance(mistake, self.error):
                raise
            raise self.error(str(mistake)) from None


# The HTML the site's code puts in a page is marked as such (`raw_html`) and kept out of
# Python-Markdown's way: stored whole before its HTML-block parser runs (priority 20), after
# whitespace is normalised (30), fenced code is taken out (25) and MkDocs has noted the HTML ids
# that links may point to (21). Parsing it again would cost
# most of the build's time and could only change it.
RAW_HTML_START = "<!-- heuppijn:html -->"
RAW_HTML_END = "<!-- /heuppijn:html -->"
RAW_HTML = re.compile(rf"^{re.escape(RAW_HTML_START)}\n(.*?)\n{re.escape(RAW_HTML_END)}$", re.MULTILINE | re.DOTALL)
RAW_HTML_PRIORITY = 20.5  # after MkDocs reads the anchors in raw HTML (21), before html_block (20)


def raw_html(html: str) -> str:
    """HTML to put in a page's Markdown as a block of its own, left exactly as it is."""
    return f"\n{RAW_HTML_START}\n{html}\n{RAW_HTML_END}\n"


class RawHtml(Preprocessor):
    """Stores each block marked by `raw_html` as Python-Markdown stores raw HTML, so the
    HTML-block parser, the block processors and the inline patterns never read it."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        if RAW_HTML_START not in text:
            return lines
        # Stored with its line end, as Python-Markdown's own HTML-block parser stores a block.
        stored = RAW_HTML.sub(lambda match: "\n" + self.md.htmlStash.store(match.group(1) + "\n") + "\n", text)
        return stored.split("\n")


def register(md: Markdown, step: str, change: Callable[[str], str], error: type[Exception] = ValueError) -> None:
    """Run `change` over each page's text at the step's place in ORDER. Configuration is
    resolved by `change` when it first runs, not here: MkDocs tries every extension once with
    mkdocs.yml's options alone, before the glue has set the page's language."""
    md.preprocessors.register(TextChange(md, change, error), f"heuppijn_{step}", ORDER[step])
    if "heuppijn_raw_html" not in md.preprocessors:
        md.preprocessors.register(RawHtml(md), "heuppijn_raw_html", RAW_HTML_PRIORITY)


def page_language(extension: str, md: Markdown, language: str, languages: tuple[str, ...] | None = None) -> str:
    """The page's language: as configured (MkDocs: hooks/site.py sets it for every page) or, in a
    generator that says which file it renders (Zensical's `rendering_context`), its language
    folder: docs/nl/x.md is Dutch."""
    languages = languages or languages_here()
    if not language:
        context = md.preprocessors["rendering_context"] if "rendering_context" in md.preprocessors else None
        path = str(getattr(getattr(context, "page", None), "path", "") or "")
        folder = path.replace("\\", "/").split("/", 1)[0]
        language = folder if folder in languages else ""
    if not language:
        raise ExtensionConfigError(
            f"{extension}: no 'language' set — pass the page's language ({' or '.join(languages)}) in "
            f"the extension's configuration; in MkDocs hooks/site.py sets it for every page, so check "
            f"that mkdocs.yml lists it under hooks:"
        )
    return language
