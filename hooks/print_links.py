"""For print: every link in a page's text gets its full address in `data-print-url`, which the
print stylesheet shows after the link text (a relative address means nothing on paper).
Pure text work; no MkDocs import."""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin

ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset">)(.*?)(</article>)', re.DOTALL)
LINK = re.compile(r'<a (?P<attrs>[^>]*?)href="(?P<href>[^"#][^"]*|#[^"]*)"(?P<rest>[^>]*)>')


def add_print_urls(page: str, page_url: str) -> str:
    """Add data-print-url to the links in the article that lead to another page or site."""
    match = ARTICLE.search(page)
    if not match:
        return page

    def annotate(link: re.Match[str]) -> str:
        href = html.unescape(link.group("href"))
        if href.startswith(("#", "mailto:", "javascript:")) or "data-print-url" in link.group(0):
            return link.group(0)
        absolute = urljoin(page_url, href)
        if absolute == link.group("href") and not href.startswith("http"):
            return link.group(0)
        return link.group(0)[:-1] + f' data-print-url="{html.escape(absolute)}">'

    article = LINK.sub(annotate, match.group(2))
    return page[: match.start(2)] + article + page[match.end(2):]
