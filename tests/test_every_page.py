"""Every page, both languages, at 390 px and at 1280 px, as the crawls saw them
(tests/support/crawl.py, one visit of each page per viewport): axe finds nothing; the console
stays clean and nothing fails to load; HTML_CodeSniffer finds no error (at 1280 px); the first Tab reaches the skip link; no page is wider than
the screen; a first visit stays
within its weight; nothing is asked of another host; every page and every interaction work with
zero Content-Security-Policy violations on both kinds of host; and the printout is right.

The phone's crawl goes through nginx with deploy/'s headers; the wide screen's through a host that
sends no headers (Python's static server, as GitHub Pages), where each page's <meta> policy must
hold. Each test runs once per crawl."""

from __future__ import annotations

import pytest
from heuppijn_site.tools.site_tools import ROOT, page_path
from support.crawl import HTMLCS, NOT_FOUND
from support.site import at_page, headers_of, url_of, pages

pytestmark = pytest.mark.browser

PAGES = pages()
BUDGET = 100 * 1024  # bytes, gzip-compressed as the server in deploy/ sends them


@pytest.mark.parametrize("metadata", PAGES, ids=lambda p: p.path)
def test_axe_finds_no_violation(crawl, metadata):
    results = crawl.pages[metadata.path].axe
    assert results.violations_count == 0, results.generate_report()


def test_html_codesniffer_finds_no_error_on_any_page(crawl_1280):
    """A second accessibility engine beside axe: HTML_CodeSniffer, standard WCAG 2 AA, as pa11y
    runs it (at 1280 px), on every page in both languages and on the not-found page."""
    if not HTMLCS.exists():
        pytest.fail(f"{HTMLCS.relative_to(ROOT)} is missing: run `make test`, which installs it (npm ci)",
                    pytrace=False)
    assert all(count > 0 for count in crawl_1280.htmlcs_messages.values()), "HTML_CodeSniffer looked at nothing"
    assert sorted(crawl_1280.htmlcs) == sorted([page_path(metadata) for metadata in PAGES] + [NOT_FOUND])
    errors = [f"{path or '/'}: {error}" for path, found in crawl_1280.htmlcs.items() for error in found]
    assert errors == [], "\n".join(errors)


def test_the_console_is_clean_and_nothing_fails_to_load(crawl):
    """Every page, search, the checker, the language switch and a redirect."""
    assert crawl.console == []
    assert crawl.failed == []


def test_every_page_has_a_skip_link_and_named_landmarks(crawl):
    for path, visit in crawl.pages.items():
        assert "md-skip" in visit.first_tab, f"{path}: the first Tab does not reach the skip link"
        assert visit.mains == 1, path
        assert visit.h1s == 1, path


def test_no_page_scrolls_sideways(crawl):
    """Nothing is wider than the screen: a phone reader never has to scroll sideways to read."""
    wide = {path: visit.width for path, visit in crawl.pages.items() if visit.width > crawl.viewport["width"]}
    assert wide == {}, f"wider than the {crawl.viewport['width']} px screen: {wide}"


def test_first_visit_of_every_page_is_within_the_budget(crawl, measurement):
    """Everything a first visit loads (HTML, CSS, JS, images, fonts), with the cache off."""
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


def test_visiting_every_page_searching_checking_and_switching_requests_only_the_site(crawl):
    assert crawl.used["search index"], "search was not exercised: no request for the search index"
    assert crawl.used["advice"], "the checker was not exercised"
    elsewhere = [url for url in crawl.requests
                 if not url.startswith(crawl.base_url) and not url.startswith(("data:", "blob:"))]
    assert elsewhere == []


def test_everything_works_with_zero_csp_violations_on_either_host(crawl, nginx_url, base_url):
    """Every page, then search, the checker (with its button), the language switch and a redirect:
    each did its job, with no CSP violation and no console error — from the headers behind nginx,
    from the pages' <meta> on a host that sends none."""
    if crawl.base_url == nginx_url:
        assert "content-security-policy" in headers_of(nginx_url), "nginx sends no Content-Security-Policy"
    else:
        assert crawl.base_url == base_url and "content-security-policy" not in headers_of(base_url)
    assert len(crawl.pages) == len(PAGES)
    used = crawl.used
    assert used["search focus"].startswith("md-search-result__meta"), used
    assert used["advice"] == "adjust" and used["checker focus"], used
    assert at_page(crawl.base_url + "en/pain-rule/").fullmatch(used["switched to"]), used
    assert used["short link to"] == crawl.base_url + "herstel/#fase-2", used
    assert crawl.violations == []
    assert crawl.console == []


@pytest.mark.parametrize("metadata", PAGES, ids=lambda p: p.path)
def test_print_layout(crawl, metadata):
    """The page in print media: no screen chrome, its address, review date and licence, its
    sources, and link targets after links."""
    paper = crawl.pages[metadata.path].paper
    assert paper["chrome"] == [], f"{paper['chrome']} printed"
    assert paper["url"].endswith(url_of(metadata))
    assert paper["review"]
    # The licence, so a printout a clinic hands out says how it may be used and how to name it.
    assert paper["licence"], "the licence is not printed"
    assert url_of(metadata) in paper["licence"] and "CC BY 4.0" in paper["licence"]
    assert paper["references"] in (None, True), "the sources are not printed"
    for address, after in paper["links"]:
        assert address in after
