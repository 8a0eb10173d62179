"""Writing files in the built site that the hooks change after MkDocs wrote them."""

from __future__ import annotations

from pathlib import Path

from heuppijn_site.theme.theme_html import without_source_map


def write_edited_script(script: Path, text: str) -> None:
    """Write a theme script this site edited, without its (no longer matching) source map."""
    text, source_map = without_source_map(text)
    script.write_text(text, encoding="utf-8")
    if source_map:
        (script.parent / source_map).unlink(missing_ok=True)
