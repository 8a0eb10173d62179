"""`make canary`: what a Zensical build of this site lacks today, page by page, beside the MkDocs
build. Zensical (the successor of Material for MkDocs, by its authors) reads mkdocs.yml and runs
Python-Markdown extensions, but no MkDocs hooks or plugins: the table shows which of the slugs,
citations, pain checker, warning signs, glossary tooltips and languages survive. Information, not
a gate: exits 0 whenever Zensical ran, even when its build failed; non-zero only if it could not
run at all.

Usage: .venv/bin/python -m heuppijn_site.tools.canary
"""

from __future__ import annotations

import html.parser
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from heuppijn_site.tools.site_tools import (
    DEFAULT_LANGUAGE,
    ROOT,
    all_page_metadata,
    build_env,
    copy_project,
    mkdocs_build,
    page_output,
    page_path,
    read_mkdocs_config,
)

if TYPE_CHECKING:
    from heuppijn_site.content.front_matter import PageMetadata

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
ZENSICAL_TIMEOUT = 300  # seconds; only stops a run that hangs
# When Zensical fails on mkdocs.yml as it is, the canary builds again from a copy of it with as
# few changes as it takes (each one reported), so that the pages can still be compared.
TWEAKED_CONFIG = "zensical-canary.yml"
OWN_EXTENSIONS = "heuppijn_site."  # the project's own Markdown extensions
SHOWN_MESSAGES = 12
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
LOCATION = re.compile(r"╭─\[\s*(.+?)\s*\]")
PAIN_CHECK_MARKER = "<!-- pain-check -->"
WARNING_SIGNS_MARKER = "<!-- warning-signs"


class PageFeatures(html.parser.HTMLParser):
    """What one built page holds of the features our hooks add."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.lang = ""
        self.citations = 0  # <sup class="citation">, as the MkDocs site renders a citation
        self.raw_citations = 0  # "[@" left in the text
        self.pain_check = False  # the checker's root element, data-pain-check
        self.raw_pain_check = False
        self.warning_signs = False  # the rendered block, data-warning-signs
        self.raw_warning_signs = False
        self.tooltips = 0  # <abbr> elements: glossary terms
        self._skip = 0  # inside <script> or <style>
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang") or ""
        elif tag in ("script", "style"):
            self._skip += 1
        elif tag == "sup" and "citation" in (values.get("class") or "").split():
            self.citations += 1
        elif tag == "abbr":
            self.tooltips += 1
        self.pain_check |= "data-pain-check" in values
        self.warning_signs |= "data-warning-signs" in values

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.raw_citations += data.count("[@")

    def handle_comment(self, data: str) -> None:
        self.raw_pain_check |= data.strip().startswith("pain-check")
        self.raw_warning_signs |= data.strip().startswith("warning-signs")


def read(path: Path | None) -> PageFeatures | None:
    return PageFeatures(path.read_text(encoding="utf-8")) if path and path.exists() else None


@dataclass
class ZensicalRun:
    returncode: int | None  # None: stopped after ZENSICAL_TIMEOUT
    messages: list[str]

    @property
    def failed(self) -> bool:
        return self.returncode != 0


def messages(output: str) -> list[str]:
    """Zensical's warnings and errors, one line each, with the file and line they point at."""
    lines = [ANSI.sub("", line).rstrip() for line in output.splitlines()]
    found: list[str] = []
    for number, line in enumerate(lines):
        if re.match(r"(Warning|Error|error)\b", line):
            where = next((m.group(1) for m in map(LOCATION.search, lines[number + 1:number + 3]) if m), "")
            found.append(f"{line} ({where})" if where else line)
        elif re.match(r"[\w.]*(Error|Exception)\b", line):  # a Python exception, not indented
            found.append(line if len(line) <= 400 else line[:400] + " …")
    return list(dict.fromkeys(found))


def run_zensical(project: Path, config: str) -> ZensicalRun:
    """One `zensical build` of the project copy into its site/ folder (emptied first)."""
    shutil.rmtree(project / "site", ignore_errors=True)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    try:
        result = subprocess.run(
            [str(ZENSICAL), "build", "-f", config], cwd=project,
            env={**build_env(project), "NO_COLOR": "1"},
            capture_output=True, text=True, timeout=ZENSICAL_TIMEOUT,
        )
    except subprocess.TimeoutExpired as stopped:
        # What it printed so far: bytes, even with text=True.
        output = "".join(part.decode(errors="replace") if isinstance(part, bytes) else part
                         for part in (stopped.stdout, stopped.stderr) if part)
        return ZensicalRun(None, [*messages(output), f"stopped after {ZENSICAL_TIMEOUT} s"])
    except OSError as error:
        sys.exit(f"Zensical could not run ({ZENSICAL}): {error}")
    found = messages(result.stdout + result.stderr)
    if result.returncode and not found:
        tail = [line for line in ANSI.sub("", result.stdout + result.stderr).splitlines() if line.strip()]
        found = tail[-5:] or [f"exit status {result.returncode}, no output"]
    return ZensicalRun(result.returncode, found)


