"""Front matter logic, without building a site: what an editor gets for each mistake."""

from __future__ import annotations

from datetime import date

import pytest
from heuppijn_site.content.front_matter import (
    FrontMatterError,
    check_pages,
    overdue_pages,
    parse_page_metadata,
    review_line,
)
from heuppijn_site.site_texts import site_texts
from support.site import LANGUAGES as SITE_LANGUAGES
from heuppijn_site.tools.site_tools import ROOT as PROJECT

TEXTS = site_texts(PROJECT, SITE_LANGUAGES)  # data/labels.yml, data/languages.yml

GOOD = """---
title: Oorzaken
description: Hoe pijn aan de buitenkant van de heup ontstaat.
slug: oorzaken
reviewed: 2026-11-22
next_review: 2027-11-22
---

# Oorzaken
"""


def parse(text: str = GOOD, locale: str = "nl", name: str = "oorzaken.md"):
    return parse_page_metadata(f"docs/{locale}/{name}", text, locale, name)


def test_a_complete_front_matter_is_read():
    page = parse()
    assert page.title == "Oorzaken"
    assert page.slug == "oorzaken"
    assert page.reviewed == date(2026, 11, 22)
    assert page.next_review == date(2027, 11, 22)
    assert page.dest_uri == "nl/oorzaken/index.html"


@pytest.mark.parametrize(
    ("field", "line"),
    [("title", 2), ("description", 3), ("slug", 4), ("reviewed", 5), ("next_review", 6)],
)
def test_a_missing_field_names_file_field_and_fix(field, line):
    broken = GOOD.replace(f"\n{field}:", f"\n{field}_typo:")
    with pytest.raises(FrontMatterError) as error:
        parse(broken)
    message = str(error.value)
    assert message.startswith("docs/nl/oorzaken.md:1: front matter")
    assert f"'{field}' is missing" in message
    assert f"add a line '{field}: …'" in message


def test_an_empty_field_points_at_its_line():
    with pytest.raises(FrontMatterError, match=r"^docs/nl/oorzaken.md:2: front matter 'title'"):
        parse(GOOD.replace("title: Oorzaken", "title:"))


@pytest.mark.parametrize("value", ["22-11-2026", "2026-13-01", '"2026-11-22"', "2026-11-22 10:00", "soon"])
def test_a_malformed_date_is_refused_with_an_example(value):
    with pytest.raises(FrontMatterError) as error:
        parse(GOOD.replace("reviewed: 2026-11-22", f"reviewed: {value}"))
    assert str(error.value).startswith(
        "docs/nl/oorzaken.md:5: front matter 'reviewed' must be a date like 2026-11-22"
    )


def test_next_review_must_follow_reviewed():
    with pytest.raises(FrontMatterError, match=r":6: front matter 'next_review' \(2026-01-01\) must come after"):
        parse(GOOD.replace("next_review: 2027-11-22", "next_review: 2026-01-01"))


@pytest.mark.parametrize("slug", ["Oorzaken", "oorzaken/", "oor zaken", "oorzaken-", "/"])
def test_a_slug_must_be_lowercase_words_with_hyphens(slug):
    with pytest.raises(FrontMatterError, match=r":4: front matter 'slug' must be lowercase words"):
        parse(GOOD.replace("slug: oorzaken", f"slug: {slug}"))


def test_the_home_page_slug_is_a_slash():
    home = parse(GOOD.replace("slug: oorzaken", "slug: /"), name="index.md")
    assert home.is_home and home.dest_uri is None
    with pytest.raises(FrontMatterError, match="of a home page must be '/'"):
        parse(GOOD, name="index.md")


def test_no_front_matter_at_all():
    with pytest.raises(FrontMatterError, match=r"^docs/nl/oorzaken.md:1: the page has no front matter"):
        parse("# Oorzaken\n")


def test_invalid_yaml_names_the_line():
    broken = GOOD.replace("title: Oorzaken", "title: Oorzaken: waarom: zo")
    with pytest.raises(FrontMatterError) as error:
        parse(broken)
    assert str(error.value).startswith("docs/nl/oorzaken.md:2: the front matter is not valid YAML")
    assert "double quotes" in str(error.value)


def twin(locale: str, name: str, slug: str):
    text = GOOD.replace("slug: oorzaken", f"slug: {slug}")
    return parse(text, locale=locale, name=name)


def test_pages_with_twins_in_both_languages_pass():
    pages = [twin("nl", "oorzaken.md", "oorzaken"), twin("en", "oorzaken.md", "causes")]
    assert check_pages(pages, ["nl", "en"]) == []


def test_a_page_without_translation_is_named_with_the_file_to_add():
    pages = [twin("nl", "oorzaken.md", "oorzaken"), twin("nl", "klachten.md", "klachten"),
             twin("en", "oorzaken.md", "causes")]
    assert check_pages(pages, ["nl", "en"]) == [
        "docs/nl/klachten.md: has no translation — add docs/en/klachten.md (the same file name "
        "in docs/en/) or remove docs/nl/klachten.md"
    ]


def test_a_slug_used_twice_in_one_language_is_refused():
    pages = [twin("nl", "a.md", "zelfde"), twin("nl", "b.md", "zelfde"),
             twin("en", "a.md", "one"), twin("en", "b.md", "two")]
    problems = check_pages(pages, ["nl", "en"])
    assert problems == [
        "docs/nl/b.md: slug 'zelfde' is already used by docs/nl/a.md — give one of them another slug"
    ]


def test_overdue_pages_are_those_past_their_next_review():
    page = parse()
    assert overdue_pages([page], date(2027, 11, 22)) == []
    assert overdue_pages([page], date(2027, 11, 23)) == [page]


def test_review_line_in_dutch():
    line = review_line(parse(), TEXTS["nl"])
    assert (line.reviewed_label, line.reviewed_text) == ("Laatst beoordeeld op", "22 november 2026")
    assert (line.next_label, line.next_text) == ("volgende beoordeling", "november 2027")
    assert (line.reviewed_iso, line.next_iso) == ("2026-11-22", "2027-11")


def test_review_line_in_british_english():
    line = review_line(parse(locale="en"), TEXTS["en"])
    assert (line.reviewed_label, line.reviewed_text) == ("Last reviewed", "22 November 2026")
    assert (line.next_label, line.next_text) == ("next review", "November 2027")
