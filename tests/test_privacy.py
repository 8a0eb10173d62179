"""Nothing a browser loads comes from another host: no fonts, scripts, styles or trackers. (What a
browser asks for on every page and while searching, checking and switching: test_every_page.py.)"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit


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
