"""Search per language hook: Dutch pages search Dutch pages only and English pages English
pages only, each with its own stemming (see search_index.py).

The search plugin writes one index for both languages; after all languages are built this
writes search/search_index.json for the default language and en/search/search_index.json for
English, and points the English pages' search at theirs.
"""

from __future__ import annotations

import json
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from search_index import split_index
from theme_html import ThemeChanged, rebase_config

INDEX = Path("search") / "search_index.json"


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    language = page.file.locale
    if language == config.plugins["i18n"].default_language:
        return output
    try:
        return rebase_config(output, language)
    except ThemeChanged as error:
        raise PluginError(str(error)) from None


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building:
        return
    site = Path(config.site_dir)
    combined = json.loads((site / INDEX).read_text(encoding="utf-8"))
    others = [language for language in i18n.build_languages if language != i18n.default_language]
    for language, index in split_index(combined, i18n.default_language, others).items():
        target = site / INDEX if language == i18n.default_language else site / language / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
