"""The build cache (src/heuppijn_site/build_cache.py): what a build worked out is used again only
for the same input, and a build with it gives the same bytes as one without. A cache that is
missing, damaged, from other code or other input, or that cannot be written, costs time and
nothing else."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jinja2
import pytest
from heuppijn_site.build_cache import CACHE_ENV, StepCache, cache_folder, content_key, template_cache
from heuppijn_site.theme import first_paint
from heuppijn_site.theme.first_paint import load_script_states, optimise_first_paint
from heuppijn_site.tools.site_tools import ROOT, build_env, copy_project

STATES = """\
states:
  - what: a fold-out opened
    tokens: ["[open]"]
    when: browser
"""
CSS = ".a{color:red}.b{color:blue}details[open] .c{margin:0}.missing{top:0}@media print{.b{color:gray}}"


def valid(value: object) -> bool:
    return isinstance(value, str)


# The store -----------------------------------------------------------------------------------

def test_content_keys_differ_when_the_parts_differ_even_if_their_text_joins_the_same():
    assert content_key("ab", "c") != content_key("a", "bc")
    assert content_key("x") == content_key(b"x")
    assert content_key("x") != content_key("y")


def test_an_entry_is_used_again_only_with_the_same_version(tmp_path):
    cache = StepCache(tmp_path, "step", "v1")
    assert cache.get("k", valid) is None
    cache.put("k", "result")
    cache.save()
    assert StepCache(tmp_path, "step", "v1").get("k", valid) == "result"
    assert StepCache(tmp_path, "step", "v2").get("k", valid) is None  # other code or input
    assert StepCache(tmp_path, "other-step", "v1").get("k", valid) is None


def test_an_entry_of_the_wrong_shape_is_not_used(tmp_path):
    cache = StepCache(tmp_path, "step", "v1")
    cache.put("k", ["not", "a", "string"])
    cache.save()
    assert StepCache(tmp_path, "step", "v1").get("k", valid) is None


@pytest.mark.parametrize("content", ["", "{not json", "[]", '{"version": "v1", "entries": []}', "\x00\xff"])
def test_a_damaged_cache_file_is_ignored(tmp_path, content):
    (tmp_path / "step.json").write_text(content, encoding="utf-8", errors="surrogateescape")
    cache = StepCache(tmp_path, "step", "v1")
    assert cache.get("k", valid) is None
    cache.put("k", "result")
    cache.save()  # and replaced by a good one
    assert StepCache(tmp_path, "step", "v1").get("k", valid) == "result"


def test_each_build_keeps_only_the_entries_it_used(tmp_path):
    first = StepCache(tmp_path, "step", "v1")
    first.put("old", "a")
    first.put("kept", "b")
    first.save()
    second = StepCache(tmp_path, "step", "v1")
    assert second.get("kept", valid) == "b"
    second.save()
    entries = json.loads((tmp_path / "step.json").read_text(encoding="utf-8"))["entries"]
    assert entries == {"kept": "b"}


def test_a_cache_that_cannot_be_written_costs_nothing_but_time(tmp_path):
    blocked = tmp_path / "a-file-not-a-folder"
    blocked.write_text("", encoding="utf-8")
    cache = StepCache(blocked / "cache", "step", "v1")
    cache.put("k", "result")
    cache.save()  # no exception
    assert StepCache(blocked / "cache", "step", "v1").get("k", valid) is None
    assert template_cache(blocked / "cache" / "templates") is None


def test_the_cache_folder_is_the_projects_unless_the_environment_says_otherwise(tmp_path, monkeypatch):
    monkeypatch.delenv(CACHE_ENV, raising=False)
    assert cache_folder(tmp_path) == tmp_path / ".cache"
    assert cache_folder(tmp_path, "qr") == tmp_path / ".cache" / "qr"
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_folder(tmp_path) is None
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "elsewhere"))
    assert cache_folder(tmp_path) == tmp_path / "elsewhere"
    monkeypatch.setenv(CACHE_ENV, "build-cache")  # relative: the project's
    assert cache_folder(tmp_path) == tmp_path / "build-cache"


def test_git_ignores_the_cache_folder():
    ignored = (ROOT / ".gitignore").read_text(encoding="utf-8").split()
    assert ".cache/" in ignored


# Compiled templates --------------------------------------------------------------------------

def template_env(folder: Path, cache: Path, **settings) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), auto_reload=False, **settings)
    env.bytecode_cache = template_cache(cache / "templates")
    return env


@pytest.fixture
def compiled(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on."""
    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def counting(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    return names


@pytest.fixture
def templates(tmp_path) -> Path:
    folder = tmp_path / "templates"
    folder.mkdir()
    (folder / "t.html").write_text("{% for x in items %}<{{ x }}>{% endfor %}\n", encoding="utf-8")
    return folder


def test_compiled_templates_are_used_again_until_the_template_or_the_settings_change(tmp_path, templates, compiled):
    cache = tmp_path / "cache"
    assert template_env(templates, cache).get_template("t.html").render(items=[1, 2]) == "<1><2>"
    assert template_env(templates, cache).get_template("t.html").render(items=[3]) == "<3>"
    assert compiled == ["t.html"]  # the second environment read it from the cache

    # A setting that changes what the template compiles to: compiled again, and rendered right.
    kept_newline = template_env(templates, cache, keep_trailing_newline=True)
    assert kept_newline.get_template("t.html").render(items=[4]) == "<4>\n"
    (templates / "t.html").write_text("[{{ items | length }}]", encoding="utf-8")
    assert template_env(templates, cache).get_template("t.html").render(items=[1, 2]) == "[2]"
    assert compiled == ["t.html"] * 3


def test_a_changed_filter_compiles_the_templates_again(tmp_path, templates, compiled):
    cache = tmp_path / "cache"
    (templates / "f.html").write_text('{{ "x" | shout }} {{ word | shout }}', encoding="utf-8")

    def env_with(shout) -> jinja2.Environment:
        env = template_env(templates, cache)
        env.filters["shout"] = shout
        return env

    assert env_with(lambda text: text.upper()).get_template("f.html").render(word="y") == "X Y"
    # Jinja works out a filter on a constant while compiling: another function gives new bytes.
    assert env_with(lambda text: text + "!").get_template("f.html").render(word="y") == "x! y!"

    @jinja2.pass_context
    def with_context(context, text):
        return f"{text}@{context['word']}"

    assert env_with(with_context).get_template("f.html").render(word="y") == "x@y y@y"
    assert len(compiled) == 3


def test_a_damaged_compiled_template_is_compiled_again(tmp_path, templates, compiled):
    cache = tmp_path / "cache"
    template_env(templates, cache).get_template("t.html")
    [stored] = (cache / "templates").iterdir()
    stored.write_bytes(stored.read_bytes()[:40])  # Jinja's header, then half a checksum
    assert template_env(templates, cache).get_template("t.html").render(items=[5]) == "<5>"
    assert template_env(templates, cache).get_template("t.html").render(items=[6]) == "<6>"
    assert compiled == ["t.html", "t.html"]  # compiled again once, and stored whole again


# The first paint -----------------------------------------------------------------------------

def first_paint_site(tmp_path: Path, name: str, pages: dict[str, str]) -> Path:
    site = tmp_path / name
    (site / "assets").mkdir(parents=True)
    (site / "assets" / "main.css").write_text(CSS, encoding="utf-8")
    for path, body in pages.items():
        (site / path).parent.mkdir(parents=True, exist_ok=True)
        (site / path).write_text(
            '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
            f'<link rel="stylesheet" href="{"../" * path.count("/")}assets/main.css"></head>'
            f'<body>{body}<script src="app.js"></script></body></html>', encoding="utf-8")
    return site


def files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def painted(tmp_path: Path, name: str, pages: dict[str, str], states, cache: Path | None = None) -> dict[str, bytes]:
    """The files of a site with these pages after the first-paint step, with `cache` or none."""
    site = first_paint_site(tmp_path, name, pages)
    optimise_first_paint(site, states, cache)
    return files(site)


PAGES = {"index.html": '<div class="a">a</div>', "b/index.html": '<p class="b">b</p><details><p class="c">c'}


@pytest.fixture
def states(tmp_path):
    (tmp_path / "states.yml").write_text(STATES, encoding="utf-8")
    return load_script_states(tmp_path / "states.yml", "data/script_states.yml")


def test_first_paint_with_the_cache_gives_the_same_site_and_reads_no_css(tmp_path, states, monkeypatch):
    cache = tmp_path / "cache"
    without = painted(tmp_path, "without", PAGES, states)
    assert painted(tmp_path, "filled", PAGES, states, cache) == without
    assert "<style>.a{color:red}</style>" in without["index.html"].decode()
    for parsed in cache.glob("*.pickle"):
        parsed.unlink()  # every page's result is kept: the stylesheets need not even be read

    monkeypatch.setattr(first_paint, "parse_stylesheet", no_parsing)
    assert painted(tmp_path, "used", PAGES, states, cache) == without


def no_parsing(*args, **kwargs):
    raise AssertionError("the cache has the stylesheets as read before: no CSS needs reading")


def test_first_paint_works_out_a_changed_page_again_from_the_css_read_before(tmp_path, states, monkeypatch):
    cache = tmp_path / "cache"
    changed = {**PAGES, "index.html": '<div class="a">a</div><p class="b">now also b</p>'}
    without = painted(tmp_path, "without", changed, states)
    painted(tmp_path, "before", PAGES, states, cache)
    monkeypatch.setattr(first_paint, "parse_stylesheet", no_parsing)
    cached = painted(tmp_path, "cached", changed, states, cache)
    assert cached == without
    assert ".b{color:blue}" in cached["index.html"].decode()


@pytest.mark.parametrize("damage", [b"", b"not a pickle", b"\x80\x05N."])
def test_first_paint_reads_the_css_again_when_its_cached_copy_is_damaged(tmp_path, states, damage):
    cache = tmp_path / "cache"
    changed = {**PAGES, "index.html": '<div class="a">a</div><p class="b">now also b</p>'}
    painted(tmp_path, "before", PAGES, states, cache)
    [parsed] = cache.glob("*.pickle")
    parsed.write_bytes(damage)
    assert painted(tmp_path, "cached", changed, states, cache) == painted(tmp_path, "without", changed, states)


def test_first_paint_works_everything_out_again_when_the_css_changes(tmp_path, states):
    cache = tmp_path / "cache"
    painted(tmp_path, "before", PAGES, states, cache)
    after = first_paint_site(tmp_path, "after", PAGES)
    (after / "assets" / "main.css").write_text(CSS.replace("color:red", "color:green"), encoding="utf-8")
    optimise_first_paint(after, states, cache)
    assert ".a{color:green}" in files(after)["index.html"].decode()
    assert "color:red" not in files(after)["index.html"].decode()


def test_first_paint_with_a_damaged_cache_gives_the_same_site(tmp_path, states):
    cache = tmp_path / "cache"
    without = painted(tmp_path, "without", PAGES, states)
    painted(tmp_path, "filled", PAGES, states, cache)
    [stored] = cache.glob("*.json")
    data = json.loads(stored.read_text(encoding="utf-8"))
    for key in data["entries"]:
        data["entries"][key] = [42] if isinstance(data["entries"][key], list) else 42
    stored.write_text(json.dumps(data), encoding="utf-8")
    assert painted(tmp_path, "damaged", PAGES, states, cache) == without


# The whole build -----------------------------------------------------------------------------

def build(project: Path, site: Path, cache: str) -> dict[str, bytes]:
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                            cwd=project, env={**build_env(project), CACHE_ENV: cache},
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return files(site)


@pytest.mark.slow
def test_a_build_with_a_warm_cache_is_byte_for_byte_a_build_without(tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    cache = str(tmp_path / "cache")
    assert build(project, tmp_path / "cold", cache) == build(project, tmp_path / "none", "off")
    assert any((tmp_path / "cache" / "templates").iterdir()) and list((tmp_path / "cache").glob("*.json"))
    assert build(project, tmp_path / "warm", cache) == files(tmp_path / "none")

    # What an editor changes between two builds: a page, the site's CSS, a template, the states.
    page = project / "docs" / "en" / "herstel.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n!!! note\n\n    A new note.\n", encoding="utf-8")
    [extra_css] = (project / "docs" / "assets" / "stylesheets").glob("*.css")
    with extra_css.open("a", encoding="utf-8") as css:
        css.write("\n.md-typeset .admonition.note{border-width:3px}\n.md-header{outline-offset:1px}\n")
    template = project / "overrides" / "partials" / "page-review.html"
    template.write_text(template.read_text(encoding="utf-8").replace("<p", "<p data-changed", 1), encoding="utf-8")
    states = project / "data" / "script_states.yml"
    states.write_text(states.read_text(encoding="utf-8").replace("states:", "states:\n  - what: a test state\n"
                                                                  "    tokens: [.admonition]\n    when: action", 1),
                      encoding="utf-8")
    changed = build(project, tmp_path / "changed-warm", cache)
    assert changed == build(project, tmp_path / "changed-none", "off")
    assert "border-width:3px" in changed["en/recovery/index.html"].decode()
    assert "A new note." in changed["en/recovery/index.html"].decode()
    assert "data-changed" in changed["en/recovery/index.html"].decode()
    assert "outline-offset:1px" in changed["index.html"].decode()  # a page that did not change
