"""An editor's mistake fails the build with the file, the line and the fix.

Each test breaks a temporary copy of the project. Most mistakes are found where MkDocs' build
reads and checks the data files and the pages (on_config, on_files): those tests run the build in
this process only that far (support.project_copy.read_and_checked) and read the message it stops
with. Three builds of a whole copy, with `mkdocs build --strict` as an editor runs it, show that
a message reaches the editor with its file and line and without a traceback: one with a mistake
found while reading (an unknown citation key), one with the mistakes MkDocs finds only while it
renders the pages (links) or that are warnings (a reference no page cites), all reported by the
one build, and one with another pain limit, which must build and change the checker.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import ROOT, copy_project, mkdocs_build
from support.data_edits import data_edits
from support.project_copy import edit, mistake_in, warm_copy


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy to break; the tests that build it whole ask for `warm_project` instead."""
    return copy_project(tmp_path)


@pytest.fixture
def warm_project(tmp_path: Path, site) -> Path:
    """A copy with the build cache of the run's build of the site, for a whole build."""
    return warm_copy(tmp_path)


def build_fails(project: Path) -> str:
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, f"the build should fail but passed:\n{output}"
    assert "Traceback" not in output, f"an editor should get a message, not a traceback:\n{output}"
    return output


def test_a_malformed_review_date_names_the_file_line_and_format(project):
    page = project / "docs/en/index.md"
    reviewed = re.search(r"^reviewed: .*$", page.read_text(encoding="utf-8"), re.M).group(0)
    edit(page, reviewed, "reviewed: 22-11-2026")
    output = mistake_in(project)
    assert "docs/en/index.md:5: front matter 'reviewed' must be a date like 2026-11-22" in output


def test_a_missing_description_names_the_file_and_what_to_add(project):
    path = project / "docs/nl/wanneer-contact.md"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("description:")),
                    encoding="utf-8")
    output = mistake_in(project)
    assert "docs/nl/wanneer-contact.md:1: front matter 'description' is missing" in output
    assert "add a line 'description: …'" in output


def test_a_page_missing_in_one_language_fails_the_build(project):
    (project / "docs/en/wanneer-contact.md").unlink()
    output = mistake_in(project)
    assert "docs/nl/wanneer-contact.md: has no translation — add docs/en/wanneer-contact.md" in output


def test_a_page_outside_the_language_folders_fails_the_build(project):
    (project / "docs/stray.md").write_text("# Stray\n", encoding="utf-8")
    output = mistake_in(project)
    assert "docs/stray.md: pages belong in a language folder — move it to docs/nl/ or docs/en/" in output


def test_a_slug_used_twice_fails_the_build(project):
    edit(project / "docs/en/wanneer-contact.md", "slug: when-to-get-help", "slug: index")
    (project / "docs/nl/extra.md").write_text(
        (project / "docs/nl/wanneer-contact.md").read_text(encoding="utf-8"), encoding="utf-8")
    (project / "docs/en/extra.md").write_text(
        (project / "docs/en/wanneer-contact.md").read_text(encoding="utf-8"), encoding="utf-8")
    output = mistake_in(project)
    assert "docs/nl/wanneer-contact.md: slug 'wanneer-contact' is already used by docs/nl/extra.md" in output


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)


def test_an_unknown_citation_key_names_file_line_and_suggestion(warm_project):
    project = warm_project
    page = project / "docs/nl/behandeling.md"
    edit(page, "@leap-2018", "@leap-2019")
    output = build_fails(project)  # a whole build, as an editor runs it
    line = line_of(page, "@leap-2019")
    assert f"docs/nl/behandeling.md:{line}: unknown reference 'leap-2019' — did you mean 'leap-2018'?" in output


def test_a_malformed_citation_is_reported_not_printed(project):
    page = project / "docs/en/oorzaken.md"
    text = page.read_text(encoding="utf-8")
    line = text[: text.index("[@practice-gtps-page]")].count("\n") + 1
    edit(page, "[@practice-gtps-page]", "[@practice-gtps-page")
    output = mistake_in(project)
    assert f"docs/en/oorzaken.md:{line}: malformed citation '[@practice-gtps-page" in output


def test_a_reference_without_title_fails_the_build(project):
    edit(project / "data/references.yml", "  title: Prognosis of trochanteric pain in primary care\n", "")
    output = mistake_in(project)
    assert "data/references.yml:" in output and "entry 'lievense-2005' has no 'title'" in output


def test_twins_citing_different_sources_fail_the_build(project):
    edit(project / "docs/en/klachten.md", "@kngf-artrose-heup-knie-2018]", "@nhg-pijn]")
    output = mistake_in(project)
    assert "docs/en/klachten.md and docs/nl/klachten.md must cite the same sources" in output


def current_limit(project: Path) -> int:
    return int(re.search(r"^pain_limit: (\d+)$", (project / "data/pain_rules.yml").read_text(encoding="utf-8"),
                         re.M).group(1))


