"""Changes an editor makes to the data files that change what the built site shows, all in one
copy of the project, built once for the run (session fixture `data_edited` in conftest.py): each
edit is in a file of its own and touches nothing another one checks, so one build serves them all.
Each test asserts on its own edit's effect (test_warning_signs.py, test_editor_errors.py,
test_pipeline.py). The edits are worked out when a test asks (never as the tests are collected:
a mistake in the data files then fails the tests that need them, not the whole run)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from heuppijn_site.content.warning_signs import LEVELS, Sign, load_warning_signs
from heuppijn_site.tools.site_tools import ROOT, mkdocs_build
from support.project_copy import edit, warm_copy
from support.site import LANGUAGES


@dataclass(frozen=True)
class DataEdits:
    sign: Sign  # this sign …
    sign_level: str  # … made one level more urgent (an editor may always make a sign more urgent)
    pain_limit: int  # the pain limit, one lower
    sources_label: str  # the Dutch heading of a page's list of sources (data/labels.yml)


@functools.cache
def data_edits() -> DataEdits:
    sign = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES).sign("pain-with-every-step")
    limit = re.search(r"^pain_limit: (\d+)$", (ROOT / "data/pain_rules.yml").read_text(encoding="utf-8"), re.M)
    assert limit, "data/pain_rules.yml: no 'pain_limit: N' line"
    return DataEdits(sign=sign,
                     sign_level=LEVELS[max(LEVELS.index(sign.level) - 1, 0)] if sign.level != "emergency" else "urgent",
                     pain_limit=int(limit.group(1)) - 1,
                     sources_label="Waar dit op steunt")


def build_with_data_edits(project: Path) -> None:
    """`project`: a copy of the project with data_edits(), built into project/site."""
    edits = data_edits()
    project.mkdir()
    warm_copy(project)
    edit(project / "data/warning_signs.yml", f"  - id: {edits.sign.id}\n    level: {edits.sign.level}\n",
         f"  - id: {edits.sign.id}\n    level: {edits.sign_level}\n")
    edit(project / "data/pain_rules.yml", f"pain_limit: {edits.pain_limit + 1}\n", f"pain_limit: {edits.pain_limit}\n")
    edit(project / "data/labels.yml", "    sources: Bronnen\n", f"    sources: {edits.sources_label}\n")
    result = mkdocs_build(project, project / "site")
    if result.returncode != 0:
        pytest.fail(f"the build with the data edits failed:\n{result.stderr}", pytrace=False)
