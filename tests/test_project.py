"""The one project model: the languages come from mkdocs.yml's i18n plugin, each data file's path
is written once, and the pages are read and checked one way, by the build and by the commands."""

from __future__ import annotations

from pathlib import Path

import pytest

from heuppijn_site.project import DATA_FILES, ProjectError, checked_pages, load_project, read_pages
from heuppijn_site.tools.site_tools import ROOT

PAGE = "---\ntitle: T\ndescription: D\nslug: a\nreviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n# T\n"


def test_the_languages_are_mkdocs_yml_s_and_a_third_is_a_change_there_only(tmp_path: Path):
    assert load_project(ROOT).languages == ("nl", "en") and load_project(ROOT).default_language == "nl"
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: https://example.org/\nplugins:\n  - i18n:\n      languages:\n"
        "        - {locale: nl, default: true}\n        - {locale: en}\n        - {locale: de}\n", encoding="utf-8")
    project = load_project(tmp_path)
    assert project.languages == ("nl", "en", "de") and project.default_language == "nl"
    assert project.data("glossary") == tmp_path / "data/glossary.yml"


def test_every_data_file_in_data_is_known_to_the_project():
    assert {path.relative_to(ROOT).as_posix() for path in (ROOT / "data").glob("*.yml")} <= set(DATA_FILES.values())
    assert all((ROOT / path).is_file() for path in DATA_FILES.values())


def test_a_page_outside_a_language_folder_is_named_with_where_it_belongs():
    with pytest.raises(ProjectError, match=r"^docs/x.md: pages belong in a language folder — move it to "
                                           r"docs/nl/ or docs/en/$"):
        checked_pages([("x.md", "docs/x.md", PAGE)], ("nl", "en"), 4, 8)


def test_a_page_without_its_translation_is_named():
    with pytest.raises(ProjectError, match=r"docs/nl/a.md"):
        checked_pages([("nl/a.md", "docs/nl/a.md", PAGE)], ("nl", "en"), 4, 8)


def test_the_pages_from_the_folder_are_every_page_in_every_language():
    pages = read_pages(load_project(ROOT))
    names = {language: {page.name for page in pages if page.locale == language} for language in ("nl", "en")}
    assert names["nl"] == names["en"] and "pijnregel.md" in names["nl"]
