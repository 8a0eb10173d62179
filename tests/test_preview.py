"""`make serve` follows every edit: a change to a data file or to the hooks' code shows in the
preview without restarting it."""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request

import pytest
from heuppijn_site.tools.site_tools import build_env, copy_project, free_port
from support.project_copy import edit

pytestmark = pytest.mark.slow


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(url: str, text: str, process: subprocess.Popen, seconds: float = 120) -> str:
    """The page once it contains `text` (a state, polled; the limit only stops a broken run)."""
    deadline = time.monotonic() + seconds
    page = None
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"mkdocs serve stopped:\n{process.stdout.read()}")
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(0.3)
    pytest.fail(f"{url} never showed {text!r}; last seen:\n{(page or '')[:500]}")


def test_the_preview_rebuilds_when_data_or_code_changes(tmp_path):
    project = copy_project(tmp_path)
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=build_env(project), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/pijnregel/"
        limit = int(re.search(r"^pain_limit: (\d+)$", (project / "data/pain_rules.yml").read_text(), re.M).group(1))
        wait_for(url, f"tot een {limit} op een schaal van 0 tot 10", process)
        # A data file: the pain limit.
        edit(project / "data/pain_rules.yml", f"pain_limit: {limit}", f"pain_limit: {limit - 1}")
        page = wait_for(url, f"tot een {limit - 1} op een schaal van 0 tot 10", process)
        assert f"tot een {limit} op een schaal" not in page
        # Another data file: a level's words, as the contact page shows them.
        edit(project / "data/warning_signs.yml", "nl: Bel nu 112\n", "nl: Bel direct 112\n")
        # (112 in it is a link to call, so the page has "Bel direct <a …>112</a>".)
        wait_for(f"http://127.0.0.1:{port}/wanneer-contact/", "Bel direct <a", process)
        # The hooks' own code (a logic module a hook imports), not a copy cached from the first build.
        edit(project / "src/heuppijn_site/pain_rule/pain_rules.py", '{"pain_limit": 0, "pain_limit + 1": 1}',
             '{"pain_limit": 5, "pain_limit + 1": 6}')
        wait_for(url, f"tot een {limit - 1 + 5} op een schaal van 0 tot 10", process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
