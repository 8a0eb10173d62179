"""Language switch hook: gives each page the map from its section ids to its translation's
(see section_twins.py), which docs/assets/javascripts/language-switch.js uses so the switch
in the header (overrides/partials/alternate.html) lands on the same section in the other
language.

mkdocs-static-i18n builds one language after the other, so a Dutch page is written before its
English twin exists: each page's sections are noted as it is written, and the maps are filled
in once every language is built.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from heuppijn_site.theme.section_twins import Anchor, fill_section_twins, page_anchors, section_twins

# (language, file name below the language folder) → (where the page was written, its linkable sections)
_written: dict[tuple[str, str], tuple[str, list[Anchor]]] = {}


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # Twins share a file name below their language folders: nl/herstel.md, en/herstel.md.
    name = page.file.src_uri.split("/", 1)[-1]
    _written[page.file.locale, name] = (page.file.abs_dest_path, page_anchors(output))
    return output


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:  # after every language is built, once
        return
    for (language, name), (dest, anchors) in _written.items():
        twins = {
            other: section_twins(anchors, other_anchors)
            for (other, other_name), (_, other_anchors) in _written.items()
            if other_name == name and other != language
        }
        path = Path(dest)
        if not twins or not path.exists():
            continue
        page = path.read_text(encoding="utf-8")
        filled = fill_section_twins(page, twins)
        if filled != page:
            path.write_text(filled, encoding="utf-8")