def show(run: ZensicalRun) -> None:
    outcome = ("built the site" if not run.failed
               else "stopped (too slow)" if run.returncode is None else "failed")
    print(f"   Zensical {outcome}" + (":" if run.messages else "."))
    for line in run.messages[:SHOWN_MESSAGES]:
        print(f"     {line}")
    if len(run.messages) > SHOWN_MESSAGES:
        print(f"     … and {len(run.messages) - SHOWN_MESSAGES} more")


def own_extensions(config: dict[str, Any]) -> list[str]:
    names = [entry if isinstance(entry, str) else next(iter(entry))
             for entry in config.get("markdown_extensions") or []]
    return [name for name in names if name.startswith(OWN_EXTENSIONS)]


def without_extensions(config: dict[str, Any], names: list[str]) -> None:
    config["markdown_extensions"] = [
        entry for entry in config.get("markdown_extensions") or []
        if (entry if isinstance(entry, str) else next(iter(entry))) not in names
    ]


def build_with_zensical(project: Path) -> tuple[ZensicalRun, list[str]]:
    """Zensical's build of the project copy: with mkdocs.yml as it is, or else with the fewest
    changes it takes (returned, in words). The run returned has failed if none of them helped."""
    print("1. mkdocs.yml as it is")
    run = run_zensical(project, "mkdocs.yml")
    show(run)
    config = read_mkdocs_config(project / "mkdocs.yml")
    changes: list[str] = []

    def again(change: str) -> ZensicalRun:
        changes.append(change)
        print(f"{len(changes) + 1}. {'also ' if len(changes) > 1 else ''}{change}")
        (project / TWEAKED_CONFIG).write_text(
            f"# mkdocs.yml for Zensical, written by `make canary`. Changed: {'; '.join(changes)}\n"
            + yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        result = run_zensical(project, TWEAKED_CONFIG)
        show(result)
        return result

    while run.failed:
        # One change for what stopped it: the project's extension that the error names, or strict
        # mode; else all of the project's own extensions; else there is nothing left to try.
        text = "\n".join(run.messages)
        ours = own_extensions(config)
        named = [name for name in ours if name in text]
        if named:
            without_extensions(config, named[:1])
            run = again(f"without {named[0]}")
        elif config.get("strict") and "strict" in text:
            config["strict"] = False
            run = again("strict: false (in strict mode Zensical stops at its first warnings)")
        elif ours:
            without_extensions(config, ours)
            run = again(f"without the project's own Markdown extensions ({', '.join(ours)})")
        else:
            break
    return run, changes


def zensical_version() -> str:
    try:
        result = subprocess.run([str(ZENSICAL), "--version"], capture_output=True, text=True, timeout=60)
    except OSError as error:
        sys.exit(f"Zensical could not run ({ZENSICAL.relative_to(ROOT)}): {error}")
    if result.returncode:
        sys.exit(f"Zensical could not run ({ZENSICAL.relative_to(ROOT)}):\n{result.stdout}{result.stderr}")
    return result.stdout.strip()


def file_name_path(page: PageMetadata) -> str:
    """Where Zensical puts a page: its folder and file name (it has no slugs, no languages)."""
    stem = Path(page.name).with_suffix("").as_posix()
    return f"{page.locale}/" if page.is_home else f"{page.locale}/{stem}/"


def presence(expected: bool, rendered: bool, raw: bool) -> str:
    if not expected:
        return "-"
    if rendered:
        return "ok"
    return "raw marker" if raw else "absent"


def row(page: PageMetadata, mkdocs_site: Path, zensical_site: Path) -> tuple[list[str], dict[str, bool]]:
    """A page's line of the table, and what is missing on it (for the summary)."""
    source = (ROOT / page.path).read_text(encoding="utf-8")
    mkdocs = read(page_output(mkdocs_site, page))
    slug_path, name_path = page_path(page), file_name_path(page)
    at_slug = (zensical_site / slug_path / "index.html").exists()
    built_at = slug_path if at_slug else name_path
    zensical = read(zensical_site / built_at / "index.html")
    label = f"{page.locale}/{page.name}"
    if zensical is None:
        return [label, "not built", "/" + slug_path, "", "", "", "", ""], {"absent": True}
    expected_citations = mkdocs.citations if mkdocs else 0
    if not expected_citations and not zensical.raw_citations:
        citations = "-"
    elif zensical.citations >= expected_citations and not zensical.raw_citations:
        citations = f"ok {zensical.citations}"
    else:
        citations = f"{zensical.citations}/{expected_citations}" + (
            f", {zensical.raw_citations} raw" if zensical.raw_citations else "")
    pain = presence(PAIN_CHECK_MARKER in source, zensical.pain_check, zensical.raw_pain_check)
    signs = presence(WARNING_SIGNS_MARKER in source, zensical.warning_signs, zensical.raw_warning_signs)
    expected_tooltips = mkdocs.tooltips if mkdocs else 0
    tooltips = "-" if not expected_tooltips else f"{zensical.tooltips}/{expected_tooltips}"
    lang = zensical.lang if zensical.lang == page.locale else f"{zensical.lang or 'none'} (not {page.locale})"
    missing = {
        "slug": not at_slug,
        "citations": citations not in ("-",) and not citations.startswith("ok"),
        "raw_citations": zensical.raw_citations > 0,
        "pain_check": pain not in ("-", "ok"),
        "warning_signs": signs not in ("-", "ok"),
        "raw_warning_signs": signs == "raw marker",
        "tooltips": bool(expected_tooltips) and zensical.tooltips < expected_tooltips,
        "lang": zensical.lang != page.locale,
    }
    url = "/" + built_at
    return [label, url, "yes" if at_slug else f"no (/{slug_path})", citations, pain, signs, tooltips,
            lang], missing


def table(rows: list[list[str]]) -> str:
    head = ["page", "Zensical URL", "at slug URL", "citations", "pain check", "warning signs",
            "tooltips", "lang"]
    widths = [max(len(line[i]) for line in [head, *rows]) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip()
             for line in [head, ["-" * width for width in widths], *rows]]
    return "\n".join(lines)


def summary(pages: list[PageMetadata], missing: list[dict[str, bool]], built_with: str) -> str:
    def count(key: str, among: list[dict[str, bool]] | None = None) -> int:
        return sum(1 for entry in (among if among is not None else missing) if entry.get(key))

    built = [entry for entry in missing if not entry.get("absent")]
    english = [entry for page, entry in zip(pages, missing) if page.locale != DEFAULT_LANGUAGE]
    english_built = [entry for entry in english if not entry.get("absent")]
    return (
        f"summary: Zensical built {len(built)} of {len(pages)} pages with {built_with}; "
        f"{count('slug', built)} not at their slug URL; "
        f"citations missing on {count('citations', built)} ({count('raw_citations', built)} with raw [@…]); "
        f"pain checker missing on {count('pain_check', built)}; warning signs missing on "
        f"{count('warning_signs', built)} ({count('raw_warning_signs', built)} raw markers); "
        f"tooltips missing on {count('tooltips', built)}; English pages: {len(english_built)} of "
        f"{len(english)} built, {count('lang', english_built)} without lang=\"en\"."
    )


def main() -> None:
    if not ZENSICAL.exists():
        sys.exit(f"Zensical is not installed ({ZENSICAL.relative_to(ROOT)} is missing): "
                 "run `make canary`, which creates .venv-zensical")
    version = zensical_version()
    print(f"Zensical {version} beside MkDocs: what a Zensical build of this site lacks, page by page.")
    print("Zensical reads mkdocs.yml and runs Python-Markdown extensions, but no MkDocs hooks or\n"
          "plugins (so no slugs, no languages of mkdocs-static-i18n). Information, not a test.\n")
    with tempfile.TemporaryDirectory(prefix="canary-") as tmp:
        mkdocs_site = Path(tmp) / "mkdocs-site"
        result = mkdocs_build(ROOT, mkdocs_site)
        if result.returncode:
            sys.exit("The MkDocs build failed, so there is nothing to compare with (see `make build`):\n"
                     f"{result.stdout}{result.stderr}")
        (Path(tmp) / "project").mkdir()
        project = copy_project(Path(tmp) / "project")
        run, changes = build_with_zensical(project)
        if run.failed:
            print("\nsummary: Zensical did not build the site, even with the changes above; "
                  "its errors are listed there.")
            return
        pages = all_page_metadata()
        rows: list[list[str]] = []
        missing: list[dict[str, bool]] = []
        for page in pages:
            line, lacks = row(page, mkdocs_site, project / "site")
            rows.append(line)
            missing.append(lacks)
        print("\nPer page (ok: as in the MkDocs build; n/m: Zensical n of MkDocs' m; -: not on that page):")
        print(table(rows))
        print()
        built_with = ("mkdocs.yml as it is" if not changes
                      else f"{len(changes)} change{'s' if len(changes) > 1 else ''} to mkdocs.yml (above)")
        print(summary(pages, missing, built_with))


if __name__ == "__main__":
    main()
