"""The Python code has no unused or undefined names and no syntax errors (ruff)."""

from __future__ import annotations

import subprocess
import sys

from heuppijn_site.tools.site_tools import ROOT


def test_ruff_finds_no_mistakes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "hooks", "tests", "src"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
