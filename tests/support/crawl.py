"""One visit of every page per viewport, collecting what the per-page browser tests assert on.

A reader's browser opens each page once, and the crawl
keeps, page by page: axe's results, the first Tab's target and the landmarks, the page's width, everything loaded
and its gzip weight, and (in print media) what a printout shows. A crawl given HTML_CodeSniffer
(the second accessibility engine) also keeps its errors, of every page and the not-found page.
The HTTP cache is off, so each page loads everything it needs, as on a first visit; one browser
context serves all pages.
Across the visit it keeps every request, every failed or refused load, every console error or warning and
every Content-Security-Policy violation. After the pages it uses the site as a reader does —
search, the pain checker with its button, the language switch and a short link's redirect — so
the same records cover them.

Waits are for states: the page's scripts have run and its stylesheets arrived, nothing moves, and
no request is open. Never for a quiet network."""

from __future__ import annotations

import gzip
import time
from dataclasses import dataclass, field

from heuppijn_site.tools.site_tools import ROOT, page_path
from support.site import PAGE_SETTLED, STILL, at_page

GZIP_LEVEL = 6  # gzip_comp_level in deploy/nginx.conf
# Before any of the page's own scripts: every CSP violation the page meets.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} in ${event.sourceFile}:${event.lineNumber}`);
});
"""
# The screen's chrome, which a printout leaves out.
PRINT_CHROME = [".md-header", ".md-sidebar--primary", ".md-footer", ".md-search"]
# In print media: what is on paper. Visible as Playwright counts it (a box, and not hidden).
ON_PAPER = """(chrome) => {
  const visible = e => { if (!e) return false; const box = e.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && getComputedStyle(e).visibility !== "hidden"; };
  const one = s => document.querySelector(s);
  const references = one("ol.references");
  return {
    chrome: chrome.filter(s => visible(one(s))),
    url: one(".print-url")?.innerText ?? null,
    review: visible(one(".page-review")),
    licence: visible(one(".print-licence")) ? one(".print-licence").innerText : null,
    references: references ? visible(references) : null,
    links: [...document.querySelectorAll("article a[data-print-url]")].slice(0, 5)
      .map(a => [a.dataset.printUrl, getComputedStyle(a, "::after").content]),
  };
}"""


@dataclass
class PageVisit:
    """What one page showed on its first visit."""

    axe: object  # axe_playwright_python's AxeResults
    first_tab: str  # the class of what the first Tab focuses
    mains: int
    h1s: int
    width: int  # px: how wide the page is (wider than the screen: it scrolls sideways)
    weight: int  # bytes, everything loaded, gzipped as the server sends it
    loaded: list[str]  # "size B  address" for each thing loaded
    paper: dict | None = None  # ON_PAPER, in print media


@dataclass
class Crawl:
    """Every page at one viewport, from one host, and the site used as a reader uses it."""

    name: str
    base_url: str
    viewport: dict
    pages: dict[str, PageVisit] = field(default_factory=dict)  # by PageMetadata.path
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # failed loads and answers of 400 and above
    console: list[str] = field(default_factory=list)  # errors and warnings, script errors
    violations: list[str] = field(default_factory=list)  # Content-Security-Policy
    # What using the site showed: the search index asked for, focus after the search button and
    # the checker's button, the checker's advice, the switch's and the short link's addresses.
    used: dict = field(default_factory=dict)
    # HTML_CodeSniffer's errors (WCAG 2 AA), by address (page_path, and NOT_FOUND), when asked for,
    # and how many messages it gave on each page.
    htmlcs: dict[str, list[str]] = field(default_factory=dict)
    htmlcs_messages: dict[str, int] = field(default_factory=dict)


class OpenRequests:
    """The page's requests not yet answered, to wait until there are none."""

    def __init__(self, page) -> None:
        self.open: set = set()
        page.on("request", lambda request: self.open.add(request))
        page.on("requestfinished", lambda request: self.open.discard(request))
        page.on("requestfailed", lambda request: self.open.discard(request))

    def wait_until_none(self, page, limit: float = 30.0, quiet_polls: int = 3) -> None:
        """Until no request is open, seen on `quiet_polls` polls in a row: each poll lets the
        browser's events reach Python, so a request that has just started is not missed."""
        deadline = time.monotonic() + limit
        quiet = 0
        while quiet < quiet_polls:
            if time.monotonic() > deadline:
                raise AssertionError(f"{page.url}: still loading after {limit:.0f} s: "
                                     f"{sorted(r.url for r in self.open)}")
            page.wait_for_timeout(20)
            quiet = 0 if self.open else quiet + 1


