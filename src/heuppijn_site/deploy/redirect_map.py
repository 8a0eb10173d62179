"""Redirects (data/redirects.yml): loading and checking them, and where each one leads.
Pure logic; no MkDocs import."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml

FROM_PATTERN = re.compile(r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*/)+$")
TO_PATTERN = re.compile(r"^(?P<file>[a-z]{2}/[a-z0-9-]+\.md)(?:#(?P<anchor>[a-z0-9-]+))?$")


class RedirectError(SiteError):
    """A mistake in the redirects file; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class Redirect:
    source: str  # "fase-2/": the address below the site root
    page: str  # "nl/herstel.md": the target page's file in docs/
    anchor: str  # "fase-2", or "" for the top of the page
    line: int

    @property
    def language(self) -> str:
        return self.page.split("/", 1)[0]

    def target(self, page_url: str) -> str:
        """The address to send readers to, relative to the redirect's own folder.

        `page_url` is the target page's URL path below the site root, e.g. "herstel/"."""
        relative = posixpath.relpath(page_url or ".", self.source.rstrip("/") or ".")
        relative = "./" if relative == "." else f"{relative}/"
        return relative + (f"#{self.anchor}" if self.anchor else "")


def load_redirects(
    path: Path, display_path: str, pages: set[str], default_language: str, languages: list[str]
) -> list[Redirect]:
    """Read and check the redirects. `pages` holds the page files that exist ("nl/herstel.md").

    An address under a language folder ("en/…") leads to a page in that language; any other
    address to a page in the default language."""
    entries = read_yaml(path, display_path, RedirectError) or []
    lines = path.read_text(encoding="utf-8").splitlines()
    from_lines = [number for number, line in enumerate(lines, start=1) if re.match(r"^-\s+from:", line)]
    if not isinstance(entries, list) or len(from_lines) != len(entries):
        raise RedirectError(f"{display_path}: write each redirect as '- from: …' with 'to: …' under it")
    redirects: list[Redirect] = []
    seen: dict[str, int] = {}
    for entry, line in zip(entries, from_lines):
        where = f"{display_path}:{line}"
        if not isinstance(entry, dict) or set(entry) != {"from", "to"}:
            raise RedirectError(f"{where}: a redirect has exactly 'from' and 'to'")
        source, target = str(entry["from"]), str(entry["to"])
        if not FROM_PATTERN.match(source):
            raise RedirectError(
                f"{where}: 'from' must be an address like fase-2/ or en/phase-2/ (lowercase, "
                f"ending in /), got {source!r}"
            )
        match = TO_PATTERN.match(target)
        if not match:
            raise RedirectError(
                f"{where}: 'to' must be a page file like nl/herstel.md or nl/herstel.md#fase-2, "
                f"got {target!r}"
            )
        if match.group("file") not in pages:
            raise RedirectError(f"{where}: 'to' names docs/{match.group('file')}, which does not exist")
        first = source.split("/", 1)[0]
        language = first if first in languages and first != default_language else default_language
        if not match.group("file").startswith(f"{language}/"):
            raise RedirectError(
                f"{where}: '{source}' is an address in '{language}', so 'to' must be a page in "
                f"docs/{language}/ (got {target!r})"
            )
        if source in seen:
            raise RedirectError(f"{where}: '{source}' is already redirected on line {seen[source]}")
        seen[source] = line
        redirects.append(Redirect(source, match.group("file"), match.group("anchor") or "", line))
    return redirects
