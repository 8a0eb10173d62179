"""A first visit to any page stays light: everything the browser loads (HTML, CSS, JS, images,
fonts), gzip-compressed as the server in deploy/ sends it, is at most 100 KB."""

from __future__ import annotations

import gzip

import pytest
from heuppijn_site.tools.site_tools import PHONE, all_page_metadata, page_path
from support.site import PAGE_SETTLED, REPORT

pytestmark = pytest.mark.browser

BUDGET = 100 * 1024
GZIP_LEVEL = 6  # gzip_comp_level in deploy/nginx.conf


def test_first_visit_of_every_page_is_within_the_budget(browser, base_url):
    weights: dict[str, tuple[int, list[str]]] = {}
    for metadata in all_page_metadata():
        context = browser.new_context(viewport=PHONE)  # empty cache: a first visit
        page = context.new_page()
        responses = []
        page.on("response", lambda response: responses.append(response))
        page.goto(base_url + page_path(metadata))
        # The site's stylesheet and scripts are asked for only once the page is on screen, which on
        # a busy machine can come after a quiet half second: wait for them to have run, then for
        # the last of what they ask for.
        page.wait_for_function(PAGE_SETTLED)
        page.wait_for_load_state("networkidle")
        total, loaded = 0, []
        for response in responses:
            body = response.body()
            size = len(gzip.compress(body, GZIP_LEVEL))
            total += size
            loaded.append(f"{size:>7} B  {response.url.removeprefix(base_url)}")
        weights["/" + page_path(metadata)] = (total, loaded)
        context.close()
    heaviest = max(weights, key=lambda path: weights[path][0])
    REPORT.append(
        f"first visit, gzip: heaviest page {heaviest} {weights[heaviest][0] / 1024:.1f} KB "
        f"(budget {BUDGET / 1024:.0f} KB); lightest "
        f"{min(total for total, _ in weights.values()) / 1024:.1f} KB"
    )
    over = {path: total for path, (total, _) in weights.items() if total > BUDGET}
    assert not over, f"over budget: {over}\n" + "\n".join(weights[heaviest][1])
    assert all(any("bundle" in line for line in loaded) for _, loaded in weights.values()), \
        "the recording missed the theme's script"
