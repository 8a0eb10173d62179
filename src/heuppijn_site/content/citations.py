"""Citations in the Markdown: Pandoc's syntax, [@leap-2018] or [@leap-2018; @brinks-2011].

Finds them (never inside code), reports malformed ones, and numbers the works cited on a page in
order of first use. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from heuppijn_site.errors import SiteError

CITATION = re.compile(r"\[(@[^\s;\[\]@]+(?:\s*;\s*@[^\s;\[\]@]+)*)\]")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
EXAMPLE = "write citations like [@leap-2018] or [@leap-2018; @brinks-2011]"


class CitationSyntaxError(SiteError):
    """A malformed or unknown citation; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Citation:
    """One citation in the text: where it is and which works it cites, in the order written."""

    line: int  # line number in the file
    start: int  # offset of "[" in the Markdown
    end: int  # offset just after "]"
    keys: tuple[str, ...]


def _mask_code(markdown: str) -> str:
    """The Markdown with fenced code blocks and inline code blanked out (offsets unchanged)."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.splitlines(keepends=True):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)
            out.append(" " * len(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")):])
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = None
            out.append(" " * len(line.rstrip("\r\n")) + line[len(line.rstrip("\r\n")):])
            continue
        out.append(INLINE_CODE.sub(lambda m: " " * len(m.group(0)), line))
    return "".join(out)


def find_citations(markdown: str, path: str, first_line: int = 1) -> list[Citation]:
    """Every citation in the Markdown, in order. `first_line` is the file line of the first
    Markdown line (after the front matter). Raises CitationSyntaxError for a malformed one."""
    masked = _mask_code(markdown)
    citations: list[Citation] = []
    for match in CITATION.finditer(masked):
        keys = tuple(part.strip()[1:] for part in match.group(1).split(";"))
        line = first_line + masked.count("\n", 0, match.start())
        citations.append(Citation(line=line, start=match.start(), end=match.end(), keys=keys))
    # Whatever starts like a citation but is not one is a mistake, not text to print.
    taken = {c.start for c in citations}
    for match in re.finditer(r"\[@", masked):
        if match.start() not in taken:
            line = first_line + masked.count("\n", 0, match.start())
            fragment = masked[match.start():].split("\n", 1)[0][:40]
            raise CitationSyntaxError(f"{path}:{line}: malformed citation '{fragment}' — {EXAMPLE}")
    return citations


def check_keys(citations: Iterable[Citation], known: Iterable[str], path: str) -> None:
    """Raise for the first citation of a work that is not in the bibliography."""
    from heuppijn_site.content.references import suggest

    known = list(known)
    for citation in citations:
        for key in citation.keys:
            if key not in known:
                raise CitationSyntaxError(
                    f"{path}:{citation.line}: unknown reference '{key}'{suggest(key, known)} "
                    f"(references are listed in data/references.yml)"
                )


def numbering(citations: Iterable[Citation]) -> dict[str, int]:
    """Number each cited work in order of first use on the page: {"leap-2018": 1, ...}."""
    numbers: dict[str, int] = {}
    for citation in citations:
        for key in citation.keys:
            numbers.setdefault(key, len(numbers) + 1)
    return numbers


def cited_keys(citations: Iterable[Citation]) -> set[str]:
    return {key for citation in citations for key in citation.keys}
