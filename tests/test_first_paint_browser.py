"""The first paint changes nothing a reader can see: every page, built with extra.first_paint on
(the site) and off (a copy of the project), looks the same in Chromium, pixel by pixel —

- every page at 390 px, and a sample at 1280 px, both languages, the whole page, once its
  scripts have run;
- with search open and showing results, and (at 390 px) with the navigation drawer open, on a
  sample of pages (the header is the same on every page);
- with JavaScript off (every page at 390 px, the sample at 1280 px), where the page's inline CSS
  is all it gets: what a reader sees before the site's stylesheet and scripts arrive.

The pictures are compared as a person sees a phone's pixels, in blocks of 4 × 4 averaged; a
block whose colour differs visibly fails, with the pictures saved to compare. A whole page is
drawn at half scale (FULL_PAGE_SCALE) and compared in blocks of 2 × 2 of its pixels: the same
4 × 4 CSS pixels, a quarter of the pixels to draw, encode and compare. A wrong colour, a
missing rule, a moved line all show in blocks. Search results are the exception: Chromium draws
their text at slightly different sub-pixel positions from one load to the next (the step on or
off alike), so their pictures get a wider margin, and the elements of the search box and of the
first results must have the same computed style and box in both builds — stricter than any
picture."""

from __future__ import annotations

import base64
import io
import json
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
from support.site import PAGE_SETTLED, STILL, STYLES_OF
from support.shared import built_once
from PIL import Image, ImageChops

pytestmark = pytest.mark.browser

BLOCK = 4  # CSS pixels: the pictures are compared in blocks of BLOCK × BLOCK, averaged
# A whole page is drawn at this scale (Chromium draws it so: half the time of a full-scale picture),
# and compared in blocks of BLOCK × FULL_PAGE_SCALE of its pixels. Checked against full scale on
# the longest warning page with small defects in the site's stylesheet (a title 1 px lower, a
# reference 1 px to the right, a paragraph of text 12 levels lighter, a bolder reference, thicker
# link underlines): each differed in the same share of blocks at both scales (0.06–1.2%, against
# the BLOCK_TOLERANCE of 0.01%).
FULL_PAGE_SCALE = 0.5
# A block differs when a colour channel is off by more than this (of 255): less than the
# difference between white and the site's palest warning tint (#fdecea: 18 in blue) …
CHANNEL_TOLERANCE = 8
# … and a picture differs when more than this share of its blocks do (a few blocks of a tall page).
BLOCK_TOLERANCE = 0.0001
# The search results, whose text moves by a fraction of a pixel between loads: their pictures
# are compared as loosely as a glance (a block off by more than 24 levels, in more than 1% of the
# screen); their styles are compared exactly on the home pages (SEARCH).
SEARCH_CHANNEL_TOLERANCE = 24
SEARCH_BLOCK_TOLERANCE = 0.01
# Every element a selector finds (scripts aside: the step moves them), and its ::before and
# ::after (of one that is not drawn, its content only: STYLES_OF): the computed style and the box,
# to a tenth of a pixel (a tooltip placed under the pointer moves by a thousandth).
STYLES = f"""([selector, pseudos]) => {{ {STYLES_OF}
  return JSON.stringify(stylesOf([...document.querySelectorAll(selector)].filter(e => e.tagName !== "SCRIPT"),
                                 e => e.tagName + " " + (e.getAttribute("class") || ""), pseudos, true));
}}"""
# Search: its box and the first two results (the others are styled alike; every element of every
# result would take seconds a page).
SEARCH = (".md-search__form, .md-search__form *, .md-search-result__meta, .md-search-result__item:nth-child(-n+2), "
          ".md-search-result__item:nth-child(-n+2) *")
QUERY = {"nl": "heup", "en": "hip"}
# Every page is compared at 390 px, where most readers are. The drawer and search are the header's,
# the same template and stylesheet on every page, and at 1280 px the page's own rules are the same
# ones with wider media queries: those are compared on a sample in both languages — the home page
# (where search's styles are compared element by element), the longest page, the checker, the
# diary and the referrers' page with its folds.
HEADER_SAMPLE = {"index.md", "herstel.md", "pijnregel.md"}
WIDE_SAMPLE = HEADER_SAMPLE | {"pijndagboek.md", "verwijzers.md"}


def pages_at(viewport: dict) -> list:
    """Every page at 390 px, the sample at 1280 px."""
    return [metadata for metadata in all_page_metadata() if viewport is PHONE or metadata.name in WIDE_SAMPLE]


def build_without_first_paint(site_dir: Path) -> None:
    project = site_dir.with_name(site_dir.name + "-project")
    shutil.rmtree(project, ignore_errors=True)  # left by a worker whose build failed or skipped
    project.mkdir()
    try:
        copy_project(project)
        config = project / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        if text.count("first_paint: true") != 1:
            pytest.skip("extra.first_paint is not on in mkdocs.yml: nothing to compare")
        config.write_text(text.replace("first_paint: true", "first_paint: false"), encoding="utf-8")
        result = mkdocs_build(project, site_dir)
        assert result.returncode == 0, result.stderr
    finally:
        shutil.rmtree(project)
    assert "<style>" not in (site_dir / "index.html").read_text(encoding="utf-8"), "the switch did not switch off"