def test_a_pain_limit_outside_the_scale_fails_the_build(project):
    edit(project / "data/pain_rules.yml", f"pain_limit: {current_limit(project)}", "pain_limit: 12")
    output = mistake_in(project)
    assert "data/pain_rules.yml: 'pain_limit' must be a whole number from 0 to 10 (got 12)" in output


def test_a_missing_translation_in_the_rules_fails_the_build(project):
    rules = project / "data/pain_rules.yml"
    # The English title of the first level (levels → stop → title → en), whatever its words.
    text = rules.read_text(encoding="utf-8")
    english = re.search(r"^levels:\n  stop:\n    title:\n      nl: .*\n(      en: .*\n)", text, re.M)
    assert english, "data/pain_rules.yml no longer starts its levels with stop's title"
    edit(rules, english.group(1), "")
    output = mistake_in(project)
    assert "data/pain_rules.yml: 'levels.stop.title.en' is missing — add the text in that language" in output


def test_another_limit_in_the_data_changes_the_built_checker(data_edited):
    """data_edited: the project built with the pain limit one lower (support/data_edits.py)."""
    project, limit = data_edited, data_edits().pain_limit
    assert current_limit(project) == limit == current_limit(ROOT) - 1
    html = (project / "site/pijnregel/index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r"<script type=\"application/json\" data-pain-check-data[^>]*>(.*?)</script>",
                                html, re.S).group(1))
    options = data["options"]
    cell = data["table"][0][options["pain"].index(str(limit + 1)) + 1][options["next_day"].index("same") + 1]
    cell = cell[options["trend"].index("better") + 1][options["weeks"].index("under-2") + 1]
    assert data["outcomes"][cell] == "adjust pain_above_limit"
    assert f"hoger dan {limit} op 10" in html


# Mistakes MkDocs finds only as it renders the pages (links), or that are warnings: a strict build
# reports each and goes on, and stops at its end. One build of one copy with all of them.

@pytest.fixture(scope="module")
def warned(tmp_path_factory: pytest.TempPathFactory, site) -> str:
    """The output of a strict build of a copy with three mistakes that are each a warning. (After
    the run's build of the site, whose build cache the copy starts from.)"""
    project = warm_copy(tmp_path_factory.mktemp("warned"))
    edit(project / "docs/en/klachten.md", "(onderzoek.md)", "(onderzoekk.md)")
    edit(project / "docs/nl/veelgestelde-vragen.md", "(wat-is-gtps.md#geen-slijmbeursontsteking)",
         "(wat-is-gtps.md#geen-slijmbeurs)")
    with (project / "data/references.yml").open("a", encoding="utf-8") as bibliography:
        bibliography.write("\n- id: unused-2020\n  category: research\n  title: Unused\n  issued: 2020\n")
    output = build_fails(project)
    # Each of the three reported on its own (none stopped the build before another was found),
    # and the strict build stopped on them.
    assert len(re.findall(r"^WARNING ", output, re.M)) == 3, output
    assert re.search(r"Aborted with \d+ warnings? in strict mode", output), output
    return output


def test_a_reference_no_page_cites_fails_the_strict_build(warned):
    assert "data/references.yml: reference 'unused-2020' is not cited on any page" in warned


def test_a_link_to_a_missing_page_fails_the_build(warned):
    assert "Doc file 'en/klachten.md' contains a link 'onderzoekk.md'" in warned
    assert "is not found among documentation files" in warned


def test_a_link_to_a_missing_section_fails_the_build(warned):
    assert "Doc file 'nl/veelgestelde-vragen.md' contains a link 'wat-is-gtps.md#geen-slijmbeurs'" in warned
    assert "does not contain an anchor '#geen-slijmbeurs'" in warned


def test_a_mistyped_citation_in_a_warning_sign_names_the_data_file_and_its_line(project):
    signs = project / "data/warning_signs.yml"
    lines = signs.read_text(encoding="utf-8").splitlines(keepends=True)
    # The last sign's source, so the line must be that sign's own, not the first of its work's uses.
    number = max(n for n, line in enumerate(lines) if re.match(r"\s+source: \"\[@[^\]]+\]\"", line))
    key = re.search(r"\[@([^\];]+)", lines[number]).group(1)
    lines[number] = lines[number].replace(f"@{key}", f"@{key}x")
    signs.write_text("".join(lines), encoding="utf-8")
    output = mistake_in(project)
    assert f"data/warning_signs.yml:{number + 1}: unknown reference '{key}x' — did you mean '{key}'?" in output


def test_a_malformed_citation_in_the_pain_rule_names_the_data_file_and_its_line(project):
    rules = project / "data/pain_rules.yml"
    line = line_of(rules, "pain_limit_source:")
    text = rules.read_text(encoding="utf-8")
    end = text.index("]", text.index("pain_limit_source:"))
    rules.write_text(text[:end] + text[end + 1:], encoding="utf-8")  # its citation not closed
    output = mistake_in(project)
    assert f"data/pain_rules.yml:{line}: malformed citation '[@" in output
