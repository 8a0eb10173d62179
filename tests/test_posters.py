"""Waiting-room posters (issue 25): the referrers' page links to an A4 poster for each page with
a QR code and each recovery phase; on a phone a tap opens the poster; each poster prints alone on
one A4 page with its title, its line, the address and a large QR code that reads back as exactly
that address."""

from __future__ import annotations

import subprocess

import pytest
import segno
from playwright.sync_api import expect
from support.clinicians import KIT_PAGES, PAGES, PHASES, PHASE_LINKS, QR_PAGES, in_view_and_on_top
from support.site import LANGUAGES, url_of
from support.printing import need_poppler, print_a4

pytestmark = pytest.mark.browser

POSTER_PAGES = {"nl": "posters/", "en": "en/posters/"}
DPI = 150


def expected_posters(language: str) -> dict[str, str | None]:
    """{address: the line under the title} for every poster in `language` (phases: any line)."""
    posters: dict[str, str | None] = {url_of(p): p.description for p in PAGES
                                      if p.name in QR_PAGES and p.locale == language}
    posters.update({PHASE_LINKS[language].format(number): None for number in PHASES})
    return posters


def qr_modules_in_pdf(pdf, tmp_path, size: int) -> tuple[set[tuple[int, int]], float]:
    """The dark modules of the one QR code printed on the PDF's page (a code `size` modules wide),
    read from the page drawn at DPI, and the code's width in mm. Only a code has solid squares
    as big as the middle of its three finder patterns (3 × 3 modules): thinning every dark shape
    by about 24 px (blocks of 8 × 8 px that are wholly dark, then 3 × 3 such blocks) leaves
    those, and from them outwards the quiet zone gives the code's exact edges."""
    from PIL import Image, ImageFilter

    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", "-png", "-singlefile", str(pdf), str(tmp_path / "page")],
                   check=True)
    image = Image.open(tmp_path / "page.png").convert("L").point(lambda v: 0 if v < 128 else 255)
    blocks = image.reduce(8).point(lambda v: 0 if v == 0 else 255).filter(ImageFilter.MaxFilter(3))
    found = blocks.point(lambda v: 255 - v).getbbox()
    assert found, "no QR code on the printed page"
    finders = tuple(8 * value for value in found)
    # The finders' middles lie 2 modules inside the code's edge; 3 modules out is in the quiet zone.
    pad = round(3 * (finders[2] - finders[0]) / (size - 4))
    around = (finders[0] - pad, finders[1] - pad, finders[2] + pad, finders[3] + pad)
    box = image.crop(around).point(lambda v: 255 - v).getbbox()
    left, top = around[0] + box[0], around[1] + box[1]
    width, height = box[2] - box[0], box[3] - box[1]
    assert abs(width - height) <= 2, f"the code is not square: {width} × {height} px"
    module = width / size
    dark = {(x, y) for y in range(size) for x in range(size)
            if image.getpixel((int(left + (x + 0.5) * module), int(top + (y + 0.5) * module))) == 0}
    return dark, width / DPI * 25.4


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_tap_on_a_poster_in_the_referrers_page_opens_that_poster(slow_phone, base_url, language):
    page = slow_phone
    page.goto(base_url + KIT_PAGES[language])
    page.locator("nav.kit-contents a[href='#posters']").tap()
    links = page.locator("ul.poster-links a")
    expect(links.first).to_be_in_viewport()
    assert links.count() == len(QR_PAGES) + len(PHASES)
    for box in links.evaluate_all("as => as.map(a => a.getBoundingClientRect().height)"):
        assert box >= 24, "a poster link is a target of at least 24 px"
    phase_2 = links.nth(len(QR_PAGES) + 1)
    title = phase_2.inner_text()
    phase_2.tap()
    poster = page.locator(".poster:has(:target)")
    expect(poster).to_have_count(1)
    expect(poster.locator("h2")).to_have_text(title)
    assert in_view_and_on_top(page, poster.locator("h2")), "the poster's title shows, not under the header"
    expect(poster.locator(".poster__url")).to_have_text(PHASE_LINKS[language].format(2))
    code = poster.locator("svg")
    expect(code).to_be_visible()
    assert code.bounding_box()["width"] >= 250, "a large code on the screen too"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_poster_prints_alone_on_one_a4_page_with_a_code_for_its_address(browser, base_url, tmp_path,
                                                                            language):
    need_poppler()
    expected = expected_posters(language)
    page = browser.new_page()
    page.goto(base_url + POSTER_PAGES[language])
    posters = page.locator(".poster").evaluate_all("""ps => ps.map(p => ({id: p.querySelector('h2').id,
        title: p.querySelector('h2').innerText, line: p.querySelector('.poster__line').innerText,
        url: p.querySelector('.poster__url').innerText}))""")
    assert {poster["url"] for poster in posters} == set(expected)
    titles = [poster["title"] for poster in posters]
    for poster in posters:
        page.goto(f"{base_url}{POSTER_PAGES[language]}#{poster['id']}")
        pdf = tmp_path / f"{poster['id']}.pdf"
        sheets, text = print_a4(page, pdf)
        assert sheets == 1, f"the poster {poster['id']} prints on {sheets} pages"
        assert poster["title"] in text and poster["line"] in text, text
        assert poster["url"] in text.replace(" ", ""), "the address, broken across lines only after a /"
        assert poster["url"].split("//")[1] in text, "the address on one line"
        if expected[poster["url"]] is not None:
            assert poster["line"] == expected[poster["url"]], "a page's poster says what its description says"
        assert not [title for title in titles if title != poster["title"] and title in text], "one poster a page"
        matrix = segno.make(poster["url"], error="m", micro=False).matrix
        dark, width = qr_modules_in_pdf(pdf, tmp_path, len(matrix))
        assert dark == {(x, y) for y, row in enumerate(matrix) for x, on in enumerate(row) if on}, \
            f"the printed code for {poster['url']} reads as something else"
        assert width >= 80, f"the printed code is {width:.0f} mm wide: too small for a wall"
    page.close()
