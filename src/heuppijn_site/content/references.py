"""The bibliography (data/references.yml): loading, checking and Vancouver formatting.

Field names follow CSL, so an editor can paste data exported from a reference manager. Pure
logic; no MkDocs import.
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from babel.dates import format_date
from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml

if TYPE_CHECKING:  # site_texts reads this module's categories
    from heuppijn_site.site_texts import LanguageTexts

CATEGORIES = ("guideline", "research", "other")
NO_DATE = "n.d."
KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
DOI_PATTERN = re.compile(r"^10\.\d{4,9}/\S+$")
MAX_AUTHORS = 6  # Vancouver: list six, then "et al."
# A name: one for every language ("Mellor R", "NHS"), or one per language for a description that
# needs translating ({"nl": "Fysiotherapiepraktijk (webpagina)", "en": "Physiotherapy practice (web page)"}).
Name = str | dict[str, str]


def in_language(name: Name, language: str) -> str:
    """The name as a page in `language` shows it."""
    return name if isinstance(name, str) else name[language]


class ReferenceDataError(SiteError):
    """A mistake in the bibliography file; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Reference:
    key: str
    category: str
    type: str
    title: str
    year: str  # "2018", or NO_DATE for a source without a date (then no date is shown)
    lead: Name = ""  # family name of the first author or editor, or the organisation
    authors: tuple[Name, ...] = ()  # already in Vancouver form: "Mellor R"
    editors: tuple[Name, ...] = ()
    container_title: str = ""
    volume: str = ""
    issue: str = ""
    page: str = ""
    doi: str = ""
    url: str = ""
    publisher: str = ""
    publisher_place: str = ""
    genre: str = ""
    accessed: date | None = None
    note: dict[str, str] = field(default_factory=dict)

    def short_name(self, texts: LanguageTexts) -> str:
        """"Mellor et al., 2018" (or "NHS" for a work without a date): for screen readers."""
        many = len(self.authors or self.editors) > 1
        lead = in_language(self.lead, texts.language)
        author = f"{lead} {texts.citations['et_al']}" if many else lead
        year = "" if self.year == NO_DATE else self.year
        return ", ".join(part for part in (author, year) if part) or self.title


def _lead(people: list[Any], where: str, languages: set[str]) -> Name:
    first = people[0] if people else {}
    if isinstance(first, dict):
        if "family" in first:
            return str(first["family"]).strip()
        if "literal" in first:
            return _literal(first["literal"], where, languages)
    return ""


def _literal(value: Any, where: str, languages: set[str]) -> Name:
    """An organisation's name, or a description per language (nl:, en:) when it needs translating."""
    if isinstance(value, dict):
        names = {str(language): str(text).strip() for language, text in value.items() if str(text or "").strip()}
        missing = sorted(languages - set(names))
        if missing or not names:
            raise ReferenceDataError(
                f"{where}: the author's 'literal' has no name for {', '.join(missing) or 'any language'} — "
                f"write it once for every language ({', '.join(sorted(languages)) or 'nl, en'}), or as one "
                f"name for all"
            )
        return names
    return str(value).strip()


def _name(person: Any, where: str, languages: set[str]) -> Name:
    if isinstance(person, dict):
        if "literal" in person:
            return _literal(person["literal"], where, languages)
        if "family" in person:
            given = str(person.get("given", "")).replace(".", "").replace(" ", "")
            return f"{person['family']} {given}".strip()
    raise ReferenceDataError(
        f"{where}: each author or editor needs 'family' (and 'given' initials) or 'literal'"
    )


def _year(value: Any) -> str | None:
    if isinstance(value, int):
        return str(value)
    if isinstance(value, date):
        return str(value.year)
    if isinstance(value, str):
        if value.strip() == NO_DATE:
            return NO_DATE
        if re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", value.strip()):
            return value.strip()[:4]
    if isinstance(value, dict) and "date-parts" in value:  # CSL JSON form
        try:
            return str(int(value["date-parts"][0][0]))
        except (LookupError, TypeError, ValueError):
            return None
    return None


def load_references(path: Path, display_path: str | None = None) -> dict[str, Reference]:
    """Read and check the bibliography. Raises ReferenceDataError naming file, entry and fix."""
    where = display_path or path.as_posix()
    entries = read_yaml(path, where, ReferenceDataError)
    if not isinstance(entries, list):
        raise ReferenceDataError(f"{where}: the file must be a list of entries, each starting with '- id:'")
    lines = path.read_text(encoding="utf-8").splitlines()
    # The site's languages, as the notes have them: a name given per language needs each one.
    languages = {str(language) for entry in entries if isinstance(entry, dict)
                 and isinstance(entry.get("note"), dict) for language in entry["note"]}
    references: dict[str, Reference] = {}
    for number, entry in enumerate(entries, start=1):
        references_entry = _reference(entry, number, where, lines, languages)
        if references_entry.key in references:
            raise ReferenceDataError(
                f"{_entry_where(where, lines, references_entry.key)}: duplicate id "
                f"'{references_entry.key}' — each work is listed once; give the other one its own id"
            )
        references[references_entry.key] = references_entry
    return references


def _entry_where(where: str, lines: list[str], key: str) -> str:
    hits = [i for i, line in enumerate(lines, start=1) if re.match(rf"^-\s+id:\s*{re.escape(key)}\s*$", line)]
    return f"{where}:{hits[-1]}" if hits else where


