"""The project's one family of errors: everything an editor can get wrong in a page, a data file,
mkdocs.yml or the theme the site builds on. Each is raised where the problem is found, with a
message that names the file (and line) and the fix; the MkDocs glue (hooks/site.py) turns a
SiteError into MkDocs' own error once, and the commands print it. No MkDocs import."""

from __future__ import annotations


class SiteError(ValueError):
    """A mistake an editor can fix. The message reads `file:line: what is wrong — the fix`;
    `file`, `line` and `fix`, when given, make it so and stay readable on their own."""

    def __init__(self, message: str = "", *, file: str | None = None, line: int | None = None,
                 fix: str | None = None) -> None:
        where = f"{file}:{line}: " if file and line else f"{file}: " if file else ""
        super().__init__(f"{where}{message}{f' — {fix}' if fix else ''}")
        self.file, self.line, self.fix = file, line, fix
