"""An editor's mistake fails the build with the file, the line and the fix.

Each test builds a temporary copy of the project with one mistake in it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from site_tools import copy_project, mkdocs_build


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_project(tmp_path)


def build_fails(project: Path) -> str:
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should fail but passed:\n{output}"
    assert "Traceback" not in output, f"an editor should get a message, not a traceback:\n{output}"
    return output


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_malformed_review_date_names_the_file_line_and_format(project):
    edit(project / "docs/en/index.md", "reviewed: 2026-11-22", "reviewed: 22-11-2026")
    output = build_fails(project)
    assert "docs/en/index.md:5: front matter 'reviewed' must be a date like 2026-11-22" in output


def test_a_missing_description_names_the_file_and_what_to_add(project):
    path = project / "docs/nl/wanneer-contact.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("description:")),
                    encoding="utf-8")
    output = build_fails(project)
    assert "docs/nl/wanneer-contact.md:1: front matter 'description' is missing" in output
    assert "add a line 'description: …'" in output


def test_a_page_missing_in_one_language_fails_the_build(project):
    (project / "docs/en/wanneer-contact.md").unlink()
    output = build_fails(project)
    assert "docs/nl/wanneer-contact.md: has no translation — add docs/en/wanneer-contact.md" in output


def test_a_page_outside_the_language_folders_fails_the_build(project):
    (project / "docs/stray.md").write_text("# Stray\n", encoding="utf-8")
    output = build_fails(project)
    assert "docs/stray.md: pages belong in a language folder — move it to docs/nl/ or docs/en/" in output


def test_a_slug_used_twice_fails_the_build(project):
    edit(project / "docs/en/wanneer-contact.md", "slug: when-to-get-help", "slug: index")
    (project / "docs/nl/extra.md").write_text(
        (project / "docs/nl/wanneer-contact.md").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "docs/en/extra.md").write_text(
        (project / "docs/en/wanneer-contact.md").read_text(encoding="utf-8"), encoding="utf-8")
    output = build_fails(project)
    assert "docs/nl/wanneer-contact.md: slug 'wanneer-contact' is already used by docs/nl/extra.md" in output
