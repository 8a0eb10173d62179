"""Page head hook: gives every page an absolute canonical address, absolute hreflang alternates
with x-default (the Dutch page), Open Graph and Twitter card tags for link previews, and
schema.org MedicalWebPage JSON-LD (see page_head.py; rendered by overrides/main.html), writes
robots.txt, and gives the links in the text their full address for print."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from heuppijn_site.head.page_head import absolute, page_head
from heuppijn_site.head.print_links import add_print_urls


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is missing — set the site's public address")
    i18n = config.plugins["i18n"]
    alternates = getattr(page.file, "alternates", {}) or {page.file.locale: page.file}
    context["head"] = page_head(
        site_url=config.site_url,
        site_name=config.site_name,
        publisher=str((config.extra.get("publisher") or {}).get("name", config.site_name)),
        language=page.file.locale,
        default_language=i18n.default_language,
        page_urls={language: file.url for language, file in alternates.items()},
        title=str(page.meta.get("title") or page.title),
        description=str(page.meta.get("description") or config.site_description or ""),
        reviewed=page.meta["reviewed"],
        citations=page.meta.get("cited_works", []),
    )
    return context


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    """For print: the full address of every link in the text (see print_links.py)."""
    return add_print_urls(output, page.canonical_url or absolute(config.site_url, page.url))


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """robots.txt: everything may be indexed; the sitemap is at the site's public address."""
    if config.plugins["i18n"].building:
        return
    sitemap = absolute(config.site_url, "sitemap.xml")
    (Path(config.site_dir) / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8"
    )
