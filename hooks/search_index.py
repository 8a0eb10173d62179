"""Search in the reader's language: splits the one search index MkDocs writes for both
languages into one index per language, each with its own stemming. No MkDocs import."""

from __future__ import annotations

from typing import Any


def split_index(index: dict[str, Any], default: str, others: list[str]) -> dict[str, dict[str, Any]]:
    """{language: index}. Entries under "en/" go to English with that prefix removed (the
    English pages search from /en/); all other entries belong to the default language."""
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
