"""Reading the data files editors change (src/heuppijn_site/data_files.py): a message about a
value names the line it is on."""

from __future__ import annotations

import pytest
from heuppijn_site.data_files import read_mapping, value_line
from heuppijn_site.errors import SiteError

SIGNS = """\
# A comment
signs:
  - id: fall
    source: "[@a]"
  - id: "fall-cannot-stand"   # quoted, with a comment
    text: x
    source: "[@a]"
  - source: >-
      [@a;
      @b]
    id: late-id
pain_limit_source: "[@a]"
"""


@pytest.mark.parametrize(("route", "line"), [
    (("signs", ("id", "fall"), "source"), 4),
    (("signs", ("id", "fall-cannot-stand"), "source"), 7),  # not the first sign citing the same work
    (("signs", ("id", "late-id"), "source"), 8),  # written over lines, before its id
    (("pain_limit_source",), 12),
])
def test_a_values_line_is_where_it_starts_in_the_file(tmp_path, route, line):
    (tmp_path / "signs.yml").write_text(SIGNS, encoding="utf-8")
    assert value_line(tmp_path / "signs.yml", *route) == line


@pytest.mark.parametrize("route", [("signs", ("id", "nowhere"), "source"), ("missing",), ("signs", "source")])
def test_a_value_that_is_not_there_is_line_1(tmp_path, route):
    (tmp_path / "signs.yml").write_text(SIGNS, encoding="utf-8")
    assert value_line(tmp_path / "signs.yml", *route) == 1


def test_an_unreadable_file_is_line_1(tmp_path):
    assert value_line(tmp_path / "absent.yml", "signs") == 1
    (tmp_path / "broken.yml").write_text("signs: [\n", encoding="utf-8")
    assert value_line(tmp_path / "broken.yml", "signs") == 1


def test_a_data_file_is_read_checked_to_be_fields_and_its_wrong_field_named(tmp_path):
    """The loaders' one helper: read, check the top level is a mapping, name the field that is wrong."""
    path = tmp_path / "rules.yml"
    path.write_text("pain_limit: 4\n", encoding="utf-8")
    data, fail = read_mapping(path, "data/rules.yml", SiteError)
    assert data == {"pain_limit": 4}
    assert str(fail("pain_limit", "must be a whole number")) == "data/rules.yml: 'pain_limit' must be a whole number"
    path.write_text("- a list\n", encoding="utf-8")
    with pytest.raises(SiteError, match=r"^data/rules.yml: the file must be a set of 'field: value' lines$"):
        read_mapping(path, "data/rules.yml", SiteError)
    path.write_text("", encoding="utf-8")
    assert read_mapping(path, "data/terms.yml", SiteError, empty={})[0] == {}
    with pytest.raises(SiteError, match=r"^data/terms.yml: the file must map each language"):
        read_mapping(path, "data/terms.yml", SiteError, shape="map each language to its pages")