@pytest.fixture(scope="session")
def site_without_first_paint(tmp_path_factory) -> Path:
    """The same site built with extra.first_paint: false, once for the run."""
    return built_once(tmp_path_factory, "site-without-first-paint", build_without_first_paint)


@pytest.fixture(scope="module")
def urls(site, site_without_first_paint) -> Iterator[tuple[str, str]]:
    with serve(site) as on, serve(site_without_first_paint) as off:
        yield on, off


def new_page(context):
    """A page whose transitions and animations end as soon as they start. The theme's search box
    fades its placeholder (a transition inside the input, which getAnimations() does not list,
    so no wait sees it, and "animations disabled" does not stop it): under CPU throttling a
    picture caught it half-way, with the step on and off alike. The end states are compared."""
    page = context.new_page()
    timeline = context.new_cdp_session(page)
    timeline.send("Animation.enable")
    timeline.send("Animation.setPlaybackRate", {"playbackRate": 100000})
    return page


def settled(page) -> None:
    """Nothing moves: no transition (the drawer sliding in, a focus ring) or animation runs."""
    page.wait_for_function(STILL)


def styles(page, selector: str, pseudos: bool = False) -> list[dict]:
    settled(page)
    return json.loads(page.evaluate(STYLES, [selector, pseudos]))


SIZE = "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"


def picture(page, full_page: bool = False) -> Image.Image:
    """A screenshot once nothing moves. A whole page is taken in one tall frame, as Chromium
    draws it for DevTools (optimized for speed: the same pixels, encoded with less compression;
    Playwright's own whole-page picture takes about twice as long), at the size the page has just
    before. On a busy machine the page once changed size while its picture was taken (cut short of
    the footer), so the picture counts only when the page still has that size afterwards, and is
    taken again when it has not."""
    for _ in range(3):
        settled(page)
        if not full_page:
            return Image.open(io.BytesIO(page.screenshot(animations="disabled"))).convert("RGB")
        size = page.evaluate(SIZE)
        devtools = page.context.new_cdp_session(page)
        shot = devtools.send("Page.captureScreenshot", {
            "format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": size[0], "height": size[1], "scale": FULL_PAGE_SCALE}})
        devtools.detach()
        if page.evaluate(SIZE) == size:
            image = Image.open(io.BytesIO(base64.b64decode(shot["data"]))).convert("RGB")
            image.info["block"] = round(BLOCK * FULL_PAGE_SCALE)
            return image
    raise AssertionError(f"{page.url}: the page kept changing size ({size}, then {page.evaluate(SIZE)} px)")


