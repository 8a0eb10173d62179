"""The first paint changes nothing a reader can see: every page, built with extra.first_paint on
(the site) and off (a copy of the project), looks the same in Chromium, pixel by pixel —

- at 390 px and 1280 px, both languages, the whole page, once its scripts have run;
- with search open and showing results, and (at 390 px) with the navigation drawer open;
- with JavaScript off, where the page's inline CSS is all it gets: what a reader sees before the
  site's stylesheet and scripts arrive.

A difference a person could not see is allowed: text drawn a fraction of a pixel to the side
(Chromium draws the search results' text at slightly different sub-pixel positions in the two
builds, though every element has the same computed style and box). The pictures are compared as a person sees a phone's
pixels, in blocks of 4 × 4 averaged; any block whose colour differs visibly fails, with the
pictures saved to compare. A wrong colour, a missing rule, a moved line all show in blocks."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import (
    DESKTOP,
    PHONE,
    all_page_metadata,
    copy_project,
    mkdocs_build,
    page_path,
    serve,
)
from PIL import Image, ImageChops

pytestmark = pytest.mark.browser

BLOCK = 4  # pixels: the pictures are compared in blocks of BLOCK × BLOCK, averaged
# A block differs when a colour channel is off by more than this (of 255) …
CHANNEL_TOLERANCE = 24
# … and a picture differs when more than this share of its blocks do (a few blocks of a tall page).
BLOCK_TOLERANCE = 0.0001
# The search results, whose text moves by a fraction of a pixel between the builds: up to 0.07%
# of the blocks of a 1280 px screen, where a wrongly styled result shows in 2% (its marked words).
SEARCH_BLOCK_TOLERANCE = 0.001
QUERY = {"nl": "heup", "en": "hip"}
# The theme's script has run (it swaps no-js for js) and every stylesheet has arrived.
READY = """() => document.documentElement.classList.contains("js")
  && [...document.querySelectorAll('link[rel="stylesheet"]')].every(link => link.sheet)"""


@pytest.fixture(scope="module")
def site_without_first_paint(tmp_path_factory) -> Path:
    """The same site built with extra.first_paint: false."""
    project = copy_project(tmp_path_factory.mktemp("project-off"))
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count("first_paint: true") == 1, "mkdocs.yml: the switch is not where the test expects it"
    config.write_text(text.replace("first_paint: true", "first_paint: false"), encoding="utf-8")
    site_dir = tmp_path_factory.mktemp("site-off")
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stderr
    shutil.rmtree(project)
    assert "<style>" not in (site_dir / "index.html").read_text(encoding="utf-8"), "the switch did not switch off"
    return site_dir


@pytest.fixture(scope="module")
def urls(site, site_without_first_paint) -> Iterator[tuple[str, str]]:
    with serve(site) as on, serve(site_without_first_paint) as off:
        yield on, off


def picture(page, full_page: bool = False) -> Image.Image:
    """A screenshot once nothing moves: no transition (the drawer sliding in, the search box
    widening) or animation still running."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    return Image.open(io.BytesIO(page.screenshot(full_page=full_page, animations="disabled"))).convert("RGB")


def differs(on: Image.Image, off: Image.Image, tolerance: float = BLOCK_TOLERANCE) -> str | None:
    """What a person could see differ between the two pictures, or None."""
    if on.size != off.size:
        return f"sizes {on.size} and {off.size}"
    if ImageChops.difference(on, off).getbbox() is None:
        return None  # the same, pixel for pixel
    blocks = (on.size[0] // BLOCK, on.size[1] // BLOCK)
    difference = ImageChops.difference(on.resize(blocks, Image.BOX), off.resize(blocks, Image.BOX))
    # The largest channel difference of each block, over the tolerance or not.
    largest = ImageChops.lighter(ImageChops.lighter(*difference.split()[:2]), difference.split()[2])
    changed = largest.point(lambda v: 255 if v > CHANNEL_TOLERANCE else 0).histogram()[255]
    share = changed / (blocks[0] * blocks[1])
    return f"{changed} blocks of {BLOCK}×{BLOCK} pixels ({share:.3%})" if share > tolerance else None


class Comparison:
    """Pictures of the site with the step on and off; what differs is saved to look at."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []
        self.compared = 0

    def check(self, name: str, on: Image.Image, off: Image.Image) -> None:
        self.compared += 1
        problem = differs(on, off, SEARCH_BLOCK_TOLERANCE if name.endswith("-search") else BLOCK_TOLERANCE)
        if problem:
            on.save(self.folder / f"{name}-on.png")
            off.save(self.folder / f"{name}-off.png")
            self.problems.append(f"{name}: {problem}")

    def assert_same(self) -> None:
        assert self.compared, "nothing was compared"
        assert not self.problems, (f"the first paint changes what readers see (pictures in {self.folder}):\n"
                                   + "\n".join(self.problems))


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_function(READY)
    page.evaluate("document.fonts.ready")


def states(page, language: str, wide: bool) -> Iterator[tuple[str, Image.Image]]:
    """The page as it is, then with the drawer open (on a phone), then with search showing results."""
    yield "page", picture(page, full_page=True)
    if not wide:
        page.locator(".md-header label[for='__drawer']").first.click()
        page.wait_for_function("document.querySelector('#__drawer').checked")
        yield "drawer", picture(page)
        # Closed as a tap beside it would (the drawer covers the middle of the overlay).
        page.evaluate("""() => { const drawer = document.querySelector('#__drawer');
          drawer.checked = false; drawer.dispatchEvent(new Event('change')) }""")
    # On a phone the search button opens it; on a wide screen the box is in the header.
    page.locator("input.md-search__input" if wide else ".md-header label[for='__search']").first.click()
    page.locator("input.md-search__input").fill(QUERY[language])
    page.locator(".md-search-result__item").first.wait_for()
    page.wait_for_function(READY)
    yield "search", picture(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_page_looks_the_same_with_the_first_paint_step_on_and_off(browser, urls, viewport, tmp_path):
    comparison = Comparison(tmp_path)
    contexts = [browser.new_context(viewport=viewport) for _ in urls]
    pages = [context.new_page() for context in contexts]
    for metadata in all_page_metadata():
        path = page_path(metadata)
        shots = []
        for page, url in zip(pages, urls):
            open_page(page, url + path)
            shots.append(dict(states(page, metadata.locale, viewport is DESKTOP)))
        for state in shots[0]:
            comparison.check(f"{path.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-{state}",
                             shots[0][state], shots[1][state])
    for context in contexts:
        context.close()
    comparison.assert_same()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_without_javascript_every_page_looks_as_it_does_with_the_theme_stylesheet(browser, urls, viewport,
                                                                                   tmp_path):
    """JavaScript off: the site's stylesheet never loads, so the inline CSS is all a page has —
    and what every reader sees before the rest arrives."""
    comparison = Comparison(tmp_path)
    contexts = [browser.new_context(viewport=viewport, java_script_enabled=False) for _ in urls]
    pages = [context.new_page() for context in contexts]
    for metadata in all_page_metadata():
        path = page_path(metadata)
        shots = []
        for page, url in zip(pages, urls):
            page.goto(url + path, wait_until="load")
            shots.append(picture(page, full_page=True))
        comparison.check(f"{path.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-nojs", *shots)
    for context in contexts:
        context.close()
    comparison.assert_same()
