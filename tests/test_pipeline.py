"""The build's shape: the page-level features work as plain Python-Markdown extensions, the
site-level steps run on their own over a built folder, the order of mkdocs.yml cannot change the
site and a second build gives it byte for byte, and every data file is read once per build."""

from __future__ import annotations

import ast
import inspect
import json
import re
import shutil
import subprocess
import sys
from itertools import permutations
from pathlib import Path

import markdown
import markdown.preprocessors
import pytest
from heuppijn_site.content.citations_extension import CitationsExtension
from heuppijn_site.content.glossary_extension import GlossaryExtension
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.content.warning_signs_extension import WarningSignsExtension
from heuppijn_site.deploy import postbuild
from heuppijn_site.markdown_text import ORDER
from heuppijn_site.pain_rule.checker_extension import CheckerExtension
from heuppijn_site.pain_rule.diary_extension import DiaryExtension
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import ROOT, build_env, copy_project, mkdocs_build
from support.data_edits import data_edits
from support.project_copy import edit, mistake_in, warm_copy
from support.site import LANGUAGES

TEXTS = site_texts(ROOT, LANGUAGES)
SIGNS = load_warning_signs(ROOT / "data/warning_signs.yml", LANGUAGES)
PAGES = {
    "nl": "Oefenen helpt [@leap-2018].\n\nEen pees is sterk.\n\n<!-- warning-signs emergency -->\n\n<!-- pain-check -->\n\n"
          "<!-- pain-diary -->\n",
    "en": "Exercise helps [@leap-2018].\n\nA tendon is strong.\n\n<!-- warning-signs emergency -->\n\n<!-- pain-check -->\n\n"
          "<!-- pain-diary -->\n",
}
TERMS = {"nl": "pees", "en": "tendon"}
EXTENSIONS = (CitationsExtension, CheckerExtension, WarningSignsExtension, GlossaryExtension, DiaryExtension)


def bare(text: str, language: str, order: tuple[type, ...] = EXTENSIONS) -> str:
    """The page through plain Python-Markdown, outside MkDocs, with only the data files."""
    return markdown.markdown(
        text, extensions=["abbr", "attr_list", "md_in_html", "toc", *(ext(language=language) for ext in order)]
    )


@pytest.fixture(autouse=True)
def _from_the_project_root(monkeypatch):
    monkeypatch.chdir(ROOT)  # the extensions' default data paths are relative: data/…, overrides/


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_features_render_in_plain_python_markdown(language):
    html = bare(PAGES[language], language)
    labels = TEXTS[language].citations
    # The citation is a numbered link to the sources list, headed in the page's language.
    assert re.search(r'<sup class="citation" id="citation-1">\[<a href="#ref-leap-2018"[^>]*>1</a>\]</sup>', html)
    assert f'<h2 id="{labels["sources_id"]}">{labels["sources"]}</h2>' in html
    assert html.count('<li id="ref-') >= 2  # the page's source and the signs' sources
    # The 112 signs, in the page's language, and the checker with its advice table.
    assert re.findall(r'data-warning-level="(\w+)"', html) == ["emergency"]
    assert SIGNS.levels["emergency"].title[language] in html
    for sign in SIGNS.signs:
        if sign.level == "emergency":
            assert f'data-warning-sign="{sign.id}">{sign.text[language]}' in html
    assert "data-pain-check" in html and 'type="application/json"' in html
    # The diary, with the rule's table citing its sources as numbers.
    assert "data-pain-diary-data" in html and "<!-- pain-diary" not in html
    # The glossary explains the term on its first use, in the page's language.
    assert re.search(rf'<abbr [^>]*title="[^"]+"[^>]*>{TERMS[language]}</abbr>', html)
    assert "heuppijn:html" not in html and "[@" not in html and "<!-- pain-check" not in html


def orders(items: tuple) -> list[tuple]:
    """The rotations of the order and of its reverse: each item at every place, and each pair of
    items both ways round (10 orders of 5 items, not all 120)."""
    return [turned[i:] + turned[:i] for turned in (items, items[::-1]) for i in range(len(items))]