HTMLCS = ROOT / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"  # npm ci, from package.json
# HTML_CodeSniffer on the page, standard WCAG 2 AA, as pa11y runs it: its errors (warnings and
# notices are not failures), each with its code, the element (tag, id, classes) and its message;
# and how many messages it gave in all (it always has notices: none means it did not look). A run
# that fails or takes over a minute (pa11y's limit) fails.
RUN_HTMLCS = """() => new Promise((done, fail) => {
  setTimeout(() => fail(new Error("HTML_CodeSniffer did not finish in 60 s")), 60000);
  HTMLCS.process("WCAG2AA", document, () => {
    const name = (e) => !e || !e.tagName ? String(e) : e.tagName.toLowerCase() + (e.id ? "#" + e.id : "")
      + (typeof e.className === "string" && e.className.trim() ? "." + e.className.trim().split(/\\s+/).join(".") : "");
    const messages = HTMLCS.getMessages();
    done({errors: messages.filter((m) => m.type === 1).map((m) => `${m.code} at ${name(m.element)}: ${m.msg}`),
          messages: messages.length});
  }, (error) => fail(new Error(`HTML_CodeSniffer failed: ${error}`)));
})"""
# An address with no page, below the root (as a mistyped link sends a reader): the server answers
# 404 with the not-found page. That answer, and the console's note of it, are expected there.
NOT_FOUND = "does/not/exist/"


# Two frames: the browser has laid the page out and run its observers (a lazy image that has come
# into range has asked to load).
TWO_FRAMES = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def settle(page, open_requests: OpenRequests) -> None:
    """The page's scripts have run, its stylesheets arrived, nothing moves, the page has been laid
    out since, and nothing it asked for is still loading."""
    page.wait_for_function(PAGE_SETTLED)
    page.wait_for_function(STILL)
    page.evaluate(TWO_FRAMES)
    open_requests.wait_until_none(page)


def weight_of(response) -> int:
    """What the server sends for a response, gzipped as nginx does (an empty answer weighs 0)."""
    if response.status >= 300:
        return 0
    try:
        body = response.body()
    except Exception as error:  # noqa: BLE001 - say which load, whatever Playwright raises
        raise AssertionError(f"{response.frame.url}: no body for {response.url} "
                             f"({response.status}, {response.request.resource_type}): {error}") from None
    return len(gzip.compress(body, GZIP_LEVEL))


