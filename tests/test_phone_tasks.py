"""What patients came to do, done as they do it: on a phone (390 px, by tapping), in Dutch and
English. From the home page straight to sleeping, the pain rule and the warning signs; a topic
card tapped anywhere; the sleeping drawing read next to its text; a question about sport found
in the FAQ; and from a source in the sources list back to the sentence that cites it."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.site import LANGUAGES

pytestmark = pytest.mark.browser

PAIN_LIMIT = yaml.safe_load((ROOT / "data" / "pain_rules.yml").read_text(encoding="utf-8"))["pain_limit"]
HOME = {"nl": "", "en": "en/"}
# The three quick links under "In het kort": their text, and where each must lead (path, section).
QUICK_LINKS = {
    "nl": [("Hoe slaap je het best?", "zelf-doen/", "slapen"),
           ("Mag oefenen pijn doen?", "pijnregel/", ""),
           ("Wanneer bel je 112 of je huisarts?", "", "wanneer-hulp")],
    "en": [("How best to sleep", "en/self-care/", "sleeping"),
           ("May exercise hurt?", "en/pain-rule/", ""),
           ("When to call 112 or your GP", "en/", "when-to-get-help")],
}
MIN_TARGET = 44  # px: a comfortable target for a finger (WCAG 2.2 asks at least 24)


@pytest.fixture
def phone(browser):
    """A phone: 390 px wide, touch screen; fails the test on any script error."""
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"script errors: {errors}"


def tap(page, box: dict) -> None:
    page.touchscreen.tap(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)


def in_first_screen(box: dict) -> bool:
    return box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]


def top_in_view(page, selector: str) -> bool:
    """The element's top is on screen, below the fixed header (not hidden under it)."""
    return page.evaluate(
        """selector => {
            const top = document.querySelector(selector).getBoundingClientRect().top;
            const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
            return top >= header - 1 && top < window.innerHeight;
        }""",
        selector,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_quick_links_are_in_the_first_screen_and_lead_to_the_right_section(phone, base_url, language):
    home = base_url + HOME[language]
    for text, path, section in QUICK_LINKS[language]:
        phone.goto(home)
        link = phone.locator(".summary nav a", has_text=text)
        assert link.count() == 1, f"{language}: no quick link {text!r} under the summary"
        box = link.bounding_box()
        assert in_first_screen(box), f"{language}: {text!r} is not in view without scrolling: {box}"
        assert box["height"] >= MIN_TARGET, f"{language}: {text!r} is too small to tap: {box}"
        tap(phone, box)
        expected = base_url + path + (f"#{section}" if section else "")
        phone.wait_for_url(expected)
        if section:
            phone.wait_for_timeout(300)  # let the jump to the section settle
            assert top_in_view(phone, f"#{section}"), f"{language}: {text!r} does not show #{section}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_tapping_a_topic_cards_description_opens_its_page(phone, base_url, language):
    home = base_url + HOME[language]
    phone.goto(home)
    cards = phone.locator("ul.topic-list > li")
    count = cards.count()
    assert count >= 10
    for index in range(count):
        if index:
            phone.goto(home)
        card = cards.nth(index)
        card.scroll_into_view_if_needed()
        href = card.locator("a").get_attribute("href")
        assert card.locator("a, [tabindex], button, input").count() == 1, (
            f"{language}: card {index + 1} must have exactly one thing to tab to, its link")
        assert card.bounding_box()["height"] >= MIN_TARGET
        # Where the description's words are on the screen (the text after the title).
        words = card.evaluate(
            """li => {
                const range = document.createRange();
                range.setStartAfter(li.querySelector('br'));
                range.setEndAfter(li.lastChild);
                const rect = [...range.getClientRects()].find(r => r.width > 0);
                return {x: rect.x, y: rect.y, width: rect.width, height: rect.height};
            }"""
        )
        tap(phone, words)
        phone.wait_for_url(urljoin(home, href))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_focused_topic_card_shows_its_focus_ring_around_the_whole_card(phone, base_url, language):
    phone.goto(base_url + HOME[language])
    phone.keyboard.press("Tab")  # keyboard use, so that focus rings show
    card = phone.locator("ul.topic-list > li").nth(2)
    card.locator("a").focus()
    ring = card.locator("a").evaluate(
        """a => {
            const after = getComputedStyle(a, '::after');
            const li = a.parentElement.getBoundingClientRect();
            return {style: after.outlineStyle, width: parseFloat(after.width),
                    height: parseFloat(after.height), liWidth: li.width, liHeight: li.height};
        }"""
    )
    assert ring["style"] not in ("", "none"), f"{language}: no focus ring on the card: {ring}"
    # The ring is drawn around the overlay, which covers the card inside its 1 px border.
    assert abs(ring["width"] - ring["liWidth"]) <= 4 and abs(ring["height"] - ring["liHeight"]) <= 4, ring


SLEEPING = {"nl": ("zelf-doen/", "slapen", "Beter wel", "Beter niet", "kussen tussen de knieën"),
            "en": ("en/self-care/", "sleeping", "Try this", "Better not", "pillow between the knees")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_sleeping_drawing_is_large_and_next_to_its_explanation(phone, base_url, language):
    path, section, good, bad, pillow = SLEEPING[language]
    phone.goto(base_url + path + f"#{section}")  # where the home page's quick link leads
    phone.wait_for_timeout(300)
    drawing = phone.locator(f"figure img[alt*='{pillow}']")
    assert drawing.count() == 1, f"{language}: one drawing of lying with a pillow between the knees"
    box = drawing.bounding_box()
    assert box["y"] + box["height"] > 0 and box["y"] < PHONE["height"], (
        f"{language}: the sleeping drawing is not on screen at #{section}: {box}")
    # Of a side view this size, the pillow and the knees are easy to make out.
    assert box["width"] >= 300, f"{language}: the sleeping drawing is too small at 390 px: {box}"
    # Every posture drawing on the page: large, each with its own explanation right under it.
    figures = phone.locator("article figure:has(img[src*='houdingen'])")
    assert figures.count() >= 8
    for index in range(figures.count()):
        figure = figures.nth(index)
        image, caption = figure.locator("img").bounding_box(), figure.locator("figcaption")
        assert image["width"] >= 300, f"{language}: drawing {index + 1} is too small at 390 px"
        text = caption.inner_text()
        assert text.startswith((good, bad)), f"{language}: drawing {index + 1}: {text!r}"
        gap = caption.bounding_box()["y"] - (image["y"] + image["height"])
        assert 0 <= gap <= 24, f"{language}: drawing {index + 1}: its explanation is {gap} px below it"


FAQ = {"nl": ("veelgestelde-vragen/", "Kan ik blijven hardlopen of sporten?", "sporten",
              f"tot een {PAIN_LIMIT} op een schaal van 0 tot 10", "herstel/#fase-4", "fase-4"),
       "en": ("en/faq/", "Can I keep running or doing sport?", "sport",
              f"up to {PAIN_LIMIT} on a scale of 0 to 10", "en/recovery/#phase-4", "phase-4")}


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_faq_answers_whether_you_can_keep_doing_sport(phone, base_url, language):
    path, question, anchor, pain_rule, recovery, phase = FAQ[language]
    phone.goto(base_url + path)
    heading = phone.get_by_role("heading", name=question, exact=True)
    assert heading.count() == 1, f"{language}: the FAQ does not ask {question!r}"
    assert heading.get_attribute("id") == anchor
    answer = heading.evaluate(
        """h => { const parts = []; let e = h.nextElementSibling;
                  while (e && e.tagName !== 'H2') { parts.push(e.innerText); e = e.nextElementSibling; }
                  return parts.join('\\n'); }"""
    )
    assert pain_rule in answer, f"{language}: the answer does not give the pain rule's limit"
    assert re.search(r"\[\d+(, \d+)*\]", answer), f"{language}: the answer cites no source"
    link = phone.locator(f"h2#{anchor} ~ p a[href$='#{phase}']").first
    link.scroll_into_view_if_needed()
    tap(phone, link.bounding_box())
    phone.wait_for_url(base_url + recovery)
    phone.wait_for_timeout(300)
    assert top_in_view(phone, f"#{phase}")


@pytest.mark.parametrize(("language", "path"), [("nl", "zelf-doen/"), ("en", "en/self-care/")])
def test_each_back_link_in_the_sources_list_is_easy_to_tap_and_leads_to_its_citation(
        phone, base_url, language, path):
    phone.goto(base_url + path)
    links = phone.locator("ol.references a.citation-back")
    assert links.count() > 4
    for index in range(links.count()):
        link = links.nth(index)
        link.scroll_into_view_if_needed()
        box = link.bounding_box()
        assert box["width"] >= MIN_TARGET and box["height"] >= MIN_TARGET, (
            f"{language}: back-link {link.get_attribute('aria-label')!r} is too small to tap: {box}")
    # A source cited several times: its third link leads back to its third citation.
    entry = phone.locator("ol.references > li").filter(has=phone.locator("a.citation-back >> nth=2")).first
    third = entry.locator("a.citation-back").nth(2)
    target = third.get_attribute("href")
    # In the middle of the screen, as a person scrolls to it: scrolled only "into view" from below,
    # it can end up under the fixed header, and the tap would hit the header instead.
    third.evaluate("link => link.scrollIntoView({block: 'center'})")
    tap(phone, third.bounding_box())
    phone.wait_for_url(re.compile(re.escape(target) + "$"))
    phone.wait_for_timeout(300)
    assert top_in_view(phone, target), f"{language}: {target} is not on screen after tapping back"
