"""A first visit to any page stays light: everything the browser loads (HTML, CSS, JS, images,
fonts), gzip-compressed as the server in deploy/ sends it, is at most 100 KB."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

BUDGET = 100 * 1024


def test_first_visit_of_every_page_is_within_the_budget(crawl, measurement):
    """Each page's first visit: the crawl opens every page with the cache off (tests/support/crawl.py)."""
    weights = {path: (visit.weight, visit.loaded) for path, visit in crawl.pages.items()}
    heaviest = max(weights, key=lambda path: weights[path][0])
    measurement(
        f"first visit at {crawl.name}, gzip: heaviest page {heaviest} {weights[heaviest][0] / 1024:.1f} KB "
        f"(budget {BUDGET / 1024:.0f} KB); lightest "
        f"{min(total for total, _ in weights.values()) / 1024:.1f} KB"
    )
    over = {path: total for path, (total, _) in weights.items() if total > BUDGET}
    assert not over, f"over budget: {over}\n" + "\n".join(weights[heaviest][1])
    assert all(any("bundle" in line for line in loaded) for _, loaded in weights.values()), \
        "the recording missed the theme's script"
    assert all(any(line.endswith(".css") for line in loaded) for _, loaded in weights.values()), \
        "the recording missed the site's stylesheet, which loads after the first paint"
