"""Redirects hook: writes a small page at every address in data/redirects.yml that sends the
reader on to its target (short links such as /fase-2/, and old addresses of moved pages).

Not mkdocs-redirects: that plugin resolves targets before mkdocs-static-i18n gives pages their
localized URLs, writes every redirect page in English, and needs an inline script, which a
strict Content-Security-Policy forbids. These pages use a meta refresh, a link, and an external
script that keeps the reader's #anchor (overrides/redirect-page.html).
"""

from __future__ import annotations

from pathlib import Path

import site_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from heuppijn_site.head.page_head import absolute
from heuppijn_site.deploy.redirect_map import Redirect, RedirectError, load_redirects

REDIRECTS_FILE = "data/redirects.yml"
SCRIPT = "assets/javascripts/redirect.js"
TEXTS = {
    "nl": {"title": "Doorsturen", "text": "Deze pagina staat nu op een ander adres:"},
    "en": {"title": "Redirecting", "text": "This page is now at another address:"},
}

_redirects: list[Redirect] = []
_page_urls: dict[str, tuple[str, str]] = {}  # "nl/herstel.md" -> ("herstel/", page title)


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    i18n = config.plugins["i18n"]
    languages = [language.locale for language in i18n.config.languages]
    _page_urls.clear()
    for page in site_pages.pages():
        _page_urls[f"{page.locale}/{page.name}"] = (page.url_path(i18n.default_language), page.title)
    root = Path(config.config_file_path).parent
    try:
        _redirects[:] = load_redirects(
            root / REDIRECTS_FILE, REDIRECTS_FILE, set(_page_urls), i18n.default_language, languages
        )
    except RedirectError as error:
        raise PluginError(str(error)) from None
    return files


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    template = config.theme.get_env().get_template("redirect-page.html")
    for redirect in _redirects:
        page_url, title = _page_urls[redirect.page]
        where = f"{REDIRECTS_FILE}:{redirect.line}"
        page_file = site / page_url / "index.html"
        if redirect.anchor and f'id="{redirect.anchor}"' not in page_file.read_text(encoding="utf-8"):
            raise PluginError(
                f"{where}: docs/{redirect.page} has no heading with id '{redirect.anchor}' — "
                f"fix the anchor after '#', or give the heading that id"
            )
        output = site / redirect.source / "index.html"
        if output.exists():
            raise PluginError(
                f"{where}: '{redirect.source}' is the address of a page — a redirect cannot "
                f"replace it; remove this redirect or change the page's slug"
            )
        depth = redirect.source.count("/")
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            template.render(
                language=redirect.language,
                texts=TEXTS[redirect.language],
                target=redirect.target(page_url),
                target_title=title,
                canonical=absolute(config.site_url, page_url),
                script_url="../" * depth + SCRIPT,
            ),
            encoding="utf-8",
        )
