"""Pages past their review date: a reminder for the editors, never a reason to block a change.

Usage: .venv/bin/python -m heuppijn_site.tools.review_dates   (or: make review-dates)
Prints the overdue pages and exits with 1 when there are any, 0 when every page is in date.
The weekly workflow (.github/workflows/review-dates.yml) runs it, so an overdue page turns that
workflow red and names the page; `make check` and `make test` only show a warning.
"""

from __future__ import annotations

import sys
from datetime import date


from heuppijn_site.content.front_matter import overdue_pages
from heuppijn_site.tools.site_tools import all_page_metadata


def overdue_message(today: date) -> str:
    """What to tell the editors, or "" when nothing is overdue."""
    overdue = overdue_pages(all_page_metadata(), today)
    if not overdue:
        return ""
    return ("these pages are overdue for review — check the content against its sources, then set "
            "'reviewed' to today and 'next_review' to the next date (in both languages):\n"
            + "\n".join(f"  {page.path}: next_review {page.next_review}" for page in overdue))


def main() -> int:
    message = overdue_message(date.today())
    print(message or "Every page is within its review date.")
    return 1 if message else 0


if __name__ == "__main__":
    sys.exit(main())
