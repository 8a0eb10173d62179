"""Every built page is valid HTML according to the Nu HTML Checker (npm vnu-jar), unfiltered."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from heuppijn_site.tools.site_tools import ROOT

pytestmark = pytest.mark.tools  # Java and the Nu HTML Checker from npm

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_the_nu_html_checker_reports_no_errors(site):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("the Nu HTML Checker needs node_modules (npm ci) and Java: run `make test`",
                    pytrace=False)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 29, "expected every page of both languages and the 404 page"
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--format", "gnu", *map(str, pages)],
        capture_output=True, text=True, timeout=300,
    )
    report = (result.stdout + result.stderr).strip()
    assert result.returncode == 0 and report == "", report
