"""The deployment workflow tests before it publishes, and publishes the strict build."""

from __future__ import annotations

import re

import yaml
from heuppijn_site.tools.site_tools import ROOT


def test_the_workflow_tests_then_publishes_the_strict_build():
    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    test_steps = workflow["jobs"]["test"]["steps"]
    commands = [step.get("run", "") for step in test_steps]
    assert any("make test" in command for command in commands)
    assert any("make build" in command for command in commands)
    assert commands.index(next(c for c in commands if "make test" in c)) < \
        commands.index(next(c for c in commands if "make build" in c))
    upload = next(step for step in test_steps if "upload-pages-artifact" in step.get("uses", ""))
    assert upload["with"]["path"] == "site"
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "test"
    assert "deploy-pages" in publish["steps"][0]["uses"]
    recipe = re.search(r"^build:.*\n\t(.*)", (ROOT / "Makefile").read_text(encoding="utf-8"), re.MULTILINE)
    assert "mkdocs build --strict" in recipe.group(1)
