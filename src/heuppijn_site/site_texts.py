"""The words the site's code puts around the pages' own text (data/labels.yml) and how other
software names its languages (data/languages.yml), read and checked once: every language needs
every label the code uses. Pure; no MkDocs import."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heuppijn_site.data_files import read_mapping
from heuppijn_site.project import DATA_FILES
from heuppijn_site.errors import SiteError
from heuppijn_site.content.references import CATEGORIES as SOURCE_GROUPS

LABELS_FILE = DATA_FILES["labels"]
LANGUAGES_FILE = DATA_FILES["languages"]
# Every group of labels, and the labels the code uses in it.
LABELS = {
    "citations": ("guideline", "editors", "accessed", "available", "et_al", "source", "sources", "sources_id",
                  "back", "back_at", "mention", "cited_on", "not_cited"),
    "review": ("reviewed", "next"),
    "glossary": ("more", "hint"),
    "redirect": ("title", "text"),
    "search": ("dialog", "submit"),
    "footer": ("links", "licence", "reuse", "report", "report_subject", "report_page", "report_question", "edit",
               "contact"),
    "share_image": ("alt",),
    "not_found": ("title", "text", "home", "home_rest", "search"),
}


class SiteTextsError(SiteError):
    """A missing or wrong label; the message names the file, the label and the fix."""


@dataclass(frozen=True)
class LanguageTexts:
    """One language's labels."""

    language: str  # "nl"
    locale: str  # "nl_NL": dates (Babel) and link previews (Open Graph)
    condition: tuple[str, tuple[str, ...]]  # what the site is about: its name, then other names
    citations: dict[str, str]
    source_groups: dict[str, tuple[str, str]]  # category → (heading id, heading)
    review: dict[str, str]
    glossary: dict[str, str]
    redirect: dict[str, str]
    search: dict[str, str]
    share_image: dict[str, str]
    footer: dict[str, str]
    not_found: dict[str, str]


LOCALE = re.compile(r"^[a-z]{2,3}_[A-Z]{2}$")


def checked_locale(value: str, where: str) -> str:
    """A locale as Babel and Open Graph write it: language_TERRITORY, e.g. nl_NL or en_GB."""
    from babel import Locale, UnknownLocaleError  # noqa: PLC0415 - only to check the file

    try:
        known = LOCALE.match(value) and Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        known = None
    if not known:
        raise SiteTextsError(f"{where} is '{value}', which is not a locale — write language_TERRITORY "
                             f"as Babel knows it, e.g. nl_NL or en_GB")
    return value


def load_site_texts(labels_path: Path, languages_path: Path, languages: Iterable[str],
                    labels_where: str = LABELS_FILE, languages_where: str = LANGUAGES_FILE) -> dict[str, LanguageTexts]:
    """{language: its labels}, every label checked."""
    languages = tuple(languages)
    labels, _ = read_mapping(labels_path, labels_where, SiteTextsError, shape="be groups of labels, like 'citations:'")
    locales, _ = read_mapping(languages_path, languages_where, SiteTextsError,
                              shape="have a block per language, like 'nl:'")

    def text(node: Any, where: str) -> str:
        if not isinstance(node, str) or not node.strip():
            raise SiteTextsError(f"{where} is missing — add it, as the other languages have it")
        return node.strip()

    def group(name: str, language: str) -> dict[str, Any]:
        node = (labels.get(name) or {}).get(language) if isinstance(labels.get(name), dict) else None
        if not isinstance(node, dict):
            raise SiteTextsError(f"{labels_where}: '{name}.{language}' is missing — add the {name} labels "
                                 f"in that language: {', '.join(LABELS[name])}")
        unknown = sorted(set(node) - set(LABELS[name]) - ({"groups"} if name == "citations" else set()))
        if unknown:
            raise SiteTextsError(f"{labels_where}: '{name}.{language}.{unknown[0]}' is not a label the site uses "
                                 f"— its labels: {', '.join(LABELS[name])}")
        return {key: text(node.get(key), f"{labels_where}: '{name}.{language}.{key}'") for key in LABELS[name]}

    def source_groups(language: str) -> dict[str, tuple[str, str]]:
        node = labels["citations"][language].get("groups")
        where = f"{labels_where}: 'citations.{language}.groups"
        if not isinstance(node, dict):
            raise SiteTextsError(f"{where}' is missing — give each group of sources an id and a title: "
                                 f"{', '.join(SOURCE_GROUPS)}")
        result = {}
        for category in SOURCE_GROUPS:
            entry = node.get(category)
            if not isinstance(entry, dict):
                raise SiteTextsError(f"{where}.{category}' is missing — add {{id: …, title: …}}")
            result[category] = (text(entry.get("id"), f"{where}.{category}.id'"),
                                text(entry.get("title"), f"{where}.{category}.title'"))
        return result

    def condition(language: str) -> tuple[str, tuple[str, ...]]:
        own = locales.get(language) if isinstance(locales.get(language), dict) else {}
        node = own.get("condition")
        where = f"{languages_where}: '{language}.condition"
        if not isinstance(node, dict):
            raise SiteTextsError(f"{where}' is missing — add the condition's name and also_known_as (a list "
                                 f"of other names) in that language, as the other languages have them")
        others = node.get("also_known_as")
        if not isinstance(others, list) or not others:
            raise SiteTextsError(f"{where}.also_known_as' must be a list of other names for the condition, "
                                 f"one per line starting with '- '")
        return (text(node.get("name"), f"{where}.name'"),
                tuple(text(other, f"{where}.also_known_as' (each name)") for other in others))

    result = {}
    for language in languages:
        locale = (locales.get(language) or {}).get("locale") if isinstance(locales.get(language), dict) else None
        result[language] = LanguageTexts(
            language=language,
            locale=checked_locale(text(locale, f"{languages_where}: '{language}.locale'"),
                                  f"{languages_where}: '{language}.locale'"),
            condition=condition(language),
            citations=group("citations", language),
            source_groups=source_groups(language),
            review=group("review", language),
            glossary=group("glossary", language),
            redirect=group("redirect", language),
            search=group("search", language),
            share_image=group("share_image", language),
            footer=group("footer", language),
            not_found=group("not_found", language),
        )
    return result


def site_texts(root: Path, languages: Iterable[str]) -> dict[str, LanguageTexts]:
    """The project's labels: data/labels.yml and data/languages.yml below `root`."""
    return load_site_texts(root / LABELS_FILE, root / LANGUAGES_FILE, languages)
