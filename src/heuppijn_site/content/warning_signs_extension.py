"""The warning signs (data/warning_signs.yml, see warning_signs.py) as a Python-Markdown
extension, so no page keeps a hand-written copy:

- `<!-- warning-signs -->` lists every level; `<!-- warning-signs emergency urgent soon -->` only
  those levels; `<!-- warning-signs pain-with-every-step -->` that one sign (any sign's id). Each
  level is a box with the action as its heading (overrides/partials/warning-signs.html), the
  signs with their sources, and what to do. A sign or a level listed twice on a page has its
  id (sign-<id>, or the level's anchor: clinics link to both) the first time only.
- `<!-- care-routes -->` says who to call in the Netherlands: 112, the GP, the huisartsenpost.

Wherever a level's words or a route say the emergency number, it is a link that calls it.

    markdown.markdown(text, extensions=[WarningSignsExtension(language="en")])

It runs before the citations extension, which numbers the signs' sources with the page's own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import jinja2
from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES, languages_here
from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.warning_signs import LEVELS, WarningSigns, WarningSignsError, load_warning_signs
from heuppijn_site.html_templates import html_block, template_env
from heuppijn_site.markdown_text import page_language, page_options, raw_html, register

NAME = "heuppijn_site.content.warning_signs_extension"
SIGNS_FILE = DATA_FILES["warning_signs"]
SIGNS_MARKER = re.compile(r"<!--\s*warning-signs((?:\s+[a-z0-9-]+)*)\s*-->")
ROUTES_MARKER = "<!-- care-routes -->"
CONTACT_PAGE = "wanneer-contact.md"  # the page with every sign; other pages link to it
# A heading with its id in attr_list's braces: {#id}, {: #id }, {#id .class}.
HEADING_WITH_ID = re.compile(r"^#{2,6}\s.*\{:?\s*#(?P<id>[A-Za-z][\w-]*)[^}]*\}\s*$", re.MULTILINE)


def signs_section(markdown: str, where: str) -> str:
    """The id of the section on the contact page that lists the signs (the last heading with an
    id above its first warning-signs marker): where other pages' "more signs" links lead."""
    marker = SIGNS_MARKER.search(markdown)
    headings = list(HEADING_WITH_ID.finditer(markdown, 0, marker.start())) if marker else []
    if not headings:
        raise WarningSignsError(f"{where}: the warning signs need a heading with an id above them, like "
                                f"'## Warning signs {{#warning-signs}}' — other pages link to it")
    return headings[-1].group("id")


def names_asked(match: re.Match[str], signs: WarningSigns, path: str, line: int) -> list[str]:
    """The levels and single signs a marker asks for (every level when it names none); a name
    that is neither a level nor a sign's id is an error."""
    asked = match.group(1).split() or list(LEVELS)
    ids = {sign.id for sign in signs.signs}
    unknown = [name for name in asked if name not in LEVELS and name not in ids]
    if unknown:
        raise WarningSignsError(f"{path}:{line}: '{unknown[0]}' is not a level of warning signs — "
                                f"write <!-- warning-signs --> or name levels from: {', '.join(LEVELS)}, "
                                f"or the id of one sign in {SIGNS_FILE}")
    return asked


def cited_keys(text: str, signs: WarningSigns, path: str, first_line: int = 1) -> set[str]:
    """The works a page's warning signs will cite (the sources of the signs its markers list)."""
    keys: set[str] = set()
    for match in SIGNS_MARKER.finditer(text):
        asked = names_asked(match, signs, path, first_line + text.count("\n", 0, match.start()))
        listed = [sign for _, group in signs.by_level(asked) for sign in group]
        keys |= {key for citation in find_citations(signs.sources(listed), SIGNS_FILE) for key in citation.keys}
    return keys


def with_warning_signs(
    markdown: str,
    *,
    signs: WarningSigns,
    language: str,
    env: jinja2.Environment,
    more_url: str = "",
    path: str = "the page",
    first_line: int = 1,
) -> str:
    """The Markdown with its markers replaced by the signs and the care routes."""

    # Each sign (sign-<id>) and each level's box (its anchor) has its id once on a page: in the
    # first marker that lists its whole level, else in the first that names it. Clinics link to
    # the level boxes; a single sign beside the text must not take the anchor from the full list.
    asked = [names_asked(match, signs, path, first_line + markdown.count("\n", 0, match.start()))
             for match in SIGNS_MARKER.finditer(markdown)]
    owner: dict[str, int] = {}
    for whole_levels_only in (True, False):
        for number, names in enumerate(asked):
            for level, group in signs.by_level(names):
                if not whole_levels_only or level.name in names:
                    owner.setdefault(level.name, number)
                    for sign in group:
                        owner.setdefault(sign.id, number)
    markers = iter(range(len(asked)))

    def render_signs(match: re.Match[str]) -> str:
        number = next(markers)
        html = html_block(
            env, "partials/warning-signs.html",
            groups=signs.by_level(asked[number]),
            with_id={name for name, first in owner.items() if first == number},
            language=language,
            texts=signs.texts[language],
            more_url=more_url,
            call=signs.emergency_number,
        )
        return raw_html(html)

    markdown = SIGNS_MARKER.sub(render_signs, markdown)
    if ROUTES_MARKER in markdown:
        # The emergency number a link that calls it, as in the boxes (partials/call-link.html).
        call_link = env.get_template("partials/call-link.html").module.call_link(signs.emergency_number, language)
        items = "\n".join(f"- {str(call_link).join(signs.emergency_number.split(line))}"
                           for line in signs.routes[language])
        routes = f'<div class="care-routes" data-care-routes markdown>\n\n{items}\n\n</div>'
        markdown = markdown.replace(ROUTES_MARKER, routes)
    return markdown


class WarningSignsExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "signs": [SIGNS_FILE, "the warning signs: their file, or the signs already loaded"],
            "more_url": ["", "the link to every sign (the contact page's section); empty on that page"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()
        # The care routes are Markdown inside a <div markdown>.
        if "markdown_block" not in md.parser.blockprocessors:
            md.registerExtensions(["md_in_html"], {})

        def change(text: str) -> str:
            signs = config["signs"]
            if isinstance(signs, (str, Path)):
                signs = load_warning_signs(Path(signs), languages_here(), str(signs))
            return with_warning_signs(
                text, signs=signs, language=page_language(NAME, md, config["language"]),
                env=template_env(config["templates"]), more_url=config["more_url"],
                path=config["source_path"], first_line=int(config["first_line"]),
            )

        register(md, "warning_signs", change, config["error"])


def makeExtension(**kwargs: Any) -> WarningSignsExtension:  # noqa: N802 - Python-Markdown's name
    return WarningSignsExtension(**kwargs)
