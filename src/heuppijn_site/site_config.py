"""The site as its files describe it, without MkDocs: the public address and the languages from
mkdocs.yml, and every page's checked front matter from docs/. Used by the steps that run on their
own (python -m heuppijn_site.deploy.postbuild site/) and by the project's tools."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml
from heuppijn_site.content.front_matter import FrontMatterError, PageMetadata, language_and_name, parse_page_metadata


PAIN_RULES_FILE = "data/pain_rules.yml"


class SiteConfigError(SiteError):
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
        raise SiteConfigError(f"{path}: cannot be read ({error})") from None


@dataclass(frozen=True)
class SiteConfig:
    root: Path
    site_url: str
    languages: tuple[str, ...]
    default_language: str
    docs_dir: Path
    first_paint: bool = False  # extra.first_paint: each page's CSS inline (theme/first_paint.py)


def first_paint_setting(extra: dict, config_file: Path | str) -> bool:
    """mkdocs.yml's extra.first_paint, checked: each page's CSS inline (theme/first_paint.py)."""
    value = extra.get("first_paint", False)
    if not isinstance(value, bool):
        raise SiteConfigError(f"{config_file}: extra → first_paint is true or false, not {value!r}")
    return value


def site_config(root: Path) -> SiteConfig:
    config = read_mkdocs_yml(root / "mkdocs.yml")
    i18n = next((plugin["i18n"] for plugin in config.get("plugins", [])
                 if isinstance(plugin, dict) and "i18n" in plugin), None)
    if not i18n or not i18n.get("languages"):
        raise SiteConfigError(f"{root / 'mkdocs.yml'}: no languages under plugins → i18n")
    languages = tuple(language["locale"] for language in i18n["languages"])
    default = next((language["locale"] for language in i18n["languages"] if language.get("default")), languages[0])
    first_paint = first_paint_setting(config.get("extra") or {}, root / "mkdocs.yml")
    return SiteConfig(root=root, site_url=str(config.get("site_url") or ""), languages=languages,
                      default_language=default, docs_dir=root / str(config.get("docs_dir", "docs")),
                      first_paint=first_paint)


def read_pages(config: SiteConfig) -> list[PageMetadata]:
    """Every page's checked front matter, in both languages, as readers see it: {{ pain_limit }}
    in a title or description filled in from data/pain_rules.yml."""
    from heuppijn_site.pain_rule.pain_rules import PlaceholderError, page_with_pain_limit  # noqa: PLC0415

    rules = read_yaml(config.root / PAIN_RULES_FILE, PAIN_RULES_FILE, SiteConfigError)
    limit, severe = rules.get("pain_limit"), rules.get("severe_pain_from")
    if isinstance(limit, bool) or not isinstance(limit, int):
        raise SiteConfigError(f"{PAIN_RULES_FILE}: 'pain_limit' must be a whole number from 0 to 10")
    if isinstance(severe, bool) or not isinstance(severe, int):
        severe = None  # the build's own check of the rules file says what is wrong
    pages = []
    for path in sorted(config.docs_dir.glob("*/**/*.md")):
        locale, name = language_and_name(path.relative_to(config.docs_dir).as_posix())
        if locale not in config.languages:
            continue
        where = path.relative_to(config.root).as_posix()
        try:
            page = parse_page_metadata(where, path.read_text(encoding="utf-8"), locale, name)
            pages.append(page_with_pain_limit(page, limit, severe))
        except FrontMatterError as error:
            raise SiteConfigError(str(error)) from None
        except PlaceholderError as error:
            raise SiteConfigError(f"{where}: title or description: {str(error).split(': ', 1)[-1]}") from None
    return pages
