"""Reading the data files editors change (src/heuppijn_site/data_files.py): a message about a
value names the line it is on."""

from __future__ import annotations

import pytest
from heuppijn_site.data_files import value_line

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
