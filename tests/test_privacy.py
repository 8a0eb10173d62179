"""Nothing a browser loads comes from another host: no fonts, scripts, styles or trackers."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from heuppijn_site.tools.site_tools import PHONE, all_page_metadata, page_path
from support.site import at_page

LOADING_RELS = {
    "stylesheet", "preconnect", "dns-prefetch", "preload", "prefetch", "modulepreload",
    "icon", "shortcut", "apple-touch-icon", "manifest", "prerender",
}


class LoadedURLs(HTMLParser):
    """Collects every URL in an HTML page that a browser would fetch by itself."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = {name: value or "" for name, value in attrs}
        if tag == "link":
            rels = set(attributes.get("rel", "").lower().split())
            if rels & LOADING_RELS:
                self.urls.append(attributes.get("href", ""))
        for name in ("src", "poster", "data", "background"):
            if name in attributes and tag != "a":
                self.urls.append(attributes[name])
        for name in ("srcset", "imagesrcset"):
            if name in attributes:
                self.urls.extend(part.split()[0] for part in attributes[name].split(",") if part.strip())
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.urls.append(attributes.get("content", "").partition("url=")[2])
        if "style" in attributes:
            self.urls.extend(css_urls(attributes["style"]))


def css_urls(css: str) -> list[str]:
    urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", css)
    urls += re.findall(r"@import\s+['\"]([^'\"]+)", css)
    return urls


def is_external(url: str) -> bool:
    url = url.strip()
    return url.startswith("//") or bool(urlsplit(url).scheme in {"http", "https", "ftp", "ws", "wss"})


def test_no_html_page_loads_anything_from_another_host(site: Path):
    offenders = []
    for page in sorted(site.rglob("*.html")):
        parser = LoadedURLs()
        text = page.read_text(encoding="utf-8")
        parser.feed(text)
        for style in re.findall(r"<style[^>]*>(.*?)</style>", text, re.DOTALL):
            parser.urls.extend(css_urls(style))
        offenders += [f"{page.relative_to(site)}: {url}" for url in parser.urls if is_external(url)]
    assert offenders == []


def test_no_stylesheet_loads_anything_from_another_host(site: Path):
    stylesheets = sorted(site.rglob("*.css"))
    assert stylesheets, "no stylesheets built"
    offenders = [
        f"{sheet.relative_to(site)}: {url}"
        for sheet in stylesheets
        for url in css_urls(sheet.read_text(encoding="utf-8"))
        if is_external(url)
    ]
    assert offenders == []


def test_no_script_names_another_host_to_load_from(site: Path):
    # A string or template literal that starts with an absolute URL is an address the code may
    # fetch or inject; URLs inside comments or messages are not.
    literal = re.compile(r"""["'`]((?:https?:)?//(?:[\w-]+\.[\w.-]+|\$\{)[^"'`\s]*)""")
    scripts = sorted(site.rglob("*.js"))
    assert scripts, "no scripts built"
    offenders = [
        f"{script.relative_to(site)}: {url}"
        for script in scripts
        for url in literal.findall(script.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_the_google_fonts_of_the_theme_are_off(site: Path):
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis.com" not in home and "fonts.gstatic.com" not in home


@pytest.mark.browser
def test_visiting_every_page_searching_checking_and_switching_requests_only_the_site(browser, base_url):
    requests: list[str] = []
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.on("request", lambda request: requests.append(request.url))
    for metadata in all_page_metadata():
        page.goto(base_url + page_path(metadata), wait_until="networkidle")
    # Search loads its index and a worker only when opened: open it and search.
    page.goto(base_url, wait_until="networkidle")
    page.locator(".md-header label[for='__search']").first.click()
    page.locator("input.md-search__input").fill("heup")
    page.locator(".md-search-result__item").first.wait_for()
    # The checker, then the language switcher, as a reader would use them.
    page.goto(base_url + "pijnregel/", wait_until="networkidle")
    page.locator("label:has(input[name='pain'][value='3'])").click()
    page.locator("label:has(input[name='red_flag'])").first.click()
    first_sign_level = page.locator("input[name='red_flag']").first.get_attribute("data-level")
    assert page.locator("[data-pain-check-result]").get_attribute("data-level") == first_sign_level
    page.locator(".md-header").get_by_role("link", name="English", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert at_page(base_url + "en/pain-rule/").fullmatch(page.url), page.url
    context.close()
    assert any(url.endswith("search_index.json") for url in requests), \
        "search was not exercised: no request for the search index"
    elsewhere = [url for url in requests
                 if not url.startswith(base_url) and not url.startswith(("data:", "blob:"))]
    assert elsewhere == []