def differs(on: Image.Image, off: Image.Image, tolerance: float = BLOCK_TOLERANCE,
            channel_tolerance: int = CHANNEL_TOLERANCE) -> str | None:
    """What a person could see differ between the two pictures, or None."""
    if on.size != off.size:
        return f"sizes {on.size} and {off.size}"
    if ImageChops.difference(on, off).getbbox() is None:
        return None  # the same, pixel for pixel
    block = on.info.get("block", BLOCK)  # a whole page's picture is drawn at FULL_PAGE_SCALE
    blocks = (on.size[0] // block, on.size[1] // block)
    difference = ImageChops.difference(on.resize(blocks, Image.BOX), off.resize(blocks, Image.BOX))
    # The largest channel difference of each block, over the tolerance or not.
    largest = ImageChops.lighter(ImageChops.lighter(*difference.split()[:2]), difference.split()[2])
    changed = largest.point(lambda v: 255 if v > channel_tolerance else 0).histogram()[255]
    share = changed / (blocks[0] * blocks[1])
    return f"{changed} blocks of {block}×{block} pixels ({share:.3%})" if share > tolerance else None


class Comparison:
    """Pictures of the site with the step on and off; what differs is saved to look at."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problems: list[str] = []
        self.compared = 0

    def check(self, name: str, on: Image.Image, off: Image.Image) -> None:
        self.compared += 1
        search = name.endswith("-search")
        problem = differs(on, off, SEARCH_BLOCK_TOLERANCE if search else BLOCK_TOLERANCE,
                          SEARCH_CHANNEL_TOLERANCE if search else CHANNEL_TOLERANCE)
        if problem:
            on.save(self.folder / f"{name}-on.png")
            off.save(self.folder / f"{name}-off.png")
            self.problems.append(f"{name}: {problem}")

    def check_styles(self, name: str, on: list[dict], off: list[dict]) -> None:
        self.compared += 1
        if len(on) != len(off):
            self.problems.append(f"{name}: {len(on)} elements with the step on, {len(off)} off")
            return
        for element_on, element_off in zip(on, off):
            differing = [key for key in element_on if element_on[key] != element_off.get(key)]
            if differing:
                key = differing[0]
                self.problems.append(f"{name}: {element_on['element']}: {key} is {element_on[key]!r} with the "
                                     f"step on, {element_off.get(key)!r} off")
                return

    def assert_same(self) -> None:
        assert self.compared, "nothing was compared"
        assert not self.problems, (f"the first paint changes what readers see (pictures in {self.folder}):\n"
                                   + "\n".join(self.problems))


def open_page(page, url: str) -> None:
    # The pointer off every control first: where the last page's search box was clicked, the
    # next page's box would turn to its hover colour (a transition) at a moment no wait can see.
    page.mouse.move(0, 0)
    page.goto(url)
    page.wait_for_function(PAGE_SETTLED)
    page.evaluate("document.fonts.ready")


def states(page, language: str, wide: bool, search_styles: bool,
           header_too: bool) -> Iterator[tuple[str, Image.Image | list[dict]]]:
    """The page as it is; on the pages of HEADER_SAMPLE, then with the drawer open (on a phone),
    then with search showing results (its picture, and on the home pages its elements' styles)."""
    yield "page", picture(page, full_page=True)
    if not header_too:
        return
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
    page.wait_for_function(PAGE_SETTLED)
    yield "search", picture(page)
    if search_styles:
        yield "search-styles", styles(page, SEARCH)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_page_looks_the_same_with_the_first_paint_step_on_and_off(browser, urls, viewport, tmp_path):
    comparison = Comparison(tmp_path)
    contexts = [browser.new_context(viewport=viewport) for _ in urls]
    pages = [new_page(context) for context in contexts]
    for metadata in pages_at(viewport):
        path = page_path(metadata)
        shots = []
        for page, url in zip(pages, urls):
            open_page(page, url + path)
            shots.append(dict(states(page, metadata.locale, viewport is DESKTOP, search_styles=metadata.is_home,
                                     header_too=metadata.name in HEADER_SAMPLE)))
        for state in shots[0]:
            name = f"{path.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-{state}"
            if state.endswith("-styles"):
                comparison.check_styles(name, shots[0][state], shots[1][state])
            else:
                comparison.check(name, shots[0][state], shots[1][state])
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
    pages = [new_page(context) for context in contexts]
    for metadata in pages_at(viewport):
        path = page_path(metadata)
        shots = []
        for page, url in zip(pages, urls):
            page.goto(url + path, wait_until="load")
            shots.append(picture(page, full_page=True))
        comparison.check(f"{path.strip('/').replace('/', '-') or 'home'}-{viewport['width']}-nojs", *shots)
    for context in contexts:
        context.close()
    comparison.assert_same()


# What a reader does on a page, and what of the page it changes: (page, viewport, what to do,
# the elements to compare). Each runs on both builds once their scripts have run.
def urgent_answer(page) -> None:
    """The pain checker: a warning sign ticked, so the advice is to get help now."""
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    checker.locator("label:has(input[name='red_flag'])").first.click()
    page.wait_for_function("() => document.querySelector('[data-pain-check-result]').dataset.shown")


def high_pain(page) -> None:
    """The pain checker: pain above the limit, so the advice is to do a bit less."""
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    checker.locator("label:has(input[name='pain'][value='9'])").click()
    page.wait_for_function("() => document.querySelector('[data-pain-check-result]').dataset.shown")


def open_fold_out(page) -> None:
    """The referrers' page: a recovery phase's referral text unfolded."""
    page.locator("details.referral-phase summary").first.click()
    page.wait_for_function("() => document.querySelector('details.referral-phase').open")


def hover_term(page) -> None:
    """A glossary term: its explanation opens over it."""
    page.locator(".md-content abbr[title]").first.hover()
    page.locator(".md-tooltip2").first.wait_for(state="visible")


ACTIONS = [
    ("pijnregel/", PHONE, urgent_answer, "[data-pain-check], [data-pain-check] *"),
    ("en/pain-rule/", PHONE, high_pain, "[data-pain-check], [data-pain-check] *"),
    ("verwijzers/", PHONE, open_fold_out, "details.referral-phase, details.referral-phase *"),
    ("en/what-is-gtps/", DESKTOP, hover_term, ".md-tooltip2, .md-tooltip2 *"),
]


@pytest.mark.parametrize("path, viewport, action, selector", ACTIONS, ids=[a[2].__name__ for a in ACTIONS])
def test_what_a_reader_does_looks_the_same_with_the_first_paint_step_on_and_off(browser, urls, path, viewport,
                                                                                 action, selector, tmp_path):
    """Every element the action shows or changes has the same computed style and box (and its
    ::before and ::after) with the step on and off; and the screen looks the same."""
    comparison = Comparison(tmp_path)
    found = []
    for url in urls:
        context = browser.new_context(viewport=viewport)
        page = new_page(context)
        open_page(page, url + path)
        action(page)
        page.wait_for_function(PAGE_SETTLED)
        found.append((styles(page, selector, pseudos=True), picture(page)))
        context.close()
    assert found[0][0], f"{path}: nothing matches {selector}"
    comparison.check_styles(f"{action.__name__}-styles", found[0][0], found[1][0])
    comparison.check(action.__name__, found[0][1], found[1][1])
    comparison.assert_same()
