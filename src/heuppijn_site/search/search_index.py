"""Search in the reader's language: splits the one search index MkDocs writes for both
languages into one index per language, each with its own stemming. No MkDocs import."""

from __future__ import annotations

from typing import Any


def split_index(index: dict[str, Any], default: str, others: list[str]) -> dict[str, dict[str, Any]]:
    """{language: index}. Entries under another language's folder ("en/") go to that language
    with the prefix removed (its pages search from /en/); all other entries belong to the
    default language."""
    indexes: dict[str, dict[str, Any]] = {}
    for language in [default, *others]:
        config = dict(index.get("config", {}))
        config["lang"] = [language]
        indexes[language] = {"config": config, "docs": []}
    for doc in index.get("docs", []):
        location: str = doc.get("location", "")
        language = next((other for other in others if location == other or location.startswith(f"{other}/")), default)
        entry = dict(doc)
        if language != default:
            entry["location"] = location[len(language):].lstrip("/")
        indexes[language]["docs"].append(entry)
    return indexes


KEYWORDS = "keywords"


def add_keywords(index: dict[str, Any], keywords: dict[str, tuple[str, ...]]) -> dict[str, Any]:
    """The index with each page's extra words (data/search_terms.yml) in a `keywords` field of
    the page's own entry (the one without '#'), which search matches but does not show.
    `keywords` is keyed by the page's location in the index ("en/when-to-get-help/"). The
    field's weight is the search plugin's `fields: keywords: boost:` in mkdocs.yml."""
    docs = []
    for doc in index.get("docs", []):
        words = keywords.get(doc.get("location", ""))
        docs.append({**doc, KEYWORDS: " ".join(words)} if words else dict(doc))
    return {**index, "docs": docs}
