"""The pages of the build being made, read and checked once by page_metadata.py (at on_files,
before the other hooks), for the other hooks to use instead of reading front matter again."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.front_matter import PageMetadata

# Keyed by the page's src_uri ("nl/herstel.md"); filled anew at every on_files.
_pages: dict[str, PageMetadata] = {}
# The works that a hook's generated content will cite on a page (a marker such as
# <!-- warning-signs --> expands to text with citations only at on_page_markdown):
# [hook][src_uri] -> keys. Each hook sets its own at on_files, before numbered_citations.py
# counts which pages cite what.
_generated_citations: dict[str, dict[str, set[str]]] = {}


def replace(pages: list[PageMetadata]) -> None:
    _pages.clear()
    _pages.update({f"{page.locale}/{page.name}": page for page in pages})


def page(src_uri: str) -> PageMetadata:
    """The checked front matter of a page, e.g. page("nl/herstel.md")."""
    return _pages[src_uri]


def pages() -> list[PageMetadata]:
    return list(_pages.values())


def set_generated_citations(hook: str, by_page: dict[str, set[str]]) -> None:
    """What `hook`'s generated content cites, per page (replaces what it set before)."""
    _generated_citations[hook] = {src_uri: set(keys) for src_uri, keys in by_page.items()}


def set_citations_where_marked(hook: str, pages: Iterable[tuple[str, str]], marker: str,
                               citations: str, path: str) -> None:
    """`hook` puts `citations` ("[@a; @b] [@c]") on every page whose text has `marker`; `pages`
    is (src_uri, text) per page, `path` the data file the citations come from (for messages)."""
    keys = {key for citation in find_citations(citations, path) for key in citation.keys}
    set_generated_citations(hook, {src_uri: keys for src_uri, text in pages if marker in text})


def generated_citations(src_uri: str) -> set[str]:
    """Every work that generated content cites on the page."""
    return set().union(*(by_page.get(src_uri, set()) for by_page in _generated_citations.values()))


def editor_path(config: Any, src_uri: str) -> str:
    """A page's path as an editor sees it from the repository root, e.g. docs/nl/index.md."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return path.as_posix()