def _reference(entry: Any, number: int, where: str, lines: list[str], languages: set[str]) -> Reference:
    if not isinstance(entry, dict):
        raise ReferenceDataError(f"{where}: entry {number} is not a set of 'field: value' lines")
    key = entry.get("id")
    if not isinstance(key, str) or not KEY_PATTERN.match(key):
        raise ReferenceDataError(
            f"{where}: entry {number} needs an 'id' of lowercase words and numbers joined by "
            f"hyphens, like 'leap-2018' (got {key!r})"
        )
    at = f"{_entry_where(where, lines, key)}: entry '{key}'"
    title = entry.get("title")
    if not isinstance(title, str) or not title.strip():
        raise ReferenceDataError(f"{at} has no 'title' — add the title of the work")
    year = _year(entry.get("issued"))
    if year is None:
        raise ReferenceDataError(
            f"{at} has no year — add 'issued: 2018' (or 'issued: {NO_DATE}' if the work has no date)"
        )
    category = entry.get("category")
    if category not in CATEGORIES:
        raise ReferenceDataError(
            f"{at}: 'category' must be one of {', '.join(CATEGORIES)} (got {category!r})"
        )
    doi = str(entry.get("DOI", "") or "").strip()
    if doi and not DOI_PATTERN.match(doi):
        raise ReferenceDataError(
            f"{at}: 'DOI' {doi!r} is malformed — write it like 10.1136/bmj.k1662, without "
            f"'https://doi.org/'"
        )
    url = str(entry.get("URL", "") or "").strip()
    if url and not url.startswith("https://"):
        raise ReferenceDataError(f"{at}: 'URL' must start with https:// (got {url!r})")
    accessed = entry.get("accessed")
    if accessed is not None and not isinstance(accessed, date):
        raise ReferenceDataError(f"{at}: 'accessed' must be a date like 2026-11-22")
    note = entry.get("note") or {}
    if not isinstance(note, dict) or not all(isinstance(v, str) for v in note.values()):
        raise ReferenceDataError(f"{at}: 'note' must have one line of text per language (nl:, en:)")
    return Reference(
        key=key,
        category=category,
        type=str(entry.get("type", "")),
        title=title.strip(),
        year=year,
        lead=_lead(list(entry.get("author") or entry.get("editor") or []), at, languages),
        authors=tuple(_name(p, at, languages) for p in entry.get("author") or ()),
        editors=tuple(_name(p, at, languages) for p in entry.get("editor") or ()),
        container_title=str(entry.get("container-title", "") or ""),
        volume=str(entry.get("volume", "") or ""),
        issue=str(entry.get("issue", "") or ""),
        page=str(entry.get("page", "") or "").replace("-", "–"),
        doi=doi,
        url=url,
        publisher=str(entry.get("publisher", "") or ""),
        publisher_place=str(entry.get("publisher-place", "") or ""),
        genre=str(entry.get("genre", "") or ""),
        accessed=accessed,
        note={str(k): v.strip() for k, v in note.items()},
    )


def suggest(key: str, known: list[str]) -> str:
    """" — did you mean 'leap-2018'?" or the list of known keys."""
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    return f" — known references: {', '.join(sorted(known))}"


def _people(people: tuple[Name, ...], et_al: str, language: str) -> str:
    names = [in_language(name, language) for name in people]
    listed = [n for n in names if n != "et al."][:MAX_AUTHORS]
    more = len([n for n in names if n != "et al."]) > MAX_AUTHORS or "et al." in names
    text = ", ".join(listed)
    if more:
        text += f", {et_al}"
    return text


def _sentence(text: str) -> str:
    text = text.strip()
    return text if text.endswith((".", "?", "!")) else f"{text}."


def vancouver(reference: Reference, texts: LanguageTexts) -> str:
    """The reference as HTML in Vancouver style, with labels in the page's language. A work
    without a date gets no date at all (no "n.d." a reader would have to decode)."""
    labels = texts.citations
    e = html.escape
    parts: list[str] = []
    if reference.authors:
        parts.append(e(_sentence(_people(reference.authors, labels['et_al'], texts.language))))
    elif reference.editors:
        parts.append(e(f"{_people(reference.editors, labels['et_al'], texts.language)}, {labels['editors']}."))
    title = reference.title
    if reference.genre == "guideline":
        title = f"{title.rstrip('.')} [{labels['guideline']}]"
    parts.append(e(_sentence(title)))
    year = "" if reference.year == NO_DATE else reference.year
    if reference.container_title:
        source = f"{reference.container_title}. {year}" if year else reference.container_title
        if reference.volume:
            source += f";{reference.volume}"
        if reference.issue:
            source += f"({reference.issue})"
        if reference.page:
            source += f":{reference.page}"
        parts.append(e(f"{source}."))
    else:
        publisher = ": ".join(p for p in (reference.publisher_place, reference.publisher) if p)
        published = "; ".join(p for p in (publisher, year) if p)
        if published:
            parts.append(e(f"{published}."))
    if reference.doi:
        doi_url = f"https://doi.org/{reference.doi}"
        parts.append(f'doi:<a href="{e(doi_url)}">{e(reference.doi)}</a>')
    if reference.url:
        link = f'{e(labels["available"])}: <a href="{e(reference.url)}">{e(reference.url)}</a>'
        if reference.accessed:
            when = format_date(reference.accessed, format="long", locale=texts.locale)
            link += f" ({e(labels['accessed'])} {e(when)})"
        parts.append(link)
    return " ".join(parts)


def schema_citation(reference: Reference, language: str) -> dict[str, str]:
    """The reference as schema.org CreativeWork properties (for a page's JSON-LD in `language`)."""
    work = {"name": reference.title}
    if reference.lead:
        work["author"] = in_language(reference.lead, language)
    if reference.year != NO_DATE:
        work["datePublished"] = reference.year
    if reference.doi:
        work["url"] = f"https://doi.org/{reference.doi}"
    elif reference.url:
        work["url"] = reference.url
    return work
