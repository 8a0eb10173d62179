"""The page for referrers as a physiotherapist uses it on a phone (issue 25): a list at the top
jumps to each part of the long page, and each topic's links and QR codes fold away until tapped."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect
from heuppijn_site.tools.site_tools import PHONE
from support.clinicians import KIT_PAGES, in_view_and_on_top
from support.site import LANGUAGES

pytestmark = pytest.mark.browser

PAIN_RULE = {"nl": "De pijnregel", "en": "The pain rule"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_top_of_the_page_jumps_to_each_part_and_the_topic_links_fold(slow_phone, base_url, language):
    page = slow_phone
    page.goto(base_url + KIT_PAGES[language])
    jumps = page.locator("nav.kit-contents a")
    # On the first screen, without scrolling: where to go.
    expect(jumps.first).to_be_in_viewport()
    parts = page.locator("article h2[id]").evaluate_all("hs => hs.map(h => h.id)")
    targets = [href.lstrip("#") for href in jumps.evaluate_all("as => as.map(a => a.getAttribute('href'))")]
    assert len(targets) >= 6 and targets == [part for part in parts if part in targets], (targets, parts)
    assert set(parts) - set(targets) <= {"bronnen", "sources"}, "every part but the sources has its jump"
    for box in jumps.evaluate_all("as => as.map(a => a.getBoundingClientRect().height)"):
        assert box >= 24, "a jump link is a target of at least 24 px"
    # Tap "QR codes": the part's heading shows, not under the sticky header.
    jumps.nth(targets.index("qr-codes")).tap()
    heading = page.locator("#qr-codes")
    expect(heading).to_be_in_viewport()
    page.wait_for_function("() => Math.abs(document.querySelector('#qr-codes').getBoundingClientRect().top) < 200")
    assert in_view_and_on_top(page, heading)
    # Back at the top, to the links: one line per topic, folded, so the list is short…
    page.evaluate("window.scrollTo(0, 0)")
    jumps.nth(targets.index("links")).tap()
    topics = page.locator("ul.link-kit--folded")
    expect(topics).to_be_in_viewport()
    assert topics.bounding_box()["height"] < 2.5 * PHONE["height"], "the list of topics fits in a few screens"
    address = topics.locator("a.link-kit__url[hreflang='nl']", has_text="pijnregel")
    expect(address).to_be_hidden()
    # …and a tap on a topic shows its addresses in both languages.
    topics.locator("summary", has_text=PAIN_RULE[language]).tap()
    expect(address).to_be_visible()
    expect(topics.locator("a.link-kit__url[hreflang='en']", has_text="pain-rule")).to_be_visible()
    # The QR codes fold the same way.
    codes = page.locator("details.qr-kit__topic", has=page.locator("summary", has_text=PAIN_RULE[language]))
    drawing = codes.locator("img.qr-kit__image").first
    expect(drawing).to_be_hidden()
    codes.locator("summary").tap()
    expect(drawing).to_be_visible()
    # Its drawing is fetched when the fold opens, and arrives.
    drawing.evaluate("image => image.decode()")
    assert drawing.evaluate("image => image.naturalWidth") > 0