def test_the_order_of_the_extensions_does_not_change_the_page():
    every = orders(EXTENSIONS)
    assert all({order.index(ext) for order in every} == set(range(len(EXTENSIONS))) for ext in EXTENSIONS)
    assert all(any(o.index(a) < o.index(b) for o in every) for a, b in permutations(EXTENSIONS, 2))
    pages = {bare(PAGES["nl"], "nl", order) for order in every}
    assert len(pages) == 1


def test_without_the_page_language_an_extension_says_what_to_set():
    with pytest.raises(ValueError, match="no 'language' set"):
        markdown.markdown(PAGES["nl"], extensions=[CitationsExtension()])


class RenderingContext(markdown.Extension):
    """What Zensical adds to every page's Markdown (zensical/extensions/context.py): a
    preprocessor named "rendering_context" that does nothing but hold the page, whose `path` is
    the file below docs/ ("en/x.md"). `make canary` runs the real one."""

    def __init__(self, path: str) -> None:
        super().__init__()
        self.path = path

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        context = markdown.preprocessors.Preprocessor(md)
        context.run = lambda lines: lines
        context.page = type("Page", (), {"path": self.path, "url": ""})()
        md.preprocessors.register(context, "rendering_context", 0)


@pytest.mark.parametrize("language", LANGUAGES)
def test_in_zensical_the_extensions_take_the_language_from_the_pages_folder(language):
    inferred = markdown.markdown(PAGES[language], extensions=[
        RenderingContext(f"{language}/behandeling.md"), "abbr", "attr_list", "md_in_html", "toc",
        *(extension() for extension in EXTENSIONS)])
    assert inferred == bare(PAGES[language], language)
    with pytest.raises(ValueError, match="no 'language' set"):
        markdown.markdown(PAGES[language], extensions=[RenderingContext("behandeling.md"), CitationsExtension()])


def built_files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def test_the_site_level_steps_run_on_their_own_and_give_the_same_site(site, tmp_path):
    folder = tmp_path / "site"
    env = {**build_env(ROOT), "HEUPPIJN_SKIP_POSTBUILD": "1"}
    build = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(folder)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert build.returncode == 0, build.stderr
    assert not (folder / "_headers").exists() and not (folder / "robots.txt").exists()
    command = [sys.executable, "-m", "heuppijn_site.deploy.postbuild", str(folder), "--project", str(ROOT)]
    steps = subprocess.run(command, cwd=tmp_path, env=build_env(ROOT), capture_output=True, text=True, timeout=300)
    assert steps.returncode == 0, steps.stderr
    expected, got = built_files(site), built_files(folder)
    assert sorted(got) == sorted(expected)
    assert [name for name in expected if got[name] != expected[name]] == []
    # Twice on one folder would edit the edited files: it says so instead.
    again = subprocess.run(command, cwd=tmp_path, env=build_env(ROOT), capture_output=True, text=True, timeout=300)
    assert again.returncode == 1 and "already post-processed" in again.stderr and "Traceback" not in again.stderr


