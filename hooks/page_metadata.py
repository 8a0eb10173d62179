"""Page metadata hook: checks every page's front matter, gives each page the URL its `slug:`
asks for, and adds the localized "last reviewed" line at the bottom of each page.

Runs at `on_files` priority 0, before mkdocs-static-i18n (-100) pairs the translations, so the
language switcher, hreflang links, sitemap and internal links all follow the localized URLs.
"""

from __future__ import annotations

from typing import Any

import site_pages
from front_matter import (
    FrontMatterError,
    PageMetadata,
    check_pages,
    language_and_name,
    parse_page_metadata,
    review_line,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

def site_languages(config: MkDocsConfig) -> list[str]:
    return [language.locale for language in config.plugins["i18n"].config.languages]


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
