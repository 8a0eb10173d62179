"""Theme fixes hook: repairs what stock Material for MkDocs gets wrong for accessibility, valid
HTML, a clean console, a light first visit and a search that answers every query, also one
pasted or entered on a slow phone while the page starts (see theme_html.py), and keeps the
not-found page bilingual.

mkdocs-static-i18n writes 404.html once per language, so the last language built would win;
this keeps the default language's one, whose template (overrides/404.html) speaks both.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from heuppijn_site.theme.theme_html import (
    ThemeChanged,
    add_short_site_name,
    disable_alternate_sitemap_lookup,
    drop_toggle_autocomplete,
    load_search_index_on_demand,
    name_search_dialog,
    read_search_query_on_input,
)
from heuppijn_site.theme.site_files import write_edited_script

_not_found: dict[str, str] = {}


def _fix(output: str, language: str, short_name: str) -> str:
    try:
        output = add_short_site_name(output, short_name)
        return drop_toggle_autocomplete(name_search_dialog(output, language))
    except ThemeChanged as error:
        raise PluginError(str(error)) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return _fix(output, page.file.locale, str(config.extra.get("short_name") or ""))


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output_content
    i18n = config.plugins["i18n"]
    fixed = _fix(output_content, i18n.current_language, str(config.extra.get("short_name") or ""))
    _not_found[i18n.current_language] = fixed
    return fixed


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    i18n = config.plugins["i18n"]
    if i18n.building:  # after every language is built, once
        return
    site = Path(config.site_dir)
    if i18n.default_language in _not_found:
        (site / "404.html").write_text(_not_found[i18n.default_language], encoding="utf-8")
    for script in sorted((site / "assets" / "javascripts").glob("bundle.*.js")):
        text = script.read_text(encoding="utf-8")
        try:
            fixed = read_search_query_on_input(
                load_search_index_on_demand(disable_alternate_sitemap_lookup(text))
            )
        except ThemeChanged as error:
            raise PluginError(str(error)) from None
        if fixed != text:
            write_edited_script(script, fixed)

