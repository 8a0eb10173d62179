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
