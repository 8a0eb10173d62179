"""The project as the tests see it: its languages and pages folder (from the project model), the
public address and what every page states about its publisher and licence, the pages to
parametrize over, and the waits and style readers the browser tests share."""

from __future__ import annotations

import contextlib
import functools
import re
import urllib.request
from urllib.error import HTTPError

from heuppijn_site.errors import SiteError
from heuppijn_site.tools.site_tools import PAGE_SETTLED, PROJECT, ROOT, all_page_metadata, page_path

LANGUAGES = PROJECT.languages
DOCS = PROJECT.docs_dir
# mkdocs.yml: site_url: !ENV [SITE_URL, "https://…/"] — the default is the public address.
SITE_URL = re.search(r'^site_url: .*?"(https://[^"]+)"', (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                     re.MULTILINE).group(1)
# What mkdocs.yml sets per language (extra.licence, extra.publisher), as the pages must show it.
LICENCE_URL = {"nl": "https://creativecommons.org/licenses/by/4.0/deed.nl",
               "en": "https://creativecommons.org/licenses/by/4.0/deed.en"}
PUBLISHER = {"nl": "Patiëntinformatie heuppijn", "en": "Hip pain patient information"}
# A JavaScript function, for page.evaluate expressions that compare how elements look: the
# computed style (custom properties aside: their effect is in the others) of each element, and
# with `pseudos` of its ::before and ::after, named by `nameOf(element)`; with `boxes` its box to a
# tenth of a pixel. A ::before or ::after without content is not drawn: its content is all that
# is read of it. Callers send the result as one JSON text: Playwright's own transfer of so many
# small values takes many times longer than reading them.
STYLES_OF = """function stylesOf(elements, nameOf, pseudos, boxes) {
  const names = [...getComputedStyle(document.documentElement)].filter(property => !property.startsWith("--"));
  return elements.flatMap(element => {
    const box = element.getBoundingClientRect();
    return [null, ...(pseudos ? ["::before", "::after"] : [])].map(pseudo => {
      const style = getComputedStyle(element, pseudo);
      const found = {element: nameOf(element) + (pseudo || "")};
      if (boxes) found.box = [box.x, box.y, box.width, box.height].map(v => v.toFixed(1)).join(" ");
      if (pseudo && ["none", "normal"].includes(style.content)) return {...found, content: style.content};
      for (const property of names) found[property] = style.getPropertyValue(property);
      return found;
    });
  });
}"""
# Nothing moves: no CSS transition or animation is running. A colour half-way through a transition
# (a button turning to its focus colour) is not the colour a reader reads: check contrast after it.
STILL = "() => document.getAnimations().every(a => a.playState !== 'running')"


@functools.cache
def pages() -> list:
    """Every page's metadata (all_page_metadata), read once, for modules that list the pages when
    they load (to parametrize tests over them). When an editor's mistake makes the pages
    unreadable, none: the tests parametrized over pages are skipped and tests/test_metadata.py's
    test_every_page_can_be_read fails with the build's message (file, line, fix), instead of
    every such module failing to load and no test running. A test that goes over the pages while
    it runs calls all_page_metadata() itself, and fails with the message."""
    try:
        return all_page_metadata()
    except SiteError:
        return []


# A cheap phone's CPU, four times slower (Chromium's CPU throttling), for the browser tests that
# use the site as a patient's phone runs it. Chromium slows a page down by holding its main thread
# busy: a slowed page takes a whole core for as long as it is slowed, even when it does nothing, and
# the core is lost to the other tests running beside it. So a test slows the page for what a slow
# phone changes (the page starting, a tap and what it sets off) and runs what only reads the
# result (a long comparison of styles, every combination of a rule) at full speed (full_speed).
SLOW_PHONE_CPU = 4


def slow_cpu(page, rate: int = SLOW_PHONE_CPU):
    """Slow the page's CPU down by `rate` (1: full speed); returns the DevTools session."""
    session = page.context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": rate})
    return session


@contextlib.contextmanager
def full_speed(page):
    """The page at full speed for the block, then slow again. The DevTools session stays open (it
    closes with the page): Chromium drops a session's CPU setting when the session is detached, so
    a page whose session was detached here ran on at full speed."""
    session = slow_cpu(page, 1)
    try:
        yield
    finally:
        session.send("Emulation.setCPUThrottlingRate", {"rate": SLOW_PHONE_CPU})


def open_settled(page, url: str) -> None:
    """Open a page and wait until its scripts have run and its stylesheets arrived. The site asks
    for them only once the page is on screen, so a quiet network (Playwright's "networkidle") can
    come before them on a busy machine: wait for the state itself."""
    page.goto(url)
    page.wait_for_function(PAGE_SETTLED)


def at_page(url: str) -> re.Pattern:
    """The address of the page at `url`, at its top or at one of its sections: the language switch
    opens the section the reader had on screen."""
    return re.compile(re.escape(url) + r"(#[^#]*)?$")


def url_of(page) -> str:
    """A page's (PageMetadata) public address."""
    return SITE_URL + page_path(page)


def headers_of(url: str) -> dict[str, str]:
    """The headers a server sends with `url`, names in lower case (a 404 page's too)."""
    try:
        response = urllib.request.urlopen(url, timeout=5)
    except HTTPError as error:  # the 404 page still gets the headers
        response = error
    return {name.lower(): value for name, value in response.headers.items()}
