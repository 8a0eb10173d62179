"""The project as its files describe it, read once: the languages (mkdocs.yml's i18n plugin),
the public address, where each data file is, and the pages. Every other module asks it, so no list
of languages or data file's path is written twice. No MkDocs import: the build
(heuppijn_site.build) makes its Project from MkDocs' config; the steps that run on their own
(python -m heuppijn_site.deploy.postbuild site/) and the project's tools from mkdocs.yml."""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from heuppijn_site.content.front_matter import PageMetadata, check_pages, language_and_name, parse_page_metadata
from heuppijn_site.data_files import read_yaml
from heuppijn_site.errors import SiteError

# Every file an editor changes that the site is made from, by what it holds: each path is written
# here once. The Markdown extensions' options in mkdocs.yml may name their data files elsewhere
# (heuppijn_site.build reads them from there).
DATA_FILES = {
    "references": "data/references.yml",
    "warning_signs": "data/warning_signs.yml",
    "pain_rules": "data/pain_rules.yml",
    "pain_diary": "data/pain_diary.yml",
    "glossary": "data/glossary.yml",
    "exercises": "data/exercises.yml",
    "clinician_kit": "data/clinician_kit.yml",
    "search_terms": "data/search_terms.yml",
    "redirects": "data/redirects.yml",
    "labels": "data/labels.yml",
    "languages": "data/languages.yml",
    "script_states": "data/script_states.yml",
    "published_urls": "data/published-urls.yml",
    "security_headers": "deploy/security-headers.yml",
}


class ProjectError(SiteError):
    """mkdocs.yml or a page cannot be read; the message names the file and the fix."""


class _ConfigLoader(yaml.SafeLoader):
    """mkdocs.yml's own tags: `!ENV [NAME, default]` is the variable's value, or the default."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    if isinstance(node, yaml.ScalarNode):
        return os.environ.get(loader.construct_scalar(node))
    *names, default = loader.construct_sequence(node)
    return next((os.environ[name] for name in names if name in os.environ), default)


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_constructor("!relative", lambda loader, node: loader.construct_scalar(node))


def read_mkdocs_yml(path: Path) -> dict:
    """A project's mkdocs.yml as data, with !ENV resolved as MkDocs resolves it."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}
    except (OSError, yaml.YAMLError) as error:
        raise ProjectError(f"{path}: cannot be read ({error})") from None


@dataclass(frozen=True)
class Project:
    root: Path
    site_url: str
    languages: tuple[str, ...]  # the first is the default language unless mkdocs.yml says otherwise
    default_language: str
    docs_dir: Path
    first_paint: bool = False  # extra.first_paint: each page's CSS inline (theme/first_paint.py)

    def data(self, name: str) -> Path:
        """Where a data file is (DATA_FILES' name for it)."""
        return self.root / DATA_FILES[name]

    def page_names(self) -> set[str]:
        """The pages' file names in any language ("herstel.md"); a page missing in one language is
        check_pages' to report."""
        return {path.relative_to(self.docs_dir / language).as_posix()
                for language in self.languages for path in (self.docs_dir / language).rglob("*.md")}


def first_paint_setting(extra: dict, config_file: Path | str) -> bool:
    """mkdocs.yml's extra.first_paint, checked: each page's CSS inline (theme/first_paint.py)."""
    value = extra.get("first_paint", False)
    if not isinstance(value, bool):
        raise ProjectError(f"{config_file}: extra → first_paint is true or false, not {value!r}")
    return value


def load_project(root: Path) -> Project:
    """The project in `root`, from its mkdocs.yml."""
    config = read_mkdocs_yml(root / "mkdocs.yml")
    i18n = next((plugin["i18n"] for plugin in config.get("plugins", [])
                 if isinstance(plugin, dict) and "i18n" in plugin), None)
    if not i18n or not i18n.get("languages"):
        raise ProjectError(f"{root / 'mkdocs.yml'}: no languages under plugins → i18n")
    languages = tuple(language["locale"] for language in i18n["languages"])
    default = next((language["locale"] for language in i18n["languages"] if language.get("default")), languages[0])
    first_paint = first_paint_setting(config.get("extra") or {}, root / "mkdocs.yml")
    return Project(root=root, site_url=str(config.get("site_url") or ""), languages=languages,
                   default_language=default, docs_dir=root / str(config.get("docs_dir", "docs")),
                   first_paint=first_paint)


@functools.cache
def languages_here() -> tuple[str, ...]:
    """The languages of the project in the current folder: for a Markdown extension in a bare
    `markdown.markdown(...)` call (or in Zensical) that reads its data files itself."""
    return load_project(Path.cwd()).languages


def checked_pages(sources: Iterable[tuple[str, str, str]], languages: tuple[str, ...],
                  pain_limit: int, severe_pain_from: int | None) -> list[PageMetadata]:
    """Every page's checked front matter, as readers see it: {{ pain_limit }} in a title or
    description filled in. `sources`: (src_uri "nl/herstel.md", the file as an editor names it,
    its text) for every page; the build passes MkDocs' files, read_pages the folder's."""
    from heuppijn_site.pain_rule.pain_rules import PlaceholderError, page_with_pain_limit  # noqa: PLC0415

    pages = []
    for src_uri, where, text in sources:
        locale, name = language_and_name(src_uri)
        if locale not in languages:
            raise ProjectError(f"{where}: pages belong in a language folder — move it to "
                               + " or ".join(f"docs/{language}/" for language in languages))
        try:
            pages.append(page_with_pain_limit(parse_page_metadata(where, text, locale, name),
                                              pain_limit, severe_pain_from))
        except PlaceholderError as error:  # the page's file, which the rule does not know
            raise PlaceholderError(f"{where}: title or description: {str(error).split(': ', 1)[-1]}") from None
    problems = check_pages(pages, list(languages))
    if problems:
        raise ProjectError("\n".join(problems))
    return pages


def read_pages(project: Project) -> list[PageMetadata]:
    """Every page's checked front matter, in every language, from the docs folder (see
    checked_pages), with the limits from the pain rules' file."""
    rules_file = DATA_FILES["pain_rules"]
    rules = read_yaml(project.root / rules_file, rules_file, ProjectError)
    limit, severe = rules.get("pain_limit"), rules.get("severe_pain_from")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise ProjectError(f"{rules_file}: 'pain_limit' must be a whole number from 0 to 10")
    if isinstance(severe, bool) or not isinstance(severe, int):
        severe = None  # the build's own check of the rules file says what is wrong
    sources = []
    for path in sorted(project.docs_dir.glob("*/**/*.md")):
        src_uri = path.relative_to(project.docs_dir).as_posix()
        if language_and_name(src_uri)[0] in project.languages:
            sources.append((src_uri, path.relative_to(project.root).as_posix(), path.read_text(encoding="utf-8")))
    return checked_pages(sources, project.languages, limit, severe)
