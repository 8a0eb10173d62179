"""The Python code has no unused or undefined names and no syntax errors (ruff)."""

from __future__ import annotations

import ast
import subprocess
import sys

from heuppijn_site.tools.site_tools import ROOT


def test_ruff_finds_no_mistakes():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "hooks", "tests", "src"],
        cwd=ROOT, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_test_modules_import_only_the_package_and_tests_support():
    """Shared test code lives in tests/support/ (and fixtures in conftest.py), never in a test
    module that another imports."""
    imports = {}
    for path in sorted((ROOT / "tests").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([node.module or ""] if isinstance(node, ast.ImportFrom)
                     else [alias.name for alias in node.names] if isinstance(node, ast.Import) else [])
            for name in names:
                if name.split(".")[0].startswith("test_") or name.split(".")[0] in ("conftest", "html_tree"):
                    imports.setdefault(path.name, []).append(name)
    assert imports == {}