def test_mkdocs_yml_lists_its_extensions_in_any_order_and_a_build_is_the_same_every_time(site, tmp_path):
    """A second build, in another folder, with the extensions listed in the opposite order, gives
    the run's site byte for byte: a build depends neither on their order nor on where it runs or
    what ran before (no random order, address of an object or path in any file)."""
    (tmp_path / "project").mkdir()
    project = warm_copy(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    entries = re.findall(r"^  - heuppijn_site\.[^\n]*\n(?:      [^\n]*\n)*", config, re.MULTILINE)
    assert len(entries) == 6, entries
    reordered = config.replace("".join(entries), "".join(reversed(entries)))
    assert reordered != config
    (project / "mkdocs.yml").write_text(reordered, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    expected, got = built_files(site), built_files(tmp_path / "site")
    assert sorted(got) == sorted(expected)
    differing = [name for name in expected if got[name] != expected[name]]
    assert differing == [], f"these files differ between the two builds: {differing}"


def test_a_missing_extension_is_named_with_the_line_to_add(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    without = re.sub(r"^  - heuppijn_site\.content\.citations_extension:\n(?:      [^\n]*\n)*", "", config,
                     flags=re.MULTILINE)
    assert without != config
    (project / "mkdocs.yml").write_text(without, encoding="utf-8")
    assert "mkdocs.yml: add '- heuppijn_site.content.citations_extension' under markdown_extensions" in \
        mistake_in(project)  # found as the build reads mkdocs.yml (on_config), in this process


# Counts, in one build in this process: how often each data file is parsed, and how often the
# hooks make a Jinja environment (each one compiles every template anew).
COUNT_READS = """
import collections, json, sys, inspect
import heuppijn_site.data_files as data_files
import mkdocs.theme
reads = collections.Counter()
envs = collections.Counter()
read_yaml, read_yaml_nodes = data_files.read_yaml, data_files.read_yaml_nodes
def counting_read_yaml(path, display_path, error):
    reads[display_path] += 1
    return read_yaml(path, display_path, error)
def counting_read_yaml_nodes(path, display_path, error):
    reads[display_path] += 1
    return read_yaml_nodes(path, display_path, error)
data_files.read_yaml, data_files.read_yaml_nodes = counting_read_yaml, counting_read_yaml_nodes
get_env = mkdocs.theme.Theme.get_env
def counting_get_env(self):
    envs[inspect.stack()[1].filename.rsplit("/", 2)[-2]] += 1
    return get_env(self)
mkdocs.theme.Theme.get_env = counting_get_env
from mkdocs.__main__ import cli
sys.argv = ["mkdocs", "build", "-q", "-d", sys.argv[1]]
try:
    cli()
except SystemExit:
    pass
print(json.dumps({"reads": reads, "envs": envs}))
"""


def test_each_data_file_is_read_once_and_one_template_environment_made_per_build(tmp_path):
    result = subprocess.run([sys.executable, "-c", COUNT_READS, str(tmp_path / "site")], cwd=ROOT,
                            env=build_env(ROOT), capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    data_files = sorted(path.relative_to(ROOT).as_posix() for path in (ROOT / "data").glob("*.yml"))
    read = counts["reads"]
    assert {name: read.get(name, 0) for name in data_files if name != "data/published-urls.yml"} == {
        name: 1 for name in data_files if name != "data/published-urls.yml"}
    assert read.get("deploy/security-headers.yml") == 1
    # MkDocs makes one per language it builds; the site's own code one in all.
    assert counts["envs"].get("heuppijn_site") == 1, counts["envs"]


def test_a_label_changes_in_data_labels_yml_and_a_missing_one_is_named(data_edited, tmp_path):
    """data_edited: the project built with the Dutch sources heading changed (support/data_edits.py)."""
    page = (data_edited / "site/oorzaken/index.html").read_text(encoding="utf-8")
    label = data_edits().sources_label
    assert f'<h2 id="bronnen">{label}</h2>' in page and label != "Bronnen"
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    edit(project / "data/labels.yml", "    back: Back to the text\n", "")
    # Found as the build reads the data files (on_config), in this process.
    assert "data/labels.yml: 'citations.en.back' is missing" in mistake_in(project)


def readme_pipeline() -> list[list[str]]:
    """The rows of README's pipeline table: [number, when, step, code, data]."""
    section = (ROOT / "README.md").read_text(encoding="utf-8").split("## How it is made", 1)[1]
    return [[cell.strip() for cell in line.strip("|").split("|")]
            for line in section.splitlines() if re.match(r"^\| \d+ \|", line)]


def test_the_readme_shows_the_pipeline_as_the_code_runs_it():
    rows = readme_pipeline()
    assert [int(row[0]) for row in rows] == list(range(1, len(rows) + 1))
    for row in rows:  # every file it names exists
        for name in re.findall(r"`([\w/]+\.py)`", row[3]):
            assert (ROOT / name).exists() or (ROOT / "src/heuppijn_site" / name).exists(), name
    # The Markdown extensions, in the order they change a page's text.
    modules = {"warning_signs": "warning_signs_extension", "pain_check": "checker_extension",
               "pain_diary": "diary_extension", "glossary": "glossary_extension",
               "citations": "citations_extension"}
    rendering = [row[3] for row in rows if row[1] == "rendering"]
    # (The checker's first step, filling in the limit, is part of its row.)
    expected = [modules[step] for step in sorted(ORDER, key=ORDER.get, reverse=True) if step in modules]
    assert [next(m for m in modules.values() if m in code) for code in rendering] == expected
    # The site-level steps, in the order postbuild.run takes them.
    calls = [node.func.id for node in ast.walk(ast.parse(inspect.getsource(postbuild.run)))
             if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)]
    words = {"edit_theme_script": "theme's script", "remove_third_party_addresses": "other hosts",
             "split_search_index": "search index", "add_language_switch_maps": "language switch",
             "write_redirect_pages": "redirect page", "write_robots_txt": "robots.txt",
             "first_paint": "first paint", "write_security_headers": "Content-Security-Policy"}
    steps = [call for call in calls if call in words]
    site_level = [row[2] for row in rows if row[1].startswith("site-level")]
    assert len(site_level) == len(steps) == len(words)
    for step, text in zip(steps, site_level):
        assert words[step] in text, (step, text)


def test_the_edited_theme_script_is_named_after_what_it_holds(site):
    """Its name is the first 8 hex digits of its SHA-256, as the theme names its files, so a
    browser or CDN that keeps hashed files for a year never keeps an old one."""
    import hashlib

    bundles = list((site / "assets" / "javascripts").glob("bundle.*.min.js"))
    assert len(bundles) == 1
    bundle = bundles[0]
    assert bundle.name == f"bundle.{hashlib.sha256(bundle.read_bytes()).hexdigest()[:8]}.min.js"
    assert not list(bundle.parent.glob("bundle.*.map"))  # its old source map no longer matches
    for page in site.rglob("*.html"):
        for name in re.findall(r"assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)", page.read_text(encoding="utf-8")):
            assert name == bundle.name, page


def test_a_folder_the_steps_cannot_finish_is_never_half_changed(site, tmp_path):
    """A check that fails stops the steps before they change anything; a run that stopped
    halfway is refused with what to do, and so is a folder that is not a built site."""
    folder = tmp_path / "site"
    shutil.copytree(site, folder)
    (folder / "_headers").unlink()  # as if the steps had not run
    redirects = tmp_path / "project"
    shutil.copytree(ROOT / "data", redirects / "data")
    for name in ("deploy", "overrides", "docs"):
        shutil.copytree(ROOT / name, redirects / name)
    shutil.copy(ROOT / "mkdocs.yml", redirects / "mkdocs.yml")
    text = (redirects / "data/redirects.yml").read_text(encoding="utf-8")
    broken = re.sub(r"(to: nl/herstel\.md#)[\w-]+", r"\1no-such-section", text, count=1)
    assert broken != text
    (redirects / "data/redirects.yml").write_text(broken, encoding="utf-8")
    before = built_files(folder)
    command = [sys.executable, "-m", "heuppijn_site.deploy.postbuild", str(folder), "--project", str(redirects)]
    result = subprocess.run(command, env=build_env(ROOT), capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "no heading with id 'no-such-section'" in result.stderr, result.stderr
    assert built_files(folder) == before  # nothing changed
    (folder / ".postbuild-running").write_text("", encoding="utf-8")
    result = subprocess.run([*command[:4], "--project", str(ROOT)], env=build_env(ROOT), capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1 and "stopped halfway" in result.stderr and "Traceback" not in result.stderr
    result = subprocess.run([*command[:3], str(tmp_path / "nothing-here")], env=build_env(ROOT),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 1 and "not a built site" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(("written", "says"), [
    ("<!-- warning-sign -->", "'<!-- warning-sign -->' is not a marker the site knows"),
    ("<!-- Pain-check -->", "'<!-- Pain-check -->' is not a marker the site knows"),
    ("- een punt\n\n    <!-- pain-check -->", "'<!-- pain-check -->' must be alone on its line, at its start"),
])
def test_a_mistyped_or_indented_marker_stops_the_build_with_the_fix(tmp_path, written, says):
    project = copy_project(tmp_path)
    for language in LANGUAGES:  # in both, or the translations would already differ
        page = project / f"docs/{language}/oorzaken.md"
        page.write_text(page.read_text(encoding="utf-8") + f"\n{written}\n", encoding="utf-8")
    output = mistake_in(project)  # found as the build reads the pages (on_files), in this process
    assert re.search(rf"docs/(nl|en)/oorzaken\.md:\d+: {re.escape(says)}", output), output


@pytest.mark.parametrize("locale", ["en-GB", "en_XX", "english"])
def test_a_locale_babel_does_not_know_is_named_with_the_fix(tmp_path, locale):
    from heuppijn_site.site_texts import SiteTextsError, load_site_texts

    languages = tmp_path / "languages.yml"
    languages.write_text((ROOT / "data/languages.yml").read_text(encoding="utf-8").replace("en_GB", locale),
                         encoding="utf-8")
    with pytest.raises(SiteTextsError, match=rf"data/languages.yml: 'en.locale' is '{locale}', which is not a locale"):
        load_site_texts(ROOT / "data/labels.yml", languages, LANGUAGES)


@pytest.mark.parametrize("old, new, says", [
    ("  condition:\n    name: Greater trochanteric pain syndrome\n", "  conditions:\n    name: x\n",
     "'en.condition' is missing — add the condition's name and also_known_as"),
    ("    name: Greater trochanteric pain syndrome\n", "    name: ''\n", "'en.condition.name' is missing"),
    ("      - GTPS\n      - Pain on the outside of the hip\n      - Gluteal tendinopathy\n      - Trochanteric bursitis\n",
     "      GTPS\n", "'en.condition.also_known_as' must be a list of other names"),
])
def test_a_language_without_the_conditions_names_is_named_with_the_fix(tmp_path, old, new, says):
    from heuppijn_site.site_texts import SiteTextsError, load_site_texts

    text = (ROOT / "data/languages.yml").read_text(encoding="utf-8")
    assert old in text
    languages = tmp_path / "languages.yml"
    languages.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(SiteTextsError, match=re.escape(f"data/languages.yml: {says}")):
        load_site_texts(ROOT / "data/labels.yml", languages, LANGUAGES)


def test_mkdocs_yml_names_the_data_files_the_build_reads(site, tmp_path):
    (tmp_path / "project").mkdir()
    project = warm_copy(tmp_path / "project")
    (project / "data/glossary.yml").rename(project / "data/terms.yml")
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    moved = config.replace("      glossary: data/glossary.yml\n", "      glossary: data/terms.yml\n")
    assert moved != config
    (project / "mkdocs.yml").write_text(moved, encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert built_files(tmp_path / "site")["begrippen/index.html"] == built_files(site)["begrippen/index.html"]
    # Two extensions that share a file must name the same one.
    (project / "mkdocs.yml").write_text(moved.replace("      references: data/references.yml\n",
                                                      "      references: data/other.yml\n", 1), encoding="utf-8")
    # Found as the build reads mkdocs.yml (on_config), in this process.
    assert "the Markdown extensions name different files for the same data" in mistake_in(project)


def test_a_wrong_placeholder_below_the_warning_signs_is_named_at_its_own_line(tmp_path):
    """Found as the page is rendered: a whole build, as an editor runs it."""
    (tmp_path / "project").mkdir()
    project = warm_copy(tmp_path / "project")
    page = project / "docs/nl/index.md"
    lines = page.read_text(encoding="utf-8").split("\n")
    below = next(number for number, line in enumerate(lines) if line.startswith("<!-- warning-signs")) + 2
    lines.insert(below, "Tot {{ pijngrens }} mag het.")
    page.write_text("\n".join(lines), encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert f"docs/nl/index.md:{below + 1}: unknown placeholder '{{{{ pijngrens }}}}'" in output, output
