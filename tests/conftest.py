"""Fixtures: the site built once (strict), served on 127.0.0.1, and Debian's Chromium.

Tests that need a tool from outside Python (Chromium, nginx, Java with the Nu HTML Checker,
poppler) carry the marker `tools`, so `make check` can leave them out: those that use the
`browser` or `nginx_url` fixture get it here; others are marked in their file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import CHROMIUM, CHROMIUM_ARGS, PHONE, ROOT, mkdocs_build, serve
from support.site import REPORT


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once for the whole run with `mkdocs build --strict`."""
    site_dir = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"strict build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)
    return site_dir


@pytest.fixture(scope="session")
def base_url(site: Path) -> Iterator[str]:
    """The built site served over HTTP on 127.0.0.1."""
    with serve(site) as url:
        yield url


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make test`, which installs it")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


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
TOOL_FIXTURES = {"browser", "nginx_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if TOOL_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.tools)


def pytest_terminal_summary(terminalreporter) -> None:
    if REPORT:
        terminalreporter.section("measurements")
        for line in REPORT:
            terminalreporter.write_line(line)
