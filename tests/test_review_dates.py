"""Content that is past its review date fails the test suite (the build still works, so an
urgent fix can always be deployed)."""

from __future__ import annotations

from datetime import date

from front_matter import overdue_pages
from site_tools import all_page_metadata


def test_no_page_is_past_its_next_review_date():
    overdue = overdue_pages(all_page_metadata(), date.today())
    assert not overdue, "these pages are overdue for review — check the content, then set " \
        "'reviewed' to today and 'next_review' to the next date:\n" + "\n".join(
            f"  {page.path}: next_review {page.next_review}" for page in overdue
        )
