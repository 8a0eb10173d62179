"""Fixtures: the site built once (strict), served on 127.0.0.1, and Debian's Chromium.

Tests that need a tool from outside Python (Chromium, nginx, Java with the Nu HTML Checker,
poppler) carry the marker `tools`, so `make check` can leave them out: those that use the
`browser` or `nginx_url` fixture get it here; others are marked in their file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PHONE,
    ROOT,
    all_page_metadata,
    mkdocs_build,
    serve,
    serve_with_nginx,
)
from support.crawl import crawl_site
from support.shared import built_once


def build_strict(project: Path, site_dir: Path) -> None:
    result = mkdocs_build(project, site_dir)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for the whole run with `mkdocs build --strict`. Tests only read it."""
    return built_once(tmp_path_factory, "site", lambda folder: build_strict(ROOT, folder))


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def nginx_url(site: Path) -> Iterator[str]:
    """The built site behind nginx with deploy/'s configuration: its headers, its compression."""
    with serve_with_nginx(site) as urls:
        yield urls[0]


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# Every page visited once per viewport (tests/support/crawl.py), each from one of the two kinds of
# host the site runs on: the phone through nginx, which sends the security headers; the wide
# screen from a host that sends none (Python's static server, as GitHub Pages), where the policy
# in each page's <meta> must hold. The wide crawl also reads each page in print media.
@pytest.fixture(scope="session")
def crawl_390(browser, nginx_url):
    return crawl_site(browser, "390px, nginx", nginx_url, PHONE, all_page_metadata(), paper=False)


@pytest.fixture(scope="session")
def crawl_1280(browser, base_url):
    return crawl_site(browser, "1280px, no headers", base_url, DESKTOP, all_page_metadata(), paper=True)


@pytest.fixture(params=["390", "1280"], ids=["390px", "1280px"])
def crawl(request):
    """The crawl at each viewport in turn."""
    return request.getfixturevalue(f"crawl_{request.param}")


SLOW_PHONE_CPU = 4  # how much slower a cheap phone's CPU is (Chromium's CPU throttling)


@pytest.fixture
def slow_phone(browser):
    """A page on a phone as a patient holds it: 390 px, a touch screen, the CPU four times slower.
    Fails the test on any script error."""

    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": SLOW_PHONE_CPU})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


# Fixtures that start a tool from outside Python: a test that uses one needs `make test`.
TOOL_FIXTURES = {"browser", "nginx_url", "crawl", "crawl_390", "crawl_1280"}


# With pytest-xdist (make test), tests run in groups, each group on one worker: a module's tests
# together, so its module fixtures are made once; the tests of each crawl together, so each crawl
# runs once. The modules below are a few long independent tests each, and sharing them out evens the
# workers' load (what they share is built once for the run: built_once).
SHARED_OUT = {"test_first_paint_browser.py"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        if TOOL_FIXTURES & fixtures:
            item.add_marker(pytest.mark.tools)
        crawl = next((name for name in ("crawl_390", "crawl_1280") if name in fixtures), None)
        if "crawl" in fixtures:
            crawl = f"crawl_{item.callspec.params['crawl']}"
        if crawl:
            group = crawl
        elif item.path.name in SHARED_OUT:
            group = item.nodeid
        else:
            group = item.path.name
        item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture
def measurement(request):
    """Record a line worth seeing at the end of the run (such as page weight). It travels with the
    test's report, so it reaches the summary from whichever worker ran the test."""
    return lambda line: request.node.user_properties.append(("measurement", line))


MEASUREMENTS: list[str] = []


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call":
        MEASUREMENTS.extend(value for name, value in report.user_properties if name == "measurement")


def pytest_terminal_summary(terminalreporter) -> None:
    if MEASUREMENTS:
        terminalreporter.section("measurements")
        for line in MEASUREMENTS:
            terminalreporter.write_line(line)
