"""Search per language hook: Dutch pages search Dutch pages only and English pages English
pages only, each with its own stemming (see search_index.py).

The search plugin writes one index for both languages; after all languages are built this
writes search/search_index.json for the default language and en/search/search_index.json for
English, and points the English pages' search at theirs.

Before that, the entry of each page or section named in data/search_terms.yml (checked in
search_terms.py) gets the words people type for it in a hidden `keywords` field, weighted by
the search plugin's `fields: keywords: boost:` in mkdocs.yml.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from heuppijn_site.search.search_index import KEYWORDS, add_keywords, split_index
from heuppijn_site.search.search_terms import SearchTermsError, load_search_terms, split_key
from heuppijn_site.theme.theme_html import ThemeChanged, rebase_config

INDEX = Path("search") / "search_index.json"
SEARCH_TERMS_FILE = "data/search_terms.yml"
# A section's anchor: the id of its heading (the search index has an entry per heading).
HEADING_ID = re.compile(r"<h[1-6][^>]*\sid=\"([^\"]+)\"")

_search_terms: dict[str, dict[str, tuple[str, ...]]] = {}
# (language, "name.md" or "name.md#anchor") -> its location in the search index ("en/when-to-get-help/").
_locations: dict[tuple[str, str], str] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Read and check the words people type, once per build (again for each language: it
    changes nothing twice)."""
    global _search_terms
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or KEYWORDS not in search.config.fields:
        raise PluginError(f"mkdocs.yml: {SEARCH_TERMS_FILE} needs a search field for its words — "
                          f"add 'fields: {{{KEYWORDS}: {{boost: 1000}}}}' under '- search:' in plugins")
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    # The pages of any language: a page missing in one language is page_metadata.py's to report,
    # with its own message (add the translation), not this file's.
    names = sorted({path.relative_to(docs / language).as_posix()
                    for language in languages for path in (docs / language).rglob("*.md")})
    pages = {language: names for language in languages}
    try:
        _search_terms = load_search_terms(root / SEARCH_TERMS_FILE, pages, SEARCH_TERMS_FILE)
    except SearchTermsError as error:
        raise PluginError(str(error)) from None
    return config


def on_page_context(context: dict, *, page: Page, config: MkDocsConfig, nav: object) -> dict:
    """Remember where each page, and each section named in the file, is in the search index
    (its address as the search plugin has it: "en/when-to-get-help/#within-a-few-days")."""
    language = page.file.locale
    name = page.file.src_uri.split("/", 1)[-1]
    anchors = HEADING_ID.findall(page.content or "")
    for key in _search_terms.get(language, {}):
        page_name, anchor = split_key(key)
        if page_name != name:
            continue
        if anchor and anchor not in anchors:
            raise PluginError(f"{SEARCH_TERMS_FILE}: {language}: {key}: docs/{language}/{name} has no "
                              f"section '{anchor}' — its sections: {', '.join(anchors)}")
        _locations[(language, key)] = page.url + (f"#{anchor}" if anchor else "")
    return context


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
    # The words people type, on the entry of their page or section, in its language only.
    combined = add_keywords(combined, {
        _locations[(language, name)]: words
        for language, by_page in _search_terms.items()
        for name, words in by_page.items()
        if (language, name) in _locations
    })
    others = [language for language in i18n.build_languages if language != i18n.default_language]
    for language, index in split_index(combined, i18n.default_language, others).items():
        target = site / INDEX if language == i18n.default_language else site / language / INDEX
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
