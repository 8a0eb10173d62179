"""For print: every link in a page's text gets its full address in `data-print-url`, which the
print stylesheet shows after the link text (a relative address means nothing on paper).
Pure text work; no MkDocs import."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL)
LINK = re.compile(r'<a (?P<attrs>[^>]*?)href="(?P<href>[^"]*)"(?P<rest>[^>]*)>(?P<text>.*?)</a>', re.DOTALL)
TAG = re.compile(r"<[^>]+>")


def add_print_urls(page: str, page_url: str) -> str:
    """Add data-print-url to the links in the article that lead to another page or site."""
    match = ARTICLE.search(page)
    if not match:
        return page

    def annotate(link: re.Match[str]) -> str:
        whole, href = link.group(0), html.unescape(link.group("href"))
        if not href or href.startswith(("#", "mailto:", "tel:", "javascript:")) or "data-print-url" in whole:
            return whole
        absolute = urljoin(page_url, href)
        if html.unescape(TAG.sub("", link.group("text"))).strip() == absolute:
            return whole  # the text already is the address
        opening_end = whole.index(">")
        return whole[:opening_end] + f' data-print-url="{html.escape(absolute)}"' + whole[opening_end:]

    article = LINK.sub(annotate, match.group(2))
    return page[: match.start(2)] + article + page[match.end(2):]
