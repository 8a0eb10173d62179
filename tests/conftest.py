"""Fixtures: the site built once per run (strict), served on 127.0.0.1 and behind nginx, Debian's
Chromium, and one crawl of every page per viewport (tests/support/crawl.py) for test_every_page.py.
With pytest-xdist the tests run in groups on every core (pytest_xdist_make_scheduler below).

Tests that need a tool from outside Python (Chromium, nginx, Java with the Nu HTML Checker,
poppler) carry the marker `tools`, so `make check` can leave them out: those that use the
`browser` or `nginx_url` fixture get it here; others are marked in their file."""

from __future__ import annotations

import os
import re
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
from support.crawl import HTMLCS, crawl_site
from support.data_edits import build_with_data_edits
from support.shared import built_once
from support.site import slow_cpu


def build_strict(project: Path, site_dir: Path) -> None:
    result = mkdocs_build(project, site_dir)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)


# `make check` builds the site strictly itself (as the tests do: without SITE_URL or
# HEUPPIJN_PUBLISH from the shell), so an editor sees MkDocs' own output, and hands the folder over
# here instead of building it a second time.
BUILT_SITE = os.environ.get("HEUPPIJN_BUILT_SITE")


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for the whole run with `mkdocs build --strict`. Tests only read it."""
    if BUILT_SITE:
        folder = Path(BUILT_SITE).resolve()
        if not (folder / "index.html").exists():
            pytest.fail(f"HEUPPIJN_BUILT_SITE={BUILT_SITE}: no built site there (run `make check`)", pytrace=False)
        return folder
    return built_once(tmp_path_factory, "site", lambda folder: build_strict(ROOT, folder))


@pytest.fixture(scope="session")
def data_edited(tmp_path_factory: pytest.TempPathFactory, site: Path) -> Path:
    """A copy of the project with an editor's changes to three data files (tests/support/data_edits.py),
    built once for the run into its site/ (after the run's build, whose cache it starts from)."""
    return built_once(tmp_path_factory, "data-edited", build_with_data_edits)


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
# in each page's <meta> must hold. test_every_page.py asserts on them.
@pytest.fixture(scope="session")
def crawl_390(browser, nginx_url):
    return crawl_site(browser, "390px, nginx", nginx_url, PHONE, all_page_metadata())


# HTML_CodeSniffer, the second accessibility engine (package.json), runs in the wide screen's crawl
# (1280 px wide, as pa11y ran it). Without it (no `npm ci`), the crawl runs without it and only
# test_html_codesniffer_finds_no_error_on_any_page fails, saying how to install it.
@pytest.fixture(scope="session")
def crawl_1280(browser, base_url):
    return crawl_site(browser, "1280px, no headers", base_url, DESKTOP, all_page_metadata(),
                      htmlcs=HTMLCS.read_text(encoding="utf-8") if HTMLCS.exists() else None)


@pytest.fixture(params=["390", "1280"], ids=["390px", "1280px"])
def crawl(request):
    """The crawl at each viewport in turn."""
    return request.getfixturevalue(f"crawl_{request.param}")


@pytest.fixture
def slow_phone(browser):
    """A page on a phone as a patient holds it: 390 px, a touch screen, the CPU four times slower.
    Fails the test on any script error."""

    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    slow_cpu(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


# Fixtures that start a tool from outside Python: a test that uses one needs `make test`.
TOOL_FIXTURES = {"browser", "nginx_url", "crawl", "crawl_390", "crawl_1280"}


# With pytest-xdist, tests run in groups, each group on one worker: a module's tests together, so
# its module fixtures are made once; in test_every_page.py, the tests of each crawl together, so
# each crawl runs once; and the few long comparisons of test_first_paint_browser.py, and the
# builds of project copies in test_pipeline.py (no module fixtures; 40 s of `make check`'s 100 s
# as one group), one by one, which evens the workers' load (what they share is built once for the
# run: built_once). The groups are read from the test's address, because pytest 9 no longer lets
# pytest-xdist's `xdist_group` mark change it.
EACH_CRAWL_TOGETHER = "test_every_page.py"
ONE_BY_ONE = {"test_first_paint_browser.py", "test_pipeline.py"}


def group_of(nodeid: str) -> str:
    module = nodeid.split("::", 1)[0]
    if module.endswith(EACH_CRAWL_TOGETHER):
        return module + ("[390px]" if re.search(r"[\[-]390px[\]-]", nodeid) else "[1280px]")
    if Path(module).name in ONE_BY_ONE:
        return nodeid
    return module


def pytest_xdist_make_scheduler(config, log):
    """Always this scheduler when the tests run on several cores (`--dist` is not read)."""
    from xdist.scheduler import LoadScopeScheduling

    class GroupScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return group_of(nodeid)

    return GroupScheduling(config, log)


# The longest groups first (minutes each on two cores): the workers take groups in the order the
# tests are collected, and a long group taken last leaves the other cores idle at the end.
LONGEST_FIRST = ["test_first_paint_browser.py", "test_every_page.py", "test_pain_check_browser.py",
                 "test_pain_diary_browser.py", "test_exercises_browser.py", "test_first_paint_largest.py",
                 "test_reading_on_a_phone.py", "test_editor_errors.py", "test_pipeline.py"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TOOL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.tools)
    rank = {name: number for number, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.name, len(LONGEST_FIRST)))


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
