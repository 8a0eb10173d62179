"""Safety advice hook: renders the warning signs (data/warning_signs.yml, see warning_signs.py)
where a page asks for them, so no page keeps a hand-written copy.

- `<!-- warning-signs -->` lists every level; `<!-- warning-signs emergency urgent soon -->` only
  those levels. Each level is a box with the action as its heading (overrides/partials/
  warning-signs.html), the signs with their sources, and what to do.
- `<!-- care-routes -->` says who to call in the Netherlands: 112, the GP, the huisartsenpost.

Runs before numbered_citations.py, so the signs' sources are numbered with the page's own.
"""

from __future__ import annotations

import re
from pathlib import Path

import site_pages
from heuppijn_site.content.citations import CitationSyntaxError, check_keys, find_citations
from heuppijn_site.content.front_matter import body_and_first_line
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from heuppijn_site.content.references import ReferenceDataError, load_references
from heuppijn_site.content.warning_signs import LEVELS, WarningSigns, WarningSignsError, load_warning_signs

SIGNS_FILE = "data/warning_signs.yml"
REFERENCES_FILE = "data/references.yml"
CONTACT_PAGE = "wanneer-contact.md"  # the page with every sign; other pages link to it
CONTACT_ANCHOR = {"nl": "dezelfde-dag", "en": "same-day"}  # its section on the signs
SIGNS_MARKER = re.compile(r"<!--\s*warning-signs((?:\s+[a-z]+)*)\s*-->")
ROUTES_MARKER = "<!-- care-routes -->"

_signs: WarningSigns | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the signs once, and that every sign's source is in the bibliography."""
    global _signs
    root = Path(config.config_file_path).parent
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    try:
        _signs = load_warning_signs(root / SIGNS_FILE, languages, SIGNS_FILE)
        known = load_references(root / REFERENCES_FILE, REFERENCES_FILE)
        for sign in _signs.signs:
            check_keys(find_citations(sign.source, SIGNS_FILE), known, f"{SIGNS_FILE} (sign {sign.id})")
    except (WarningSignsError, ReferenceDataError, CitationSyntaxError) as error:
        raise PluginError(str(error)) from None
    return config


def _levels_asked(match: re.Match[str], path: str, line: int) -> list[str]:
    """The levels a marker asks for (all when it names none); an unknown name fails the build."""
    asked = match.group(1).split() or list(LEVELS)
    unknown = [name for name in asked if name not in LEVELS]
    if unknown:
        raise PluginError(f"{path}:{line}: '{unknown[0]}' is not a level of warning signs — "
                          f"write <!-- warning-signs --> or name levels from: {', '.join(LEVELS)}")
    return asked


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Tell numbered_citations.py which works each page's warning signs will cite."""
    if _signs is not None:
        by_page: dict[str, set[str]] = {}
        for file in files.documentation_pages():
            for match in SIGNS_MARKER.finditer(file.content_string):
                asked = _levels_asked(match, site_pages.editor_path(config, file.src_uri),
                                      file.content_string.count("\n", 0, match.start()) + 1)
                signs = [sign for _, group in _signs.by_level(asked) for sign in group]
                keys = {key for c in find_citations(_signs.sources(signs), SIGNS_FILE) for key in c.keys}
                by_page.setdefault(file.src_uri, set()).update(keys)
        site_pages.set_generated_citations("safety_advice", by_page)
    return files


def _marker_line(page: Page, offset_text: str) -> int:
    """The file line of a marker, for messages."""
    body, first_line = body_and_first_line(page.file.content_string)
    index = body.find(offset_text)
    return first_line + body.count("\n", 0, max(index, 0))


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "<!--" not in markdown or _signs is None:
        return markdown
    signs = _signs
    language = page.file.locale
    contact = files.get_file_from_path(CONTACT_PAGE)

    def render_signs(match: re.Match[str]) -> str:
        asked = _levels_asked(match, site_pages.editor_path(config, page.file.src_uri),
                              _marker_line(page, match.group(0)))
        more_url = ""
        if contact is not None and contact.src_uri != page.file.src_uri:
            more_url = f"{contact.url_relative_to(page.file)}#{CONTACT_ANCHOR[language]}"
        html = config.theme.get_env().get_template("partials/warning-signs.html").render(
            groups=signs.by_level(asked),
            language=language,
            texts=signs.texts[language],
            more_url=more_url,
        )
        # One block of HTML without blank lines, so Markdown leaves it whole.
        return "\n" + "\n".join(line for line in html.splitlines() if line.strip()) + "\n"

    markdown = SIGNS_MARKER.sub(render_signs, markdown)
    if ROUTES_MARKER in markdown:
        items = "\n".join(f"- {line}" for line in signs.routes[language])
        routes = f'<div class="care-routes" data-care-routes markdown>\n\n{items}\n\n</div>'
        markdown = markdown.replace(ROUTES_MARKER, routes)
    return markdown
