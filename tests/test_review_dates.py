"""Review dates remind, they do not block: a page past its review date is a warning here (and a
red weekly workflow, .github/workflows/review-dates.yml), never a failed pull request. A page and
its translation must be reviewed together."""

from __future__ import annotations

import dataclasses
import warnings
from datetime import date, timedelta

from heuppijn_site.content.front_matter import overdue_pages
from heuppijn_site.tools.site_tools import all_page_metadata

from heuppijn_site.tools.review_dates import overdue_message


class OverdueReview(UserWarning):
    """A page is past its next review date."""


def test_overdue_pages_are_found_and_named():
    pages = all_page_metadata()
    earliest = min(page.next_review for page in pages)
    assert overdue_pages(pages, earliest) == []
    late = overdue_pages(pages, earliest + timedelta(days=1))
    assert {page.path for page in late} == {page.path for page in pages if page.next_review == earliest}
    early = dataclasses.replace(pages[0], next_review=date(2000, 1, 1))
    assert overdue_pages([early, *pages[1:]], date(2000, 1, 2)) == [early]


def test_a_page_past_its_review_date_is_a_reminder_not_a_failure():
    message = overdue_message(date.today())
    if message:
        warnings.warn(OverdueReview(message), stacklevel=1)
    # Far in the future every page is overdue, and the message names each one.
    future = overdue_message(date(2999, 1, 1))
    assert all(page.path in future for page in all_page_metadata())


def test_translations_are_reviewed_together():
    pages = all_page_metadata()
    drift = []
    for dutch in (p for p in pages if p.locale == "nl"):
        for other in (p for p in pages if p.name == dutch.name and p.locale != "nl"):
            if other.reviewed != dutch.reviewed:
                drift.append(f"  {dutch.path} (reviewed {dutch.reviewed}) and {other.path} "
                             f"(reviewed {other.reviewed})")
    assert not drift, (
        "a page and its translation were reviewed on different dates — bring the translation in "
        "line with the Dutch text, then give both the same 'reviewed' date:\n" + "\n".join(drift)
    )
