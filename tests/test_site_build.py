"""The build object and the glue around it, in process: hooks/site.py hands each MkDocs event to
heuppijn_site.build.SiteBuild, which holds all the build's state; an editor's mistake (SiteError)
becomes MkDocs' error in one place."""

from __future__ import annotations

import ast
import importlib.util
import os
import types
from pathlib import Path

import pytest
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

from heuppijn_site.build import SiteBuild, check_mkdocs_yml, data_files
from heuppijn_site.deploy.publish_guard import PUBLISH_VARIABLE
from heuppijn_site.errors import SiteError
from heuppijn_site.tools.site_tools import ROOT

HOOK = ROOT / "hooks" / "site.py"


def load_hook() -> types.ModuleType:
    spec = importlib.util.spec_from_file_location("site_hook_under_test", HOOK)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def configured():
    """mkdocs.yml as MkDocs reads it, after every plugin's on_config (the hook's among them)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.plugins.on_config(config)


def test_on_config_makes_one_build_that_rides_on_the_config_for_every_language(configured):
    build = SiteBuild.of(configured)
    assert build.languages == ["nl", "en"] and build.default_language == "nl"
    assert {"index.md", "pijnregel.md", "pijndagboek.md"} <= build.page_names
    assert set(build.publishers) == set(build.texts) == set(build.licences) == {"nl", "en"}
    # The i18n plugin builds English with the same config: nothing is read again.
    configured.plugins["i18n"].building = True
    try:
        load_hook().on_config(configured)
    finally:
        configured.plugins["i18n"].building = False
    assert SiteBuild.of(configured) is build


def test_extensions_that_name_different_files_for_the_same_data_are_named(configured):
    options = {name: dict(values or {}) for name, values in configured.mdx_configs.items()}
    options["heuppijn_site.pain_rule.diary_extension"]["rules"] = "data/other_rules.yml"
    fake = types.SimpleNamespace(mdx_configs=options, config_file_path=configured.config_file_path)
    with pytest.raises(SiteError, match=r"mkdocs.yml: the Markdown extensions name different files for the same "
                                        r"data — make them one: .*diary_extension rules: data/other_rules.yml"):
        data_files(fake)


def test_a_missing_extension_is_named_with_the_line_to_add(configured):
    fake = types.SimpleNamespace(markdown_extensions=[name for name in configured.markdown_extensions
                                                      if name != "abbr"], plugins=configured.plugins)
    with pytest.raises(SiteError, match=r"mkdocs.yml: add '- abbr' under markdown_extensions"):
        check_mkdocs_yml(fake)


def test_the_hook_turns_an_editors_mistake_into_mkdocs_error_once_and_keeps_the_events_order():
    hook = load_hook()

    @hook.reported
    @event_priority(-200)
    def event() -> None:
        raise SiteError("broken", file="data/x.yml", line=3, fix="mend it")

    assert event.mkdocs_priority == -200
    with pytest.raises(PluginError, match=r"^data/x.yml:3: broken — mend it$") as raised:
        event()
    assert raised.value.__cause__ is None and raised.value.__suppress_context__


def test_mkdocs_gh_deploy_is_a_build_for_publishing(monkeypatch):
    monkeypatch.setenv(PUBLISH_VARIABLE, "")
    load_hook().on_startup(command="build", dirty=False)
    assert os.environ[PUBLISH_VARIABLE] == ""
    load_hook().on_startup(command="gh-deploy", dirty=False)
    assert os.environ[PUBLISH_VARIABLE] == "gh-deploy"


def code_lines(path: Path) -> int:
    """Lines of code: not blank, not a comment, not part of a docstring."""
    source = path.read_text(encoding="utf-8")
    docstrings = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            first = node.body[0]
            docstrings.update(range(first.lineno, first.end_lineno + 1))
    return sum(1 for number, line in enumerate(source.splitlines(), 1)
               if line.strip() and not line.strip().startswith("#") and number not in docstrings)


def test_the_hook_is_glue_only_without_module_state():
    tree = ast.parse(HOOK.read_text(encoding="utf-8"))
    assert code_lines(HOOK) <= 200
    assert not [node for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal))]
    mutable = (ast.Dict, ast.List, ast.Set, ast.DictComp, ast.ListComp, ast.SetComp)
    state = [ast.unparse(node) for node in tree.body if isinstance(node, (ast.Assign, ast.AnnAssign))
             and (isinstance(node.value, mutable)
                  or isinstance(node.value, ast.Call) and ast.unparse(node.value.func) in {"dict", "list", "set"})]
    assert state == []
