"""The first paint is the page's largest paint, and it stays as it is (theme/first_paint.py, step 5).

A phone opens every page, both languages, at 390 px with touch and a 4× slower CPU, and the
site's stylesheet and scripts are held back until the test lets them through. What the reader
would notice, and what Lighthouse measures:

- the browser reports one Largest Contentful Paint, and it is the first contentful paint: the
  header is never drawn alone with the article's heading a frame later;
- the page asks for its stylesheet and scripts only after that paint is on screen;
- when they arrive and have run, the largest element is the same element, in the same place and
  size, with the same text and, element by element (it and everything in it, and their ::before
  and ::after), the same computed style — and nothing larger is painted after it.
"""

from __future__ import annotations

import json

import pytest
from heuppijn_site.tools.site_tools import PHONE, all_page_metadata, page_path
from support.site import PAGE_SETTLED, STILL, STYLES_OF, full_speed, slow_cpu

pytestmark = pytest.mark.browser

# Before the page's own scripts: every Largest Contentful Paint the browser reports, and when the
# page adds a stylesheet or a script (the first-paint loader; the page itself names none).
WATCH = """
window.__paint = {lcp: [], loads: []};
new PerformanceObserver(list => __paint.lcp.push(...list.getEntries()))
  .observe({type: "largest-contentful-paint", buffered: true});
new MutationObserver(records => {
  for (const record of records) for (const node of record.addedNodes) {
    if ((node.tagName === "LINK" && node.rel === "stylesheet") || (node.tagName === "SCRIPT" && node.src)) {
      __paint.loads.push({what: node.href || node.src, at: performance.now()});
    }
  }
}).observe(document, {childList: true, subtree: true});
"""
# The largest element (window.__largest, kept by TIMING): its text, its box on the page,
# and the computed style of it and everything in it, and of their ::before and ::after (of one
# that is not drawn, its content only: STYLES_OF).
LARGEST = f"""() => {{ {STYLES_OF}
  const element = window.__largest;
  if (!element) return null;
  const name = e => e.tagName + (e.id ? "#" + e.id : "") + (e.getAttribute("class") ? "." + e.getAttribute("class") : "");
  const box = element.getBoundingClientRect();
  return JSON.stringify({{name: name(element), connected: element.isConnected, text: element.innerText,
          box: [box.x + scrollX, box.y + scrollY, box.width, box.height].map(v => v.toFixed(1)).join(" "),
          styles: stylesOf([element, ...element.querySelectorAll("*")], name, true, false)}});
}}"""

# The largest paint so far, the first contentful paint, and when the stylesheet and scripts were
# first asked for; the largest element kept for LARGEST.
TIMING = """() => {
  const largest = __paint.lcp.at(-1);
  window.__largest = largest.element;
  return {lcp: largest.startTime, fcp: performance.getEntriesByName("first-contentful-paint")[0].startTime,
          load: Math.min(...__paint.loads.map(l => l.at))};
}"""


@pytest.fixture
def slow_phone(browser):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True)
    context.add_init_script(WATCH)
    page = context.new_page()
    slow_cpu(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    yield page, errors
    context.close()


def first_difference(before: dict, after: dict) -> str | None:
    for key in ("connected", "text", "box"):
        if key == "connected" and not after[key]:
            return "a script replaced it (the element is no longer in the page)"
        if before[key] != after[key]:
            return f"its {key} was {before[key]!r} at the first paint, {after[key]!r} after"
    if len(before["styles"]) != len(after["styles"]):
        return f"{len(before['styles'])} elements in it at the first paint, {len(after['styles'])} after"
    for first, last in zip(before["styles"], after["styles"]):
        for key in first:
            if first[key] != last.get(key):
                return f"{first['element']}: {key} was {first[key]!r} at the first paint, {last.get(key)!r} after"
    return None


def test_every_page_paints_its_largest_element_first_and_keeps_it(slow_phone, base_url):
    page, errors = slow_phone
    held = []
    released = False

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/assets/stylesheets/site.*.css", hold)
    page.route("**/*.js", hold)
    problems = []
    for metadata in all_page_metadata():
        path = "/" + page_path(metadata)
        released = False
        page.goto(base_url + path.lstrip("/"), wait_until="commit")
        page.wait_for_function("() => __paint.lcp.length > 0 && __paint.loads.length > 0")
        timing = page.evaluate(TIMING)
        # The paint and the loader's timing are the slow phone's; what follows only reads the
        # result (every element's style, twice), which the phone's speed does not change.
        with full_speed(page):
            before = json.loads(page.evaluate(LARGEST) or "null")
            released = True
            while held:
                held.pop().continue_()
            page.wait_for_function(PAGE_SETTLED)
            page.evaluate("document.fonts.ready")
            page.wait_for_function(STILL)
            after = json.loads(page.evaluate(LARGEST) or "null")
            entries = page.evaluate("() => __paint.lcp.map(e => [Math.round(e.startTime), "
                                    "e.element && e.element.tagName])")
        if before is None:
            problems.append(f"{path}: the largest paint names no element")
            continue
        if timing["lcp"] != timing["fcp"]:
            problems.append(f"{path}: the first paint at {timing['fcp']:.0f} ms was not the largest; "
                            f"{before['name']} was painted at {timing['lcp']:.0f} ms")
        if timing["load"] <= timing["lcp"]:
            problems.append(f"{path}: the stylesheet and scripts were asked for at {timing['load']:.0f} ms, "
                            f"before the largest paint was on screen ({timing['lcp']:.0f} ms)")
        if len(entries) > 1:
            problems.append(f"{path}: painted something larger later: {entries}")
        difference = first_difference(before, after)
        if difference:
            problems.append(f"{path}: the largest element {before['name']}: {difference}")
    assert not problems, "\n".join(problems)
    assert not errors, errors
