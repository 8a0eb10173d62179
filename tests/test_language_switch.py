"""A reader switches language with the switch in the header and lands on the same page, at the
same section, and can tell from its label what it does."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from heuppijn_site.tools.site_tools import DESKTOP, PHONE, ROOT
from support.site import PAGE_SETTLED

PUBLISHED = yaml.safe_load((ROOT / "data/published-urls.yml").read_text(encoding="utf-8"))
SWITCH = re.compile(r'<a href="([^"]*)" hreflang="([a-z]+)" lang="\2" class="[^"]*language-switch__link')
TWINS = re.compile(r'<script type="application/json" id="__section-twins">(.*?)</script>', re.DOTALL)
OTHER = {"nl": "en", "en": "nl"}
NAME = {"nl": "Nederlands", "en": "English"}


def switch_language(page, to: str) -> None:
    """Use the language switch in the header, as a person would: it names the language."""
    page.get_by_role("link", name=NAME[to], exact=True).click()
    page.wait_for_load_state("load")


def built(site, url: str) -> str | None:
    path = site / url.strip("/") / "index.html"
    if not path.exists() or "__section-twins" not in (text := path.read_text(encoding="utf-8")):
        return None  # a redirect page (short link, old address)
    return text


def twin_url(url: str, html: str) -> tuple[str, str]:
    """The address the switch on this built page points at, from the site root, and its language."""
    href, language = SWITCH.search(html).groups()
    path = urlsplit(urljoin("http://site" + url, href)).path
    return (path if path.endswith("/") else path + "/"), language


def test_every_published_section_has_its_twin_section_in_the_other_language(site):
    """The build gives every page a map from its sections to its translation's: every section
    in data/published-urls.yml maps to a published section of the twin page, and back."""
    problems, checked = [], 0
    for url, anchors in PUBLISHED.items():
        html = built(site, url)
        if html is None:
            continue
        twin, language = twin_url(url, html)
        twins = json.loads(TWINS.search(html).group(1)).get(language, {})
        for anchor in anchors:
            checked += 1
            there = twins.get(anchor)
            if there is None or there not in PUBLISHED.get(twin, []):
                problems.append(f"{url}#{anchor} → {twin}#{there}")
                continue
            back = json.loads(TWINS.search(built(site, twin)).group(1)).get(OTHER[language], {})
            if back.get(there) != anchor:
                problems.append(f"{twin}#{there} does not lead back to {url}#{anchor}")
    assert checked > 100
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.parametrize(
    ("dutch", "english", "dutch_heading", "english_heading"),
    [
        ("", "en/", "Pijn aan de buitenkant van de heup", "Pain on the outside of the hip"),
        ("wanneer-contact/", "en/when-to-get-help/", "Wanneer neem je contact op?",
         "When should you get in touch?"),
        # Its first section's heading is near the top of a phone's screen: not scrolled to.
        ("pijnregel/", "en/pain-rule/", "De pijnregel: mag oefenen pijn doen?", "The pain rule: may exercise hurt?"),
    ],
)
def test_switch_to_english_and_back_on_a_phone(browser, base_url, dutch, english, dutch_heading,
                                               english_heading):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + dutch)
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.locator("h1").inner_text() == dutch_heading

    switch_language(page, "en")
    assert page.url == base_url + english
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == english_heading

    switch_language(page, "nl")
    assert page.url == base_url + dutch
    assert page.locator("h1").inner_text() == dutch_heading
    context.close()


@pytest.mark.browser
def test_the_switch_keeps_the_section_from_a_link_on_a_phone(browser, base_url):
    """A clinic's link to a section, then the switch: the same section in the other language."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + "herstel/#fase-2")
    # The switch keeps the section once the site's script has run (before that, it opens the
    # twin page at its top): wait for it, as on a busy machine the tap could come first.
    page.wait_for_function(PAGE_SETTLED)
    # The page moves by itself before the reader taps (on a busy phone the stylesheet arrives
    # late and the browser has not scrolled to the section yet): the address still counts.
    page.evaluate("window.scrollTo(0, 0)")
    switch_language(page, "en")
    assert page.url == base_url + "en/recovery/#phase-2"
    assert page.locator("#phase-2").is_visible()

    switch_language(page, "nl")
    assert page.url == base_url + "herstel/#fase-2"
    context.close()


@pytest.mark.browser
def test_the_switch_keeps_a_section_reached_after_the_page_opened(browser, base_url):
    """The reader opens the page, goes to a section with the table of contents, then switches."""
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + "en/recovery/")
    page.locator(".md-nav--secondary").get_by_role("link", name=re.compile("^Phase 3")).click()
    assert page.url.endswith("#phase-3")
    switch_language(page, "nl")
    assert page.url == base_url + "herstel/#fase-3"

    # A warning-sign level, a heading the build writes from data/warning_signs.yml.
    page.goto(base_url + "wanneer-contact/")
    page.evaluate("location.hash = 'bel-112'")
    switch_language(page, "en")
    assert page.url == base_url + "en/when-to-get-help/#call-112"
    context.close()


@pytest.mark.browser
def test_without_javascript_the_switch_still_opens_the_twin_page(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "herstel/#fase-2")
    switch_language(page, "en")
    assert page.url == base_url + "en/recovery/"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize(("path", "to"), [("herstel/", "en"), ("en/recovery/", "nl")])
def test_the_switch_names_the_other_language_in_words(browser, base_url, viewport, path, to):
    """Not only an icon: the header shows "English" on Dutch pages and "Nederlands" on English
    ones, in that language (lang), as a link big enough to tap, reachable with the keyboard."""
    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url + path)
    switch = page.locator(".md-header").get_by_role("link", name=NAME[to], exact=True)
    assert switch.is_visible()
    assert switch.inner_text().strip() == NAME[to]
    assert switch.get_attribute("lang") == to
    assert switch.get_attribute("hreflang") == to
    box = switch.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    for _ in range(8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-language-switch')"):
            break
    else:
        pytest.fail("the language switch cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == to
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "short", "full"), [
    ("herstel/", "Heuppijn", "Pijn aan de buitenkant van de heup"),
    ("en/recovery/", "Hip pain", "Pain on the outside of the hip"),
])
def test_the_header_shows_the_whole_site_name_on_a_phone_and_on_a_wide_screen(
        browser, base_url, path, short, full):
    """On a phone the header shows the short name (extra.short_name), not a cut-off full one."""
    for viewport, expected in ((PHONE, short), (DESKTOP, full)):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base_url + path)
        topic = page.locator(".md-header__topic").first
        assert topic.inner_text().strip() == expected
        cut = topic.locator(".md-ellipsis").evaluate("e => e.scrollWidth > e.clientWidth")
        assert not cut, f"the site name is cut at {viewport['width']} px"
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize(("path", "home"), [
    ("herstel/", "Pijn aan de buitenkant van de heup"),
    ("en/recovery/", "Pain on the outside of the hip"),
])
def test_the_desktop_menu_shows_the_home_title_once(browser, base_url, path, home):
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    page.goto(base_url + path)
    menu = page.locator(".md-sidebar--primary")
    shown = [item.inner_text().strip() for item in menu.locator(".md-nav__title, .md-nav__link").all()
             if item.is_visible()]
    assert shown.count(home) == 1, shown
    context.close()
