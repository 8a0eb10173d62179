"""The glossary (data/glossary.yml): each medical word of the site with its forms as the pages
write them and a plain-language definition, per language. Reads and checks the file, with
messages that name the file, the term, the field and the fix. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml
from heuppijn_site.content.references import suggest

TERM_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ID_LINE = re.compile(r"""^\s*(?:-\s+)?id:\s*["']?([^"'\s#]+)""")
# A form is matched as a whole word, so it starts and ends with a letter or digit; Markdown's
# abbreviation syntax, *[form]: …, cannot hold a bracket or a backslash.
FORM = re.compile(r"^\w(?:[^\[\]\\\n]*\w)?$")
# What a tooltip cannot show (it is plain text) or what another step would read as syntax.
NOT_PLAIN = re.compile(r"[<>*_`\[\]\\{}]")
MAX_DEFINITION = 300
TERM_FIELDS = ("id", "page", "sources")
LANGUAGE_FIELDS = ("term", "forms", "definition")


class GlossaryError(SiteError):
    """A mistake in the glossary file; the message names the file, term, field and fix."""


@dataclass(frozen=True)
class Entry:
    """A term in one language."""

    term: str  # as the glossary page shows it
    forms: tuple[str, ...]  # as the pages write it; each gets the definition as a tooltip
    definition: str


@dataclass(frozen=True)
class Term:
    id: str
    page: str | None  # the page that explains it more ("wat-is-gtps.md"), or None
    sources: tuple[str, ...]  # keys in data/references.yml that support the definition
    entries: dict[str, Entry]  # by language


@dataclass(frozen=True)
class Glossary:
    terms: tuple[Term, ...]

    def entries(self, language: str) -> list[tuple[Term, Entry]]:
        """The terms in `language`, in the alphabetical order of that language's words."""
        pairs = [(term, term.entries[language]) for term in self.terms]
        return sorted(pairs, key=lambda pair: sort_key(pair[1].term))

    def citation(self, term: Term) -> str:
        """The term's sources in the pages' citation syntax, "[@a; @b]", or ""."""
        return f"[{'; '.join('@' + key for key in term.sources)}]" if term.sources else ""

    def definitions(self, language: str) -> dict[str, str]:
        """{form: definition} for every form in `language`."""
        return {
            form: term.entries[language].definition
            for term in self.terms
            for form in term.entries[language].forms
        }


def sort_key(word: str) -> str:
    """Alphabetical order as a reader expects it: corticosteroïd next to corticosteroid."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def load_glossary(
    path: Path,
    languages: Iterable[str],
    pages: Iterable[str] | None,
    display_path: str | None = None,
    references: Iterable[str] | None = None,
) -> Glossary:
    """Read and check the glossary. `pages` are the file names a term's `page:` may name (None:
    not checked);
    `references` the keys its `sources:` may name (None: not checked).

    Raises GlossaryError naming the file, the term, the field and the fix.
    """
    where = display_path or path.as_posix()
    languages = tuple(languages)
    known_pages = None if pages is None else set(pages)
    known = None if references is None else sorted(references)
    data = read_yaml(path, where, GlossaryError)
    id_lines = [
        (number, match.group(1))
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if (match := ID_LINE.match(line))
    ]
    if not isinstance(data, list) or not data:
        raise GlossaryError(
            f"{where}: the file must be a list of terms, each starting with '- id: …'"
        )

    terms: list[Term] = []
    owner_of_form: dict[str, dict[str, str]] = {language: {} for language in languages}
    owner_of_definition: dict[str, dict[str, str]] = {language: {} for language in languages}
    for number, node in enumerate(data, start=1):
        term_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(term_id, str) or not TERM_ID.match(term_id):
            raise GlossaryError(
                f"{where}: term {number} needs an 'id' of lowercase words joined by hyphens, "
                f"like 'trochanter-major' (got {term_id!r})"
            )

        # The line of this term's id in the file (the second one, for an id used twice).
        earlier = sum(1 for term in terms if term.id == term_id)
        lines = [number for number, found in id_lines if found == term_id]
        at = f"{where}:{lines[earlier]}" if earlier < len(lines) else where

        def fail(field: str, problem: str) -> GlossaryError:
            return GlossaryError(f"{at}: term '{term_id}': '{field}' {problem}")

        if any(term.id == term_id for term in terms):
            raise fail("id", "is used twice — give each term its own id")
        fields = (*TERM_FIELDS, *languages)
        for field in node:
            if field not in fields:
                raise fail(field, f"is not a field of a term — use {', '.join(fields)}")

        page = node.get("page")
        if page is not None and (not isinstance(page, str) or (known_pages is not None and page not in known_pages)):
            raise fail("page", f"names {page!r}, which is not a page — use a file name from "
                               f"docs/{languages[0]}/, like 'wat-is-gtps.md', or leave 'page' out")

        sources = node.get("sources") or []
        if isinstance(sources, str):
            sources = [sources]
        if not isinstance(sources, list) or not all(isinstance(key, str) for key in sources):
            raise fail("sources", "must list reference ids from data/references.yml, like "
                                  "[leap-2018, brinks-2011]")
        for key in sources:
            if known is not None and key not in known:
                raise fail("sources", f"names '{key}', which is not in data/references.yml"
                                      f"{suggest(key, known)}")

        entries: dict[str, Entry] = {}
        for language in languages:
            entry = node.get(language)
            if not isinstance(entry, dict):
                raise fail(language, "is missing — add the term, its forms and its definition "
                                     "in that language")
            for field in entry:
                if field not in LANGUAGE_FIELDS:
                    raise fail(f"{language}.{field}",
                               f"is not a field — use {', '.join(LANGUAGE_FIELDS)}")
            entries[language] = _entry(entry, language, fail)

            for form in entries[language].forms:
                other = owner_of_form[language].get(form)
                if other is not None:
                    raise fail(f"{language}.forms", f"has '{form}', which term '{other}' has "
                                                    f"too — a form belongs to one term only")
                owner_of_form[language][form] = term_id
            other = owner_of_definition[language].get(entries[language].definition)
            if other is not None:
                raise fail(f"{language}.definition", f"is the same as that of term '{other}' — "
                                                     f"explain each term in its own words")
            owner_of_definition[language][entries[language].definition] = term_id

        terms.append(Term(id=term_id, page=page, sources=tuple(dict.fromkeys(sources)),
                          entries=entries))
    return Glossary(terms=tuple(terms))


def _entry(entry: dict[str, Any], language: str, fail: Any) -> Entry:
    term = entry.get("term")
    if not isinstance(term, str) or not term.strip() or "\n" in term.strip():
        raise fail(f"{language}.term", "is missing — write the word as the glossary page "
                                       "shows it")

    forms = entry.get("forms")
    if isinstance(forms, str):
        forms = [forms]
    if not isinstance(forms, list) or not forms:
        raise fail(f"{language}.forms", "is missing — list the word as the pages write it, "
                                        "like [pees, pezen]")
    for form in forms:
        if not isinstance(form, str) or not FORM.match(form):
            raise fail(f"{language}.forms", f"has {form!r} — a form is a word or words as the "
                                            f"pages write them, starting and ending with a letter")
    if len(set(forms)) != len(forms):
        raise fail(f"{language}.forms", "lists a form twice — list each once")

    definition = entry.get("definition")
    if not isinstance(definition, str) or not definition.strip():
        raise fail(f"{language}.definition", "is empty — explain the term in one or two short "
                                             "sentences")
    definition = " ".join(definition.split())
    if "[@" in definition:
        raise fail(f"{language}.definition", "cannot cite a source — list its id under "
                                             "'sources:' of the term")
    if match := NOT_PLAIN.search(definition):
        raise fail(f"{language}.definition", f"has {match.group()!r} — write plain text: a "
                                             f"tooltip shows no Markdown or HTML")
    if len(definition) > MAX_DEFINITION:
        raise fail(f"{language}.definition", f"has {len(definition)} characters — shorten it to "
                                             f"one or two sentences (at most {MAX_DEFINITION})")
    return Entry(term=" ".join(term.split()), forms=tuple(forms), definition=definition)
