"""Fixes to the HTML and JavaScript that Material for MkDocs produces, as pure text work.

Each fix names what it looks for; when a theme update changes that text, ThemeChanged says so
instead of the fix silently doing nothing. No MkDocs import.
"""

from __future__ import annotations

import html
import json
import re

from heuppijn_site.errors import SiteError

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="(?:drawer|search)" type="checkbox" id="__(?:drawer|search)") autocomplete="off">')
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.DOTALL)
ALTERNATE_SITEMAP_SELECTOR = '"link[rel=alternate]"'
# The theme loads the search index as soon as a page opens (over http), or when search is first
# opened (from file://). The second suits a site most readers never search: index on demand.
EAGER_INDEX = 'location.protocol!=="file:"'
# Where the theme reads the search box: merge(worker ready, fromEvent(box, "keyup"), focus)
# .pipe(map(() => box.value)). Minified names change between theme releases, so only the shape
# is matched.
SEARCH_QUERY_EVENT = re.compile(
    r'[\w$]+\([\w$]+\.pipe\([\w$]+\([\w$]+\)\),[\w$]+\((?P<box>[\w$]+),"(?P<event>keyup|input)"\),'
    r'[\w$]+\)\.pipe\([\w$]+\(\(\)=>(?P=box)\.value\)'
)


class ThemeChanged(SiteError):
    """The theme's output no longer looks as these fixes expect: check them after an update."""


def name_search_dialog(page: str, label: str) -> str:
    """The search dialog gets an accessible name (axe: aria-dialog-name): `label`, in the
    page's language (data/labels.yml)."""
    if 'class="md-search"' not in page:
        return page
    if SEARCH_DIALOG not in page:
        raise ThemeChanged("the search dialog markup changed: update theme_html.name_search_dialog")
    label = html.escape(label)
    return page.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + f' aria-label="{label}">')


SEARCH_FORM = '<form class="md-search__form" name="search">'
SEARCH_OPTIONS = '<nav class="md-search__options"'
SEARCH_SUBMIT_CLASS = "md-search__submit"


def add_search_submit(page: str, label: str) -> str:
    """The search form gets a submit button, `label` in the page's language (data/labels.yml).

    The theme shows results as the reader types and gives its form no way to submit it that a
    keyboard or switch user can reach (HTML_CodeSniffer, WCAG 3.2.2: H32.2). The button sits
    beside the theme's clear button, in the form's row of options; search-submit.js makes it
    show the results and move focus to them."""
    if 'class="md-search"' not in page:
        return page
    start = page.find(SEARCH_FORM)
    options = page.find(SEARCH_OPTIONS, start)
    form_end = page.find("</form>", start)
    options_end = page.find("</nav>", options)
    if start < 0 or options < 0 or not start < options < options_end < form_end or page.count(SEARCH_FORM) != 1:
        raise ThemeChanged("the search form markup changed: update theme_html.add_search_submit")
    button = f'<button type="submit" class="{SEARCH_SUBMIT_CLASS}">{html.escape(label)}</button>'
    return page[:options_end] + button + page[options_end:]


def drop_toggle_autocomplete(page: str) -> str:
    """The theme's two hidden toggle checkboxes carry autocomplete="off", which HTML does not
    allow on a checkbox (Nu HTML Checker error)."""
    return TOGGLE.sub(r"\1>", page)


def rebase_config(page: str, subfolder: str) -> str:
    """Point the theme's script configuration `base` at a language folder (e.g. "en"), so the
    search on that language's pages loads that language's index and resolves its results."""
    match = CONFIG.search(page)
    if not match:
        raise ThemeChanged("the theme's __config script changed: update theme_html.rebase_config")
    config = json.loads(match.group(2))
    # A trailing slash: the theme resolves "search/search_index.json" against this address.
    base = config["base"].rstrip("/")
    config["base"] = f"{base}/{subfolder}/" if base not in ("", ".") else f"{subfolder}/"
    replacement = json.dumps(config, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    return page[: match.start(2)] + replacement + page[match.end(2):]


def disable_alternate_sitemap_lookup(script: str) -> str:
    """The theme fetches sitemap.xml next to every <link rel="alternate"> to map pages between
    languages; with page-level alternates those requests all fail (404). The i18n plugin already
    links each page to its translation, so the lookup is switched off by a selector that matches
    nothing."""
    if ALTERNATE_SITEMAP_SELECTOR not in script:
        return script
    return script.replace(ALTERNATE_SITEMAP_SELECTOR, '"link[rel=alternate][data-md-sitemap-lookup]"')


def load_search_index_on_demand(script: str) -> str:
    """Load the search index when the reader first opens search, not with every first visit
    (it is the largest download after the theme itself)."""
    if "search_index.json" not in script:
        return script
    if script.count(EAGER_INDEX) != 1:
        raise ThemeChanged("the theme's search start-up changed: update theme_html.load_search_index_on_demand")
    return script.replace(EAGER_INDEX, "false")


def read_search_query_on_input(script: str) -> str:
    """Search reads the query on every change of the search box, not only when a key is released.

    The theme reads the box on `keyup`, on a focus change and once when its search worker is
    ready. Text that arrives without a key release (pasted, dictated, a word tapped in a phone
    keyboard's suggestions) after the worker is ready was ignored until the reader typed again:
    on a slow phone that moment falls while the reader is still entering the query. The `input`
    event fires for every change, whatever made it; the theme drops repeats of the same value."""
    if "search_index.json" not in script:
        return script
    matches = list(SEARCH_QUERY_EVENT.finditer(script))
    if len(matches) != 1:
        raise ThemeChanged("the theme's search box handling changed: update theme_html.read_search_query_on_input")
    match = matches[0]
    return script[: match.start("event")] + "input" + script[match.end("event"):]


SOURCE_MAP = re.compile(r"\n?//# sourceMappingURL=(?P<name>\S+)\s*$")


def without_source_map(script: str) -> tuple[str, str | None]:
    """A script that was edited no longer matches its source map: drop the reference.

    Returns the script and the map's file name (to delete), or None when it had none."""
    match = SOURCE_MAP.search(script)
    if not match:
        return script, None
    return script[: match.start()] + "\n", match.group("name")


TOC_TOGGLE = '<input class="md-nav__toggle md-toggle" type="checkbox" id="__toc">'


def drop_unlabelled_toc_toggle(page: str) -> str:
    """On a page without sections (no table of contents) the theme still writes the menu's
    checkbox for the contents, with no label to name or open it (HTML_CodeSniffer: a form field
    without a name). Nothing else uses it: it goes."""
    if 'for="__toc"' in page:
        return page
    return page.replace(TOC_TOGGLE, "")


SITE_NAME_TOPIC = re.compile(
    r'(<div class="md-header__topic">\s*<span class="md-ellipsis">)\s*(?P<name>.*?)\s*(</span>)', re.DOTALL
)


def add_short_site_name(page: str, short_name: str) -> str:
    """The header shows the site's short name (extra.short_name) on a narrow screen, where the
    full one would be cut ("Pijn aan de buiten…"), and the full name on a wide one (extra.css)."""
    if not short_name or 'class="md-header__topic"' not in page:
        return page
    match = SITE_NAME_TOPIC.search(page)
    if not match:
        raise ThemeChanged("the header's site name markup changed: update theme_html.add_short_site_name")
    names = (
        f'<span class="site-name site-name--full">{match.group("name")}</span>'
        f'<span class="site-name site-name--short">{html.escape(short_name)}</span>'
    )
    return page[: match.start()] + match.group(1) + names + match.group(3) + page[match.end():]
