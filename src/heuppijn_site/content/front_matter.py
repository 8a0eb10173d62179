"""Page front matter: reading, validating and presenting it.

Every page starts with a YAML block that names its title, a one-sentence description, the slug
(its URL in that language) and two review dates. This module reads that block, checks it and says
exactly what is wrong and how to fix it. It knows nothing about MkDocs, so it can be tested alone.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePosixPath
from typing import TYPE_CHECKING

import yaml
from babel.dates import format_date

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import parse_yaml

if TYPE_CHECKING:
    from heuppijn_site.site_texts import LanguageTexts

REQUIRED_FIELDS = ("title", "description", "slug", "reviewed", "next_review")
HOME_PAGE = "index.md"
HOME_SLUG = "/"
SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FRONT_MATTER_PATTERN = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", re.DOTALL)

class FrontMatterError(SiteError):
    """An editor's mistake in a page's front matter; the message names the file, line and fix."""


@dataclass(frozen=True)
class PageMetadata:
    path: str  # the page's path as an editor sees it, e.g. "docs/nl/oorzaken.md"
    locale: str
    name: str  # file name inside the language folder, e.g. "oorzaken.md"; pairs translations
    title: str
    description: str
    slug: str
    reviewed: date
    next_review: date

    @property
    def is_home(self) -> bool:
        return self.name == HOME_PAGE

    def url_path(self, default_language: str) -> str:
        """The page's address below the site root: "" or "herstel/" in the default language,
        "en/" or "en/recovery/" in another."""
        prefix = "" if self.locale == default_language else f"{self.locale}/"
        return prefix if self.is_home else f"{prefix}{self.slug}/"

    @property
    def dest_uri(self) -> str | None:
        """Where MkDocs writes the page, inside its language folder, or None for a home page.

        The i18n plugin later moves the default language's folder to the site root.
        """
        return None if self.is_home else f"{self.locale}/{self.slug}/index.html"


@dataclass(frozen=True)
class ReviewLine:
    """The localized "last reviewed" line shown at the bottom of a page."""

    reviewed_label: str
    reviewed_text: str
    reviewed_iso: str
    next_label: str
    next_text: str
    next_iso: str


def _line_of(block: str, field: str) -> int:
    """1-based line number in the file of `field:` in the front matter (line 1 is the `---`)."""
    for number, line in enumerate(block.splitlines(), start=2):
        if re.match(rf"^{re.escape(field)}\s*:", line):
            return number
    return 1


def parse_page_metadata(path: str, text: str, locale: str, name: str) -> PageMetadata:
    """Read and validate the front matter of one page.

    `path` is only used in messages. Raises FrontMatterError naming the file, line and fix.
    """
    match = FRONT_MATTER_PATTERN.match(text)
    if not match:
        raise FrontMatterError(
            f"{path}:1: the page has no front matter — start the file with a block between two "
            f"'---' lines holding {', '.join(REQUIRED_FIELDS)}"
        )
    block = match.group(1) or ""
    try:
        data = parse_yaml(block) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(error, "problem", None) or str(error)
        raise FrontMatterError(
            f"{path}:{line}: the front matter is not valid YAML ({problem}) — write one "
            f"'field: value' per line; put text containing ': ' between double quotes"
        ) from None
    except ValueError:
        # YAML reads 2026-13-01 as a date and fails on the impossible month: find the field.
        raise FrontMatterError(_impossible_date(path, block)) from None
    if not isinstance(data, dict):
        raise FrontMatterError(
            f"{path}:2: the front matter must be a list of 'field: value' lines"
        )

    for field in REQUIRED_FIELDS:
        if field not in data or data[field] is None or data[field] == "":
            raise FrontMatterError(
                f"{path}:{_line_of(block, field)}: front matter '{field}' is missing — add a line "
                f"'{field}: …' between the '---' lines ({_hint(field)})"
            )

    for field in ("title", "description"):
        value = data[field]
        if not isinstance(value, str) or not value.strip() or "\n" in value.strip():
            raise FrontMatterError(
                f"{path}:{_line_of(block, field)}: front matter '{field}' must be one line of "
                f"text ({_hint(field)})"
            )

    slug = data["slug"]
    if name == HOME_PAGE:
        if slug != HOME_SLUG:
            raise FrontMatterError(
                f"{path}:{_line_of(block, 'slug')}: front matter 'slug' of a home page must be "
                f"'{HOME_SLUG}' (write: slug: {HOME_SLUG})"
            )
    elif not isinstance(slug, str) or not SLUG_PATTERN.match(slug):
        raise FrontMatterError(
            f"{path}:{_line_of(block, 'slug')}: front matter 'slug' must be lowercase words "
            f"joined by hyphens, like 'what-is-gtps' (got {slug!r})"
        )

    dates: dict[str, date] = {}
    for field in ("reviewed", "next_review"):
        value = data[field]
        # YAML turns 2026-11-22 into a date; anything else (22-11-2026, "2026-11-22", a
        # date with a time) is refused, so every page is written the same way.
        if not isinstance(value, date) or hasattr(value, "hour"):
            raise FrontMatterError(
                f"{path}:{_line_of(block, field)}: front matter '{field}' must be a date like "
                f"2026-11-22 (got {value!r})"
            )
        dates[field] = value
    if dates["next_review"] <= dates["reviewed"]:
        raise FrontMatterError(
            f"{path}:{_line_of(block, 'next_review')}: front matter 'next_review' "
            f"({dates['next_review']}) must come after 'reviewed' ({dates['reviewed']})"
        )

    return PageMetadata(
        path=path,
        locale=locale,
        name=name,
        title=data["title"].strip(),
        description=data["description"].strip(),
        slug=slug,
        reviewed=dates["reviewed"],
        next_review=dates["next_review"],
    )


def _impossible_date(path: str, block: str) -> str:
    for number, line in enumerate(block.splitlines(), start=2):
        field, _, value = line.partition(":")
        try:
            parse_yaml(value)
        except (ValueError, yaml.YAMLError):
            return (
                f"{path}:{number}: front matter '{field.strip()}' must be a date like 2026-11-22 "
                f"(got {value.strip()!r}, which is not a real date)"
            )
    return f"{path}:1: the front matter holds a date that does not exist — check every date"


def _hint(field: str) -> str:
    return {
        "title": "the page title, e.g. 'title: Oorzaken'",
        "description": "one sentence for search engines and link previews",
        "slug": "the page's URL in this language, e.g. 'slug: causes'",
        "reviewed": "the date the content was last checked, e.g. 'reviewed: 2026-11-22'",
        "next_review": "when it must be checked again, e.g. 'next_review: 2027-11-22'",
    }[field]


def check_pages(pages: Iterable[PageMetadata], languages: Iterable[str]) -> list[str]:
    """Problems across pages: a page without its twin in every language, a slug used twice.

    Returns the messages (empty when all is well); each names the file and the fix.
    """
    pages = list(pages)
    languages = list(languages)
    problems: list[str] = []
    by_language = {lang: {p.name: p for p in pages if p.locale == lang} for lang in languages}
    for lang, own in by_language.items():
        for name, page in sorted(own.items()):
            for other in languages:
                if other != lang and name not in by_language[other]:
                    problems.append(
                        f"{page.path}: has no translation — add docs/{other}/{name} (the same "
                        f"file name in docs/{other}/) or remove {page.path}"
                    )
        seen: dict[str, PageMetadata] = {}
        for page in sorted(own.values(), key=lambda p: p.name):
            if page.slug in seen:
                problems.append(
                    f"{page.path}: slug '{page.slug}' is already used by {seen[page.slug].path} — "
                    f"give one of them another slug"
                )
            seen[page.slug] = page
    return problems


def overdue_pages(pages: Iterable[PageMetadata], today: date) -> list[PageMetadata]:
    """Pages whose next review date has passed, oldest first."""
    return sorted((p for p in pages if p.next_review < today), key=lambda p: (p.next_review, p.path))


def review_line(page: PageMetadata, texts: LanguageTexts) -> ReviewLine:
    """The line at the bottom of the page, in its language (`texts`: that language's labels)."""
    locale = texts.locale
    reviewed_label, next_label = texts.review["reviewed"], texts.review["next"]
    return ReviewLine(
        reviewed_label=reviewed_label,
        reviewed_text=format_date(page.reviewed, format="long", locale=locale),
        reviewed_iso=page.reviewed.isoformat(),
        next_label=next_label,
        next_text=format_date(page.next_review, format="LLLL y", locale=locale),
        next_iso=page.next_review.strftime("%Y-%m"),
    )


def body_and_first_line(text: str) -> tuple[str, int]:
    """The page text after the front matter, and the file line number where it starts."""
    match = FRONT_MATTER_PATTERN.match(text)
    if not match:
        return text, 1
    return text[match.end():], text.count("\n", 0, match.end()) + 1


def language_and_name(src_uri: str) -> tuple[str, str]:
    """Split "nl/oorzaken.md" into ("nl", "oorzaken.md")."""
    parts = PurePosixPath(src_uri).parts
    if len(parts) < 2:
        return "", src_uri
    return parts[0], PurePosixPath(*parts[1:]).as_posix()