def crawl_site(browser, name: str, base_url: str, viewport: dict, pages: list, htmlcs: str | None = None) -> Crawl:
    """`htmlcs`: HTML_CodeSniffer's script, to run it too on every page and the not-found page."""
    from axe_playwright_python.sync_playwright import Axe

    found = Crawl(name, base_url, viewport)
    context = browser.new_context(viewport=viewport)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # every page a first visit
    open_requests = OpenRequests(page)
    responses: list = []
    page.on("request", lambda request: found.requests.append(request.url))
    page.on("response", lambda response: responses.append(response))
    page.on("requestfailed", lambda request: found.failed.append(f"{request.url} ({request.failure})"))
    page.on("response", lambda response: found.failed.append(f"{response.url} ({response.status})")
            if response.status >= 400 else None)
    page.on("console", lambda message: found.console.append(f"{page.url}: {message.type}: {message.text}")
            if message.type in ("error", "warning") else None)
    page.on("pageerror", lambda error: found.console.append(f"{page.url}: {error}"))

    def collect_violations() -> None:
        found.violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations"))

    def sniff(path: str) -> None:
        if htmlcs is not None:
            page.evaluate(htmlcs + "\n;undefined")  # its globals; nothing to send back
            result = page.evaluate(RUN_HTMLCS)
            found.htmlcs[path], found.htmlcs_messages[path] = result["errors"], result["messages"]

    axe = Axe()
    for metadata in pages:
        responses.clear()
        page.goto(base_url + page_path(metadata))
        settle(page, open_requests)
        loaded = [(weight_of(response), response.url.removeprefix(base_url)) for response in responses]
        results = axe.run(page)
        sniff(page_path(metadata))
        page.keyboard.press("Tab")
        visit = PageVisit(
            axe=results,
            first_tab=page.evaluate("document.activeElement.className"),
            mains=page.locator("main").count(),
            h1s=page.locator("h1").count(),
            width=page.evaluate("document.documentElement.scrollWidth"),
            weight=sum(size for size, _ in loaded),
            loaded=[f"{size:>7} B  {url}" for size, url in loaded],
        )
        page.emulate_media(media="print")
        visit.paper = page.evaluate(ON_PAPER, PRINT_CHROME)
        page.emulate_media(media="screen")
        # Print media loads the images a screen loads lazily: let them arrive on this page, and
        # keep any violation they meet before the next page starts afresh.
        page.evaluate(TWO_FRAMES)
        open_requests.wait_until_none(page)
        collect_violations()
        found.pages[metadata.path] = visit
    if htmlcs is not None:
        failed, console = len(found.failed), len(found.console)
        page.goto(base_url + NOT_FOUND)
        settle(page, open_requests)
        sniff(NOT_FOUND)
        collect_violations()
        expected = ([f"{base_url}{NOT_FOUND} (404)"],
                    [f"{base_url}{NOT_FOUND}: error: Failed to load resource: the server responded with a "
                     f"status of 404 (Not Found)"])
        if (found.failed[failed:], found.console[console:]) == expected:
            del found.failed[failed:], found.console[console:]
    use_the_site(page, open_requests, found, collect_violations)
    context.close()
    return found


def use_the_site(page, open_requests: OpenRequests, found: Crawl, collect_violations) -> None:
    """Search with the form's button, the checker with its button, the language switch, and a
    short link through its redirect page."""
    url, wide = found.base_url, found.viewport["width"] >= 1220
    used = found.used
    page.goto(url)
    settle(page, open_requests)
    # On a phone the search button opens search; on a wide screen the box is in the header.
    page.locator("input.md-search__input" if wide else ".md-header label[for='__search']").first.click()
    page.locator("input.md-search__input").fill("pijnregel")
    page.locator(".md-search-result__item").first.wait_for()
    page.locator("button.md-search__submit").click()
    used["search focus"] = page.evaluate("document.activeElement.className")
    used["search index"] = any(request.endswith("search_index.json") for request in found.requests)
    collect_violations()
    # The checker gives advice, and its button takes the reader to it.
    page.goto(url + "pijnregel/")
    settle(page, open_requests)
    for name, value in (("pain", "6"), ("next_day", "same"), ("trend", "better"), ("weeks", "under-2")):
        page.locator(f"label:has(input[name='{name}'][value='{value}'])").click()
    used["advice"] = page.locator("[data-pain-check-result]").get_attribute("data-level")
    page.locator("[data-pain-check-form] button[type=submit]").click()
    used["checker focus"] = page.evaluate("document.activeElement.hasAttribute('data-pain-check-result')")
    collect_violations()
    # The language switch.
    page.locator(".md-header").get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(at_page(url + "en/pain-rule/"))
    settle(page, open_requests)
    used["switched to"] = page.url
    collect_violations()
    # A short link, through its redirect page.
    page.goto(url + "fase-2/")
    page.wait_for_url(url + "herstel/#fase-2")
    settle(page, open_requests)
    used["short link to"] = page.url
    collect_violations()
