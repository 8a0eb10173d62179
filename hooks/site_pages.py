"""The pages of the build being made, read and checked once by page_metadata.py (at on_files,
before the other hooks), for the other hooks to use instead of reading front matter again."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from front_matter import PageMetadata

# Keyed by the page's src_uri ("nl/herstel.md"); filled anew at every on_files.
_pages: dict[str, PageMetadata] = {}


def replace(pages: list[PageMetadata]) -> None:
    _pages.clear()
    _pages.update({f"{page.locale}/{page.name}": page for page in pages})


def page(src_uri: str) -> PageMetadata:
    """The checked front matter of a page, e.g. page("nl/herstel.md")."""
    return _pages[src_uri]


def pages() -> list[PageMetadata]:
    return list(_pages.values())


def editor_path(config: Any, src_uri: str) -> str:
    """A page's path as an editor sees it from the repository root, e.g. docs/nl/index.md."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return path.as_posix()
