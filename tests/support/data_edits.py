"""Changes an editor makes to the data files that change what the built site shows, all in one
copy of the project, built once for the run (session fixture `data_edited` in conftest.py): each
edit is in a file of its own and touches nothing another one checks, so one build serves them all.
Each test asserts on its own edit's effect (test_warning_signs.py, test_editor_errors.py,
test_pipeline.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from heuppijn_site.content.warning_signs import LEVELS, load_warning_signs
from heuppijn_site.tools.site_tools import ROOT, mkdocs_build
from support.project_copy import edit, warm_copy
from support.site import LANGUAGES

# A warning sign made one level more urgent (an editor may always make a sign more urgent).
SIGN = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES).sign("pain-with-every-step")
SIGN_LEVEL = LEVELS[max(LEVELS.index(SIGN.level) - 1, 0)] if SIGN.level != "emergency" else "urgent"
# The pain limit one lower.
PAIN_LIMIT = int(re.search(r"^pain_limit: (\d+)$", (ROOT / "data/pain_rules.yml").read_text(encoding="utf-8"),
                           re.M).group(1)) - 1
# The Dutch heading of a page's list of sources, in data/labels.yml.
SOURCES_LABEL = "Waar dit op steunt"


def build_with_data_edits(project: Path) -> None:
    """`project`: a copy of the project with the edits above, built into project/site."""
    project.mkdir()
    warm_copy(project)
    edit(project / "data/warning_signs.yml", f"  - id: {SIGN.id}\n    level: {SIGN.level}\n",
         f"  - id: {SIGN.id}\n    level: {SIGN_LEVEL}\n")
    edit(project / "data/pain_rules.yml", f"pain_limit: {PAIN_LIMIT + 1}\n", f"pain_limit: {PAIN_LIMIT}\n")
    edit(project / "data/labels.yml", "    sources: Bronnen\n", f"    sources: {SOURCES_LABEL}\n")
    result = mkdocs_build(project, project / "site")
    if result.returncode != 0:
        pytest.fail(f"the build with the data edits failed:\n{result.stderr}", pytrace=False)
