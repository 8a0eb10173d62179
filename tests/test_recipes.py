"""CONTRIBUTING.md's recipes, followed to the letter in a copy of the project, each ending with
the strict build of `make check` passing and the change on the built pages. A recipe that needs
a step it does not state fails here."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from heuppijn_site.project import DATA_FILES
from heuppijn_site.tools.published_urls import unlisted
from heuppijn_site.tools.site_tools import ROOT, build_env
from support.project_copy import edit

pytestmark = pytest.mark.slow

SKIP = shutil.ignore_patterns(".git", ".venv*", "node_modules", "site", "audit-report", "screenshots",
                              ".pytest_cache", "__pycache__", "*.egg-info")
RECIPES = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    return copy


def recipe(title: str) -> str:
    """The recipe's text, so a test notices when the recipe it follows is rewritten."""
    match = re.search(rf"^## {re.escape(title)}\n(.*?)(?=^## )", RECIPES, re.S | re.M)
    assert match, f"CONTRIBUTING.md has no recipe '## {title}'"
    return match.group(1)


def make_check(project: Path) -> None:
    """The strict build of `make check` (its Makefile recipe), in the copy: an editor's step the
    recipe forgets stops it with the file and the fix. The quick tests are not run again on each
    copy: they check the same project in the main run, and what a recipe changes is asserted
    here, on the built pages."""
    commands = re.search(r"^check:.*?\n((?:\t.*\n)+)", (project / "Makefile").read_text(), re.M).group(1)
    assert "mkdocs build --strict" in commands
    argv = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", "site"]
    result = subprocess.run(argv, cwd=project, env=build_env(project), capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, f"the strict build failed:\n{result.stdout[-4000:]}\n{result.stderr[-2000:]}"


def built(project: Path, path: str) -> str:
    return (project / "site" / path / "index.html").read_text(encoding="utf-8")


def test_change_the_pain_rules_limit(project):
    text = recipe("Change the pain rule's limit")
    assert "change `pain_limit: 4` to `pain_limit: 3`" in text
    edit(project / "data/pain_rules.yml", "pain_limit: 4", "pain_limit: 3")
    make_check(project)
    for path, words in (("pijnregel", "tot een 3 op een schaal van 0 tot 10"), ("", "tot een 3 op een schaal"),
                        ("en/pain-rule", "up to 3 on a scale of 0 to 10"), ("en/faq", "up to 3 on a scale")):
        html = built(project, path)
        assert words in html, path
        assert "tot een 4 op een schaal" not in html and "up to 4 on a scale" not in html, path


def test_change_a_word_the_site_puts_around_the_text(project):
    text = recipe("Change a word the site puts around the text")
    assert "change `sources: Bronnen` to\n   `sources: Waar dit op steunt`" in text
    edit(project / "data/labels.yml", "    sources: Bronnen\n", "    sources: Waar dit op steunt\n")
    make_check(project)
    for path in ("oorzaken", "behandeling"):
        assert '<h2 id="bronnen">Waar dit op steunt</h2>' in built(project, path), path
    assert '<h2 id="sources">Sources</h2>' in built(project, "en/causes")


def test_add_a_page(project):
    text = recipe("Add a page")
    assert "docs/nl/klachten.md` to\n   `docs/nl/zwangerschap.md`" in text
    # 1. Copy a short page in both languages.
    for lang in ("nl", "en"):
        shutil.copy(project / f"docs/{lang}/klachten.md", project / f"docs/{lang}/zwangerschap.md")
    # 2. A new title, description and slug; today's date in reviewed, a year later in next_review.
    for lang, title, slug in (("nl", "Heuppijn en zwangerschap", "zwangerschap"),
                              ("en", "Hip pain and pregnancy", "pregnancy")):
        page = project / f"docs/{lang}/zwangerschap.md"
        source = page.read_text(encoding="utf-8")
        source = re.sub(r"^title: .*$", f"title: {title}", source, count=1, flags=re.M)
        source = re.sub(r"^description: .*$", f"description: {title}, in short.", source, count=1, flags=re.M)
        source = re.sub(r"^slug: .*$", f"slug: {slug}", source, count=1, flags=re.M)
        source = re.sub(r"^reviewed: .*$", "reviewed: 2026-11-30", source, count=1, flags=re.M)
        source = re.sub(r"^next_review: .*$", "next_review: 2027-11-30", source, count=1, flags=re.M)
        # 3. Keep the structure: the title, the summary box, then sections with fixed ids.
        source = re.sub(r"^# .*$", f"# {title}", source, count=1, flags=re.M)
        page.write_text(source, encoding="utf-8")
    # 5. Add the file name to nav: in mkdocs.yml, once.
    edit(project / "mkdocs.yml", "  - over.md\n", "  - zwangerschap.md\n  - over.md\n")
    # 6. Link to it from the home pages as the other topics are.
    for lang, label in (("nl", "Zwangerschap"), ("en", "Pregnancy")):
        home = project / f"docs/{lang}/index.md"
        source = home.read_text(encoding="utf-8")
        last = [line for line in source.splitlines() if line.startswith("<li markdown>[")][-1]
        edit(home, last, last + f"\n<li markdown>[{label}](zwangerschap.md)<br>{label}.</li>")
    # 7. Run make published-urls.
    result = subprocess.run([sys.executable, "-m", "heuppijn_site.tools.published_urls"], cwd=project,
                            env=build_env(project), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    # 8. Run make check.
    make_check(project)
    assert "Heuppijn en zwangerschap" in built(project, "zwangerschap")
    assert "Hip pain and pregnancy" in built(project, "en/pregnancy")
    # Step 7 listed the new addresses, as the published-addresses test wants.
    listed = yaml.safe_load((project / DATA_FILES["published_urls"]).read_text(encoding="utf-8"))
    assert {"/zwangerschap/", "/en/pregnancy/"} <= set(listed)
    assert unlisted({url: anchors or [] for url, anchors in listed.items()}, project / "site", project) == []


def test_add_a_source(project):
    text = recipe("Add a source")
    assert "copy an entry of the same kind (a journal article:\n   `leap-2018`)" in text
    references = project / "data/references.yml"
    source = references.read_text(encoding="utf-8")
    # 1. Copy an entry of the same kind; 2. a new id; 3. the fields and a note.
    entry = re.search(r"^- id: leap-2018\n.*?(?=^- id: )", source, re.S | re.M).group(0)
    new = (entry.replace("id: leap-2018", "id: smith-2026")
           .replace(re.search(r"title: .*", entry).group(0), 'title: "Exercise for gluteal tendinopathy: a review"')
           .replace(re.search(r"DOI: .*", entry).group(0), "DOI: 10.1000/example.2026.1"))
    new = re.sub(r"issued: \d+", "issued: 2026", new)
    references.write_text(source.rstrip("\n") + "\n\n" + new, encoding="utf-8")
    # 4. Cite it on the page it supports, in both languages.
    for lang in ("nl", "en"):
        page = project / f"docs/{lang}/behandeling.md"
        first_cited = re.search(r"\[@leap-2018\]", page.read_text(encoding="utf-8"))
        assert first_cited, page
        edit(page, "[@leap-2018]", "[@leap-2018; @smith-2026]")
    # 5. Run make check.
    make_check(project)
    assert "Exercise for gluteal tendinopathy: a review" in built(project, "behandeling")


def test_change_a_warning_signs_level(project):
    text = recipe("Change a warning sign, or how urgent it is")
    assert "`- id: pain-with-every-step`) and change\n   `level: soon` to `level: urgent`" in text
    edit(project / "data/warning_signs.yml", "  - id: pain-with-every-step\n    level: soon\n",
         "  - id: pain-with-every-step\n    level: urgent\n")
    make_check(project)
    html = built(project, "wanneer-contact")
    urgent_box = html[html.index('data-warning-level="urgent"'):html.index('data-warning-level="soon"')]
    assert 'data-warning-sign="pain-with-every-step"' in urgent_box
