"""Section twins: which section of a page's translation matches each section of the page, so
the language switch can keep the reader's place (#fase-2 on /herstel/ → #phase-2 on
/en/recovery/). Pure text work on built HTML; no MkDocs import.

Twin pages have the same structure (tests/test_content.py checks the `## … {#id}` headings), so
the headings of the two pages pair by position, level by level. An id that both pages use (a
glossary term such as #gtps) is its own twin.
"""

from __future__ import annotations

import html
import json
import re

ARTICLE = re.compile(r'<article class="md-content__inner[^"]*">(.*?)</article>', re.DOTALL)
# A section someone can link to: a heading with an id, a glossary term (<dt id="…">), or a
# heading's old id kept for links already published (<span class="old-anchor" id="…">).
ANCHOR = re.compile(r'<(?P<tag>h[1-6]|dt|span(?= class="old-anchor"))\b[^>]*?\sid="(?P<id>[^"]+)"')
PLACEHOLDER = '<script type="application/json" id="__section-twins">{}</script>'

Anchor = tuple[str, str]  # (kind: "h2" … or "dt", id)


def page_anchors(page: str) -> list[Anchor]:
    """The linkable sections of a built page's text, in page order."""
    match = ARTICLE.search(page)
    if not match:
        return []
    return [(m.group("tag"), html.unescape(m.group("id"))) for m in ANCHOR.finditer(match.group(1))]


def section_twins(here: list[Anchor], there: list[Anchor]) -> dict[str, str]:
    """This page's section ids → the twin page's: shared ids to themselves, the rest paired by
    position among the headings of the same level (only when both pages have as many)."""
    here_ids = {anchor_id for _, anchor_id in here}
    there_ids = {anchor_id for _, anchor_id in there}
    twins = {anchor_id: anchor_id for _, anchor_id in here if anchor_id in there_ids}
    own = [(kind, anchor_id) for kind, anchor_id in here if anchor_id not in there_ids]
    theirs = [(kind, anchor_id) for kind, anchor_id in there if anchor_id not in here_ids]
    for kind in dict.fromkeys(kind for kind, _ in own):
        mine = [anchor_id for k, anchor_id in own if k == kind]
        other = [anchor_id for k, anchor_id in theirs if k == kind]
        if len(mine) == len(other):
            twins.update(zip(mine, other))
    return twins


def fill_section_twins(page: str, twins_by_language: dict[str, dict[str, str]]) -> str:
    """Put the map (language → {this page's id: that language's id}) into the page's JSON."""
    if PLACEHOLDER not in page:
        return page
    data = json.dumps(twins_by_language, ensure_ascii=False, separators=(",", ":"))
    data = data.replace("</", "<\\/")
    return page.replace(PLACEHOLDER, PLACEHOLDER.replace("{}", data), 1)
