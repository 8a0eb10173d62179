"""Shared assets hook: lets English pages use the images in docs/assets/ that both languages
share.

With `fallback_to_default: false`, mkdocs-static-i18n leaves files outside the language folders
out of every build but the default language's, so a link from docs/en/x.md to
../assets/images/y.svg would be reported as broken. This puts those shared files back into the
other languages' file lists, at their one address below the site root (not copied under /en/).
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files

_shared: list[File] = []


def _languages(config: MkDocsConfig) -> set[str]:
    return {language.locale for language in config.plugins["i18n"].config.languages}


@event_priority(0)
def _remember_shared(files: Files, *, config: MkDocsConfig) -> Files:
    """Before the i18n plugin (-100): remember the files that belong to no language."""
    languages = _languages(config)
    _shared[:] = [
        file
        for file in files
        if not file.is_documentation_page()
        and file.src_uri.split("/", 1)[0] not in languages
        and file.abs_src_path
        and file.abs_src_path.startswith(config.docs_dir)
    ]
    return files


@event_priority(-110)
def _add_shared(files: Files, *, config: MkDocsConfig) -> Files:
    """After the i18n plugin (-100): put the shared files back where it left them out."""
    present = {file.src_uri for file in files}
    for file in _shared:
        if file.src_uri not in present:
            files.append(file)
    return files


on_files = CombinedEvent(_remember_shared, _add_shared)
