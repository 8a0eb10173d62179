"""A copy of the project to break on purpose, and MkDocs run on it in this process only as far as
where an editor's mistakes are found: every data file read and checked (on_config) and every
page's front matter, translations and citations checked (on_files). A mistake found there is
MkDocs' PluginError with the message an editor reads. That the message reaches the editor of a
whole `mkdocs build --strict`, with no traceback, a few builds in tests/test_editor_errors.py show."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path
from unittest import mock

from heuppijn_site.tools.site_tools import ROOT, copy_project
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import get_files


def edit(path: Path, old: str, new: str) -> None:
    """Replace the first `old` in the file with `new`; `old` must be there."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def warm_copy(destination: Path) -> Path:
    """A copy of the project (copy_project) with the project's own build cache (.cache, filled by
    the run's build of the site), so a build of the copy works out again only what the copy
    changes. A build with the cache gives the same bytes as one without (test_build_cache.py)."""
    copy_project(destination)
    if (ROOT / ".cache").is_dir():
        # The run's build may be writing it meanwhile: each file is written under a temporary
        # name (*.tmp) and then renamed, so a copy leaves those out and gets only whole files.
        shutil.copytree(ROOT / ".cache", destination / ".cache", ignore=shutil.ignore_patterns("*.tmp"))
    return destination


def read_and_checked(project: Path, **env: str) -> None:
    """MkDocs' build of `project` in this process, as `mkdocs build --strict` starts it, up to and
    including on_files: every data file and page read and checked; nothing rendered or written.
    `env`: variables set for it (SITE_URL and HEUPPIJN_PUBLISH only if given, as build_env)."""
    kept_site_module = sys.modules.get("site")  # MkDocs imports hooks/site.py as the module "site"
    with mock.patch.dict(os.environ):
        for name in ("SITE_URL", "HEUPPIJN_PUBLISH"):
            os.environ.pop(name, None)
        os.environ.update(env)
        try:
            config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        finally:
            if kept_site_module is not None:
                sys.modules["site"] = kept_site_module
        config.plugins.on_startup(command="build", dirty=False)
        try:
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            files.add_files_from_theme(config.theme.get_env(), config)
            config.plugins.on_files(files, config=config)
        finally:
            config.plugins.on_shutdown()


def mistake_in(project: Path, **env: str) -> str:
    """The message MkDocs stops with for the mistake in `project` (see read_and_checked)."""
    try:
        read_and_checked(project, **env)
    except PluginError as error:
        return str(error)
    raise AssertionError(f"{project}: the build should stop on a mistake but read and checked everything")
