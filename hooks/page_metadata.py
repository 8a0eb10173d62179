"""Page metadata hook: checks every page's front matter, gives each page the URL its `slug:`
asks for, and adds the localized "last reviewed" line at the bottom of each page.

Runs at `on_files` priority 0, before mkdocs-static-i18n (-100) pairs the translations, so the
language switcher, hreflang links, sitemap and internal links all follow the localized URLs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

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

# Filled at every on_files (once per language build), keyed by the page's src_uri.
_metadata: dict[str, PageMetadata] = {}


def site_languages(config: MkDocsConfig) -> list[str]:
    return [language.locale for language in config.plugins["i18n"].config.languages]


def editor_path(config: MkDocsConfig, src_uri: str) -> str:
    """The page's path as an editor sees it from the repository root, e.g. docs/nl/index.md."""
    docs_dir = Path(config.docs_dir)
    root = Path(config.config_file_path).parent
    try:
        return (docs_dir / src_uri).relative_to(root).as_posix()
    except ValueError:
        return (docs_dir / src_uri).as_posix()


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    languages = site_languages(config)
    pages: list[PageMetadata] = []
    for file in files.documentation_pages():
        path = editor_path(config, file.src_uri)
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

    _metadata.clear()
    _metadata.update({f"{p.locale}/{p.name}": p for p in pages})
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # The sitemap's <lastmod> is each page's review date, not the build date: the same sources
    # give the same site.
    for file in files.documentation_pages():
        metadata = _metadata.get(file.src_uri)
        if file.page is not None and metadata is not None:
            file.page.update_date = metadata.reviewed.isoformat()
    return nav


def on_page_context(
    context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation
) -> dict[str, Any]:
    metadata = _metadata.get(page.file.src_uri)
    if metadata is not None:
        context["review"] = review_line(metadata)
    return context
