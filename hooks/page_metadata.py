"""Page metadata hook: checks every page's front matter, gives each page the URL its `slug:`
asks for, and adds the localized "last reviewed" line at the bottom of each page.

Runs at `on_files` priority 0, before mkdocs-static-i18n (-100) pairs the translations, so the
language switcher, hreflang links, sitemap and internal links all follow the localized URLs.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import site_pages
from heuppijn_site.content.front_matter import (
    FrontMatterError,
    PageMetadata,
    check_pages,
    language_and_name,
    parse_page_metadata,
    review_line,
)
from mkdocs.config.config_options import Hooks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def site_languages(config: MkDocsConfig) -> list[str]:
    return [language.locale for language in config.plugins["i18n"].config.languages]


def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    """`mkdocs serve`: every rebuild runs the hooks' code as it is now.

    MkDocs loads each hook file once per process and Python keeps the modules they import, so
    after an edit to hooks/ the preview would go on running the old code. Before each rebuild,
    forget both; the rebuild loads the configuration again, and with it the current code.
    """
    hooks_dir = Path(__file__).resolve().parent

    def rebuild() -> None:
        Hooks._load_hook.cache_clear()
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None)
            if file and Path(file).resolve().parent == hooks_dir:
                del sys.modules[name]
        builder()

    server.builder = rebuild
    return server


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    languages = site_languages(config)
    pages: list[PageMetadata] = []
    for file in files.documentation_pages():
        path = site_pages.editor_path(config, file.src_uri)
        locale, name = language_and_name(file.src_uri)
        if locale not in languages:
            raise PluginError(
                f"{path}: pages belong in a language folder — move it to "
                + " or ".join(f"docs/{lang}/" for lang in languages)
            )
        try:
            page = parse_page_metadata(path, file.content_string, locale, name)
        except FrontMatterError as error:
            raise PluginError(str(error)) from None
        pages.append(page)
        if page.dest_uri is not None:
            file.dest_uri = page.dest_uri

    problems = check_pages(pages, languages)
    if problems:
        raise PluginError("\n".join(problems))

    site_pages.replace(pages)
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # The sitemap's <lastmod> is each page's review date, not the build date: the same sources
    # give the same site.
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = site_pages.page(file.src_uri).reviewed.isoformat()
    return nav


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    context["review"] = review_line(site_pages.page(page.file.src_uri))
    return context
