"""Words people type (data/search_terms.yml): per language, per page file name (or a section of
it, "wanneer-contact.md#binnen-een-paar-dagen"), the extra words that should find it in search
though its text does not use them ("dokter" for a page that says "huisarts"). Reads and checks the file, with messages that name the file, the language, the
page and the fix. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path

from heuppijn_site.data_files import read_mapping
from heuppijn_site.errors import SiteError

# A word or a few words as a reader types them: letters, digits, spaces, hyphens, apostrophes.
WORDS = re.compile(r"^\w[\w' \-]*$")
MAX_LENGTH = 60
# A section's anchor as the page's headings get it ("binnen-een-paar-dagen").
ANCHOR = re.compile(r"^[\w-]+$")


class SearchTermsError(SiteError):
    """A mistake in the search terms file; the message names the file, the field and the fix."""


def split_key(key: str) -> tuple[str, str]:
    """("wanneer-contact.md", "binnen-een-paar-dagen") for "wanneer-contact.md#binnen-een-paar-dagen";
    the anchor is "" for the page itself."""
    page, _, anchor = key.partition("#")
    return page, anchor


def _did_you_mean(name: str, known: Iterable[str]) -> str:
    known = sorted(known)
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.6)
    return f" — did you mean '{close[0]}'?" if close else f" — known: {', '.join(known)}"


def load_search_terms(
    path: Path, pages: dict[str, Iterable[str]], display_path: str | None = None
) -> dict[str, dict[str, tuple[str, ...]]]:
    """{language: {page file name, or "name.md#anchor": words}}. `pages` gives, per language, the page file names
    that exist ("wanneer-contact.md"). A language or page left out simply has no extra words.

    Raises SearchTermsError naming the file, the language, the page and the fix.
    """
    where = display_path or path.as_posix()
    data, _ = read_mapping(path, where, SearchTermsError, empty={},
                           shape=f"map each language ({', '.join(pages)}) to its pages, "
                                 f"e.g. 'nl:' then '  wanneer-contact.md: [dokter, nachtpijn]'")
    terms: dict[str, dict[str, tuple[str, ...]]] = {}
    for language, by_page in data.items():
        if language not in pages:
            raise SearchTermsError(
                f"{where}: unknown language {language!r}{_did_you_mean(str(language), pages)}"
            )
        if not isinstance(by_page, dict):
            raise SearchTermsError(
                f"{where}: {language}: must map page file names to lists of words, "
                f"e.g. '  wanneer-contact.md: [dokter, nachtpijn]'"
            )
        known = set(pages[language])
        terms[language] = {}
        for name, words in by_page.items():
            page, _, anchor = str(name).partition("#")
            if page not in known:
                raise SearchTermsError(
                    f"{where}: {language}: {page!r} is not a page in docs/{language}/"
                    f"{_did_you_mean(page, known)}"
                )
            if "#" in str(name) and not ANCHOR.match(anchor):
                raise SearchTermsError(
                    f"{where}: {language}: {name!r}: after '#' comes the section's anchor as in "
                    f"its address, e.g. 'wanneer-contact.md#binnen-een-paar-dagen'"
                )
            field = f"{where}: {language}: {name}"
            if not isinstance(words, list) or not words:
                raise SearchTermsError(
                    f"{field}: must be a list of words, e.g. [dokter, nachtpijn] (got {words!r})"
                )
            checked: list[str] = []
            for word in words:
                if not isinstance(word, str) or not WORDS.match(word.strip()) or len(word) > MAX_LENGTH:
                    raise SearchTermsError(
                        f"{field}: {word!r} is not a word people type — use letters, digits, "
                        f"spaces, hyphens or apostrophes, at most {MAX_LENGTH} characters"
                    )
                word = " ".join(word.split())
                if word.casefold() in (seen.casefold() for seen in checked):
                    raise SearchTermsError(f"{field}: {word!r} is listed twice — remove one")
                checked.append(word)
            terms[language][name] = tuple(checked)
    return terms
