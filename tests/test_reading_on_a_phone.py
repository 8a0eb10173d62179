"""Reading a page on a phone, as in the walk-through of issue 25: 390 px wide, a touch screen, the
CPU slowed as a cheap phone's, scrolling with a finger and tapping. A glossary word near the
bottom of the screen opens its explanation where it can be read, every use of a word opens it,
and the page says so once; a source number is easy to hit and the reader finds the way back to
the number they tapped; the language switch opens the section on screen; no button covers the
text while scrolling up."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from heuppijn_site.content.glossary_terms import load_glossary
from heuppijn_site.content.references import load_references
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.site import DOCS, LANGUAGES, PAGE_SETTLED, slow_cpu

pytestmark = pytest.mark.browser

MIN_TARGET = 24  # px: WCAG 2.2, 2.5.8 target size (minimum)
TEXTS = site_texts(ROOT, LANGUAGES)
GLOSSARY = load_glossary(ROOT / "data/glossary.yml", LANGUAGES,
                         sorted(path.name for path in (DOCS / "nl").glob("*.md")), "data/glossary.yml",
                         load_references(ROOT / "data/references.yml"))
WHAT_IS_GTPS = {"nl": "wat-is-gtps/", "en": "en/what-is-gtps/"}
SELF_CARE = {"nl": "zelf-doen/", "en": "en/self-care/"}
# The recovery page's third phase, in each language, and its address in the other language.
RECOVERY = {"nl": ("herstel/", "fase-3", "en/recovery/#phase-3"),
            "en": ("en/recovery/", "phase-3", "herstel/#fase-3")}
SWITCH = {"nl": "English", "en": "Nederlands"}
# The page has stopped moving: the same scroll position for five frames in a row.
SCROLL_SETTLED = """() => new Promise(done => {
    let last = scrollY, still = 0;
    const check = () => {
        still = scrollY === last ? still + 1 : 0;
        last = scrollY;
        if (still >= 5) done(); else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
})"""


# Six frames of the page (100 ms or more): how long a finger is held still before it lets go.
FRAMES = """() => new Promise(done => {
    let frames = 0;
    const next = () => (++frames >= 6 ? done() : requestAnimationFrame(next));
    requestAnimationFrame(next);
})"""


class Phone:
    """A page on a slow touch phone, with a finger that swipes and taps."""

    def __init__(self, page, cdp) -> None:
        self.page = page
        self.cdp = cdp

    def open(self, url: str) -> None:
        self.page.goto(url)
        self.page.wait_for_function(PAGE_SETTLED)

    def swipe(self, distance: float) -> None:
        """Scroll the page by about `distance` px (down when positive): a finger on the screen,
        moved up (or down) in steps of at most 500 px, held still before it lets go (no fling)."""
        x = PHONE["width"] / 2
        while abs(distance) >= 1:
            step = max(-500.0, min(500.0, distance))
            start = PHONE["height"] / 2 + step / 2
            self.touch("touchStart", x, start)
            for i in range(1, 11):
                self.touch("touchMove", x, start - step * i / 10)
            # The finger holds still for a few frames (Chromium takes a finger that has not
            # moved for 40 ms as stopped), so the page does not fling on however busy a machine.
            self.touch("touchMove", x, start - step)
            self.page.evaluate(FRAMES)
            self.touch("touchMove", x, start - step)
            self.touch("touchEnd")
            distance -= step
        self.page.evaluate(SCROLL_SETTLED)

    def touch(self, kind: str, x: float = 0, y: float = 0) -> None:
        points = [] if kind == "touchEnd" else [{"x": x, "y": y}]
        self.cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})

    def swipe_until(self, locator, top: float) -> dict:
        """Swipe until the element's top is about `top` px from the top of the screen."""
        for _ in range(4):
            box = locator.bounding_box()
            if abs(box["y"] - top) < 24:
                break
            self.swipe(box["y"] - top)
        return locator.bounding_box()

    def tap(self, locator) -> None:
        box = locator.bounding_box()
        self.page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)

    def header_bottom(self) -> float:
        return self.page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    cdp = slow_cpu(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield Phone(page, cdp)
    context.close()
    assert errors == [], f"script errors: {errors}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_glossary_word_says_it_can_be_tapped_and_explains_itself_near_the_bottom(phone, base_url, language):
    """The page says once, under the first dotted word, that such a word can be tapped. A word
    used again further down, tapped near the bottom of the screen, opens its explanation, all of
    it on screen (above the word)."""
    page = phone.page
    phone.open(base_url + WHAT_IS_GTPS[language])
    # Every explained word (the theme takes the title away from a word once it has shown it).
    words = page.locator("article abbr")
    hint = page.locator("article .term-hint")
    expect(hint).to_have_count(1)
    expect(hint).to_have_text(TEXTS[language].glossary["hint"])
    first, line = words.first.bounding_box(), hint.bounding_box()
    assert 0 < line["y"] - (first["y"] + first["height"]) < 120, "the hint is right under the first word"

    # A word the page explained before (the same definition as an earlier word), on one line.
    again = words.evaluate_all(
        """words => { const seen = new Set(); return words.findIndex(word => {
                        const before = seen.has(word.title); seen.add(word.title); return before
                          && word.getClientRects().length === 1
                          && word.getBoundingClientRect().top > 1.5 * innerHeight; }); }""")
    assert again > 0, "the page uses an explained word again further down"
    word = words.nth(again)
    box = phone.swipe_until(word, PHONE["height"] - 90)
    assert box["y"] > PHONE["height"] * 0.75, f"the word is near the bottom of the screen: {box}"
    phone.tap(word)

    definitions = GLOSSARY.definitions(language)
    explanation = page.get_by_role("tooltip").filter(has_text=definitions[word.inner_text()])
    expect(explanation).to_be_visible()
    page.wait_for_function(
        """() => { const tip = document.querySelector('[role=tooltip].md-tooltip2--active');
                   return tip && getComputedStyle(tip).opacity === '1'; }""")
    shown = explanation.locator(".md-tooltip2__inner").bounding_box()
    header = phone.header_bottom()
    assert shown["y"] >= header and shown["y"] + shown["height"] <= PHONE["height"], (
        f"{language}: the explanation runs off the screen: {shown}")
    word_box = word.bounding_box()
    assert not (shown["y"] < word_box["y"] + word_box["height"] and word_box["y"] < shown["y"] + shown["height"]), (
        "the explanation covers the word")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_source_number_is_easy_to_tap_and_the_reader_gets_back_to_it(phone, base_url, language):
    """A source cited several times: its second number in the text is a target of at least
    24 × 24 px; after the tap, the source's list marks the link back to that number, and the
    tap on it brings the reader back to that number, not to the first mention."""
    page = phone.page
    phone.open(base_url + SELF_CARE[language])
    numbers = page.locator("article sup.citation a")
    hrefs = numbers.evaluate_all("links => links.map(link => link.getAttribute('href'))")
    index = next(i for i, href in enumerate(hrefs) if href in hrefs[:i])
    number = numbers.nth(index)
    citation_id = number.evaluate("link => link.closest('sup.citation').id")
    box = phone.swipe_until(number, PHONE["height"] / 2)
    assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, f"{language}: too small to tap: {box}"
    # The whole area answers a finger, not only the digit.
    for x, y in ((box["x"] + 1, box["y"] + 1), (box["x"] + box["width"] - 1, box["y"] + box["height"] - 1)):
        hit = page.evaluate("([x, y]) => document.elementFromPoint(x, y).closest('sup.citation a') !== null", [x, y])
        assert hit, f"{language}: a tap at ({x:.0f}, {y:.0f}) misses the number {box}"

    phone.tap(number)
    page.wait_for_url(re.compile(re.escape(hrefs[index]) + "$"))
    source = page.locator(hrefs[index])
    back = source.locator("a.citation-back")
    assert back.count() > 1, "this source is cited more than once"
    marked = source.locator("a.citation-back--from")
    expect(marked).to_have_count(1)
    expect(marked).to_be_visible()
    assert marked.get_attribute("href") == "#" + citation_id
    colours = back.evaluate_all("links => links.map(link => getComputedStyle(link).backgroundColor)")
    assert len(set(colours)) == 2, f"{language}: the way back does not stand out: {colours}"

    marked.evaluate("link => link.scrollIntoView({block: 'center'})")
    phone.tap(marked)
    page.wait_for_url(re.compile(f"#{citation_id}$"))
    expect(page.locator(f"#{citation_id}")).to_be_in_viewport()
    top = page.locator(f"#{citation_id}").bounding_box()["y"]
    assert top >= phone.header_bottom(), f"{language}: the number is under the header"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_language_switch_opens_the_section_the_reader_scrolled_to(phone, base_url, language):
    page = phone.page
    path, section, twin = RECOVERY[language]
    phone.open(base_url + path)
    heading = page.locator(f"#{section}")
    phone.swipe_until(heading, phone.header_bottom() + 20)
    assert "#" not in page.url, "the reader scrolled; the address has no section"

    phone.tap(page.locator(".md-header").get_by_role("link", name=SWITCH[language], exact=True))
    page.wait_for_url(base_url + twin)
    page.wait_for_function(PAGE_SETTLED)
    there = page.locator("#" + twin.split("#")[1])
    expect(there).to_be_in_viewport()
    assert there.bounding_box()["y"] >= phone.header_bottom() - 1, "the section's heading is under the header"


def test_after_a_link_to_a_section_the_switch_follows_the_readers_own_scrolling(phone, base_url):
    """A clinic's link opens phase 2; the reader swipes on to phase 3 and switches: phase 3 in the
    other language, not the section the link named."""
    page = phone.page
    phone.open(base_url + "herstel/#fase-2")
    phone.swipe_until(page.locator("#fase-3"), phone.header_bottom() + 20)
    phone.tap(page.locator(".md-header").get_by_role("link", name=SWITCH["nl"], exact=True))
    page.wait_for_url(base_url + "en/recovery/#phase-3")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_back_to_top_button_over_the_text_while_scrolling_up(phone, base_url, language):
    """Material shows its back-to-top button each time the reader scrolls up; on a phone it lay
    over the lines being read."""
    page = phone.page
    phone.open(base_url + RECOVERY[language][0])
    phone.swipe(2500)
    phone.swipe(-300)
    button = page.locator(".md-top")
    # The theme's script has decided to show it (it takes away `hidden`) ...
    expect(button).not_to_have_attribute("hidden", "")
    # ... and on a phone it is not there to cover the text.
    expect(button).not_to_be_visible()
