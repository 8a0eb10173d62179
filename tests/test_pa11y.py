"""A second accessibility engine beside axe: pa11y runs HTML_CodeSniffer (standard WCAG 2 AA) on
every page in both languages and on the not-found page, in Debian's Chromium. Zero errors."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from heuppijn_site.tools.site_tools import CHROMIUM, CHROMIUM_ARGS, ROOT, all_page_metadata, page_path

pytestmark = pytest.mark.tools  # Node, pa11y from npm, Debian's Chromium

RUNNER = ROOT / "tests" / "pa11y_pages.js"
PA11Y = ROOT / "node_modules" / "pa11y" / "package.json"


def test_html_codesniffer_finds_no_error_on_any_page(base_url):
    if not PA11Y.exists() or not shutil.which("node"):
        pytest.fail("pa11y needs Node and node_modules (PUPPETEER_SKIP_DOWNLOAD=true npm ci): run `make test`",
                    pytrace=False)
    urls = [base_url + page_path(page) for page in all_page_metadata()] + [base_url + "does/not/exist/"]
    result = subprocess.run(
        ["node", str(RUNNER), json.dumps({"executablePath": CHROMIUM, "args": CHROMIUM_ARGS, "urls": urls})],
        capture_output=True, text=True, timeout=900, cwd=ROOT,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert sorted(report) == sorted(urls), "pa11y did not test every page"
    errors = [f"{url.removeprefix(base_url) or '/'}: {issue['code']} at {issue['selector']}: {issue['message']}"
              for url, issues in report.items() for issue in issues]
    assert errors == [], "\n".join(errors)
