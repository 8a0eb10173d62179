"""The first paint: a page's text on screen without waiting for a stylesheet.

The theme's stylesheet (137 KB) blocks the first paint until it has arrived, and a page uses a
small part of it. This step, over a built site:

1. reads the stylesheets the pages link to, in their order, as one list of rules (tinycss2);
2. keeps, for each page, the rules that can apply to it: every compound of a selector (`.a`,
   `li.b:hover`) must match some element of the page (lxml and cssselect). Pseudo-classes count
   as possible (:hover, :checked, and :first-child or :not(…) too: a script can change what they
   depend on), and so do the states of data/script_states.yml that the browser brings (a
   fold-out opened) or a script sets as the page opens. The custom properties (`--md-…`) and
   @keyframes nothing kept uses are left out;
3. puts those rules in the page's head as a <style> element (allowed by its hash in the
   Content-Security-Policy), in place of the stylesheet links;
4. writes one stylesheet for the whole site with every rule that can apply to some page, also
   after what the scripts do (every state of the list), and has each page load it and its
   scripts right after its first paint (a small inline script). It holds the page's own rules
   again, in their original order, so the cascade ends as it would with the theme's own
   stylesheets;
5. makes the first paint the page's largest, and fetches nothing but the page before it: the
   browser draws nothing before the page's body has been read (HOLD), so the first paint never
   shows the header alone with the article's heading a frame later; the stylesheet and scripts
   are fetched only once the browser has reported that paint as the page's Largest Contentful
   Paint (LOADER), not a number of frames later, which on a busy phone can come before the paint
   is on screen; and a small icon (the favicon) is written into the page as a data: address. A
   request that ends before the largest paint counts in Lighthouse's simulated LCP (its second,
   slow mode).

Ignoring combinators (`.a .b` is kept when the page has some `.a` and some `.b`) keeps rules
too many rather than too few; what is still missed is a state the list does not name, which the
browser tests (tests/test_first_paint_browser.py) show as a page that looks different with the
step on and off. What the step cannot follow (CSS nesting, @layer, relative url(), a stylesheet
link with a media attribute, a script with integrity or type) fails the build with the fix.
Pure logic; no MkDocs import.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from html import unescape as html_unescape
from pathlib import Path

import cssselect
import tinycss2
from cssselect import HTMLTranslator
from cssselect.parser import SelectorError
from cssselect.xpath import ExpressionError
from lxml import etree
from lxml import html as lxml_html

from heuppijn_site.project import DATA_FILES
from heuppijn_site.errors import SiteError
from heuppijn_site.build_cache import ObjectCache, StepCache, content_key
from heuppijn_site.data_files import read_yaml

STATES_FILE = DATA_FILES["script_states"]
SITE_STYLESHEET = "assets/stylesheets/site.{hash}.min.css"  # named as the theme's: cached for a year
STYLESHEET_LINK = re.compile(r'<link\b[^>]*\brel="stylesheet"[^>]*>\s*', re.IGNORECASE)
HREF = re.compile(r'\bhref="([^"]+)"')
ANY_STYLESHEET = re.compile(r"<link\b[^>]*\brel=[\"']?[^>]*\bstylesheet\b[^>]*>\s*", re.IGNORECASE)
# Every pseudo-class counts as possible: the states (:hover, :checked, :target) change with what
# the reader does, and the structural ones (:first-child, :not(…), :has(…)) with what a script
# adds or changes. Only element types, classes, ids and attributes are matched.
# Pseudo-elements written with one colon (CSS 2): `a:before` is `a::before`.
LEGACY_PSEUDO_ELEMENTS = frozenset({"before", "after", "first-line", "first-letter"})
GROUPING_RULES = frozenset({"media", "supports", "container"})
VAR = re.compile(r"var\(\s*(--[-\w]+)")
# The inline script that loads the site's stylesheet and the page's scripts once the page's
# largest paint is on screen, the scripts in the order the browser would run them. The same text
# on every page (one hash in the policy): the addresses are in its data-href and data-scripts.
# Once the last of them has run (or failed to load), <html> gets data-scripts-run: the state a
# test waits for before it acts as a reader would (the earlier scripts run before the last).
LOADER = (
    "(function(s){var d=0;function load(){if(d)return;d=1;"
    "var l=document.createElement(\"link\");l.rel=\"stylesheet\";l.href=s.dataset.href;"
    "document.head.appendChild(l);var e,r=document.documentElement;"
    "s.dataset.scripts.split(\" \").forEach(function(u){"
    "if(!u)return;e=document.createElement(\"script\");e.src=u;e.async=false;"
    "document.body.appendChild(e)});"
    "function run(){r.setAttribute(\"data-scripts-run\",\"\")}"
    "if(e){e.onload=e.onerror=run}else{run()}}"
    # The browser reports the largest paint (or, where it cannot, the first) once it is on screen.
    "var P=window.PerformanceObserver,t=P&&P.supportedEntryTypes||[],"
    "k=t.indexOf(\"largest-contentful-paint\")>-1?\"largest-contentful-paint\":"
    "t.indexOf(\"paint\")>-1?\"paint\":\"\";"
    # A page opened in a background tab is not drawn: it loads at once, or when it is hidden
    # before its first paint. The timer is a last resort (a paint never reported).
    "if(document.hidden){load()}else if(k){new P(function(x,o){o.disconnect();load()})"
    ".observe({type:k,buffered:true});document.addEventListener(\"visibilitychange\",load);"
    "setTimeout(load,5000)}"
    # Without paint timing: after the first frame has been drawn (two animation frames).
    "else{requestAnimationFrame(function(){requestAnimationFrame(function(){setTimeout(load)})})}"
    "})(document.currentScript)"
)
# The inline script in the head that holds the first paint until the page's body has been read:
# `<link rel="expect" href="#id" blocking="render">` for the last element with an id before the
# loader (data-until). Written by a script because the Nu HTML Checker does not know `blocking`
# on an expect link yet (the HTML standard has it); with JavaScript off nothing loads later, and
# the page paints as it arrives.
HOLD = (
    "(function(s){var l=document.createElement(\"link\");l.rel=\"expect\";"
    "l.href=\"#\"+s.dataset.until;l.setAttribute(\"blocking\",\"render\");"
    "document.head.appendChild(l)})(document.currentScript)"
)
ELEMENT_ID = re.compile(r'<[a-zA-Z][^>]*\sid="([-\w]+)"')
# The page's icon (favicon): the browser fetches it while the page is drawn. One this small is
# written into the page instead (a data: address: no request; the policy's img-src allows data:).
ICON_LINK = re.compile(r'<link\b[^>]*\brel="(?:shortcut )?icon"[^>]*>', re.IGNORECASE)
ICON_TYPES = {".svg": "image/svg+xml", ".png": "image/png", ".ico": "image/x-icon"}
ICON_LIMIT = 2048  # bytes; a larger icon stays a file of its own
# A script the page loads: moved into the loader. Data (JSON) and inline scripts stay.
SCRIPT_TAG = re.compile(r'<script\b(?P<attrs>[^>]*)\bsrc="(?P<src>[^"]+)"[^>]*>\s*</script>\s*')
# The theme's script starts its work on DOMContentLoaded; loaded after the first paint, it starts
# at once when the page has been read already (theme_html-style edit: fails if the theme changed).
THEME_READY = re.compile(
    r'(?P<listen>(?P<fn>[\w$]+)\(document,"DOMContentLoaded",\{once:!0\}\))'
    r'\.subscribe\(\(\)=>(?P<subject>[\w$]+)\.next\(document\)\)'
)

STARTED = 'document.readyState!=="loading"?'
THEME_STARTED = re.compile(re.escape(STARTED) + r'([\w$]+)\.next\(document\):[\w$]+\(document,"DOMContentLoaded"')


def start_when_parsed(script: str) -> str:
    """The theme's script (Material's bundle) starts when the page has been read, also when it
    runs after DOMContentLoaded (the first-paint loader runs it later than that)."""
    if THEME_STARTED.search(script):
        return script  # edited already
    matches = list(THEME_READY.finditer(script))
    if len(matches) != 1:
        raise FirstPaintError("the theme's script no longer starts on DOMContentLoaded as "
                              "theme/first_paint.start_when_parsed expects — update it, or switch the step "
                              "off with extra.first_paint: false")
    m = matches[0]
    subject = m.group("subject")
    replacement = (f'{STARTED}{subject}.next(document):'
                   f'{m.group("listen")}.subscribe(()=>{subject}.next(document))')
    return script[: m.start()] + replacement + script[m.end():]


class FirstPaintError(SiteError):
    """The step cannot be done; the message names the file and the fix."""


# The list of states -------------------------------------------------------------------------

@dataclass(frozen=True)
class ScriptState:
    what: str
    tokens: tuple[str, ...]  # ".class", ".prefix*", "[attribute]", "element"
    where: str | None  # a selector; None: every page
    on_load: bool


@dataclass(frozen=True)
class ScriptStates:
    states: tuple[ScriptState, ...]
    unused: tuple[str, ...]


TOKEN = re.compile(r"^(?:\.-?[_a-zA-Z][-\w]*\*?|\[[-\w]+\]|[a-z][a-z0-9]*)$")


def load_script_states(path: Path, display_path: str = STATES_FILE) -> ScriptStates:
    data = read_yaml(path, display_path, FirstPaintError)
    if not isinstance(data, dict) or not isinstance(data.get("states"), list):
        raise FirstPaintError(f"{display_path}: needs a list under 'states:' (see the comment at its top)")
    states = []
    for number, entry in enumerate(data["states"], 1):
        where = f"{display_path}: state {number}"
        if not isinstance(entry, dict) or set(entry) - {"what", "tokens", "where", "when"}:
            raise FirstPaintError(f"{where}: write what:, tokens:, when: and, if it needs one, where:")
        tokens = entry.get("tokens")
        if not isinstance(tokens, list) or not tokens or not all(isinstance(t, str) and TOKEN.match(t)
                                                                 for t in tokens):
            raise FirstPaintError(f"{where}: tokens: a list of classes (.name, .prefix*), attributes "
                                  f"([name]) and elements (mark), e.g. [.md-search-result*, \"[data-level]\"]")
        if entry.get("when") not in ("browser", "load", "action"):
            raise FirstPaintError(f"{where}: when: is 'browser' (the browser does it, also without "
                                  f"scripts), 'load' (a script, as the page opens) or 'action' (a script, "
                                  f"after something the reader does)")
        selector = entry.get("where")
        if selector is not None:
            try:
                _find(str(selector))
            except (SelectorError, ExpressionError) as error:
                raise FirstPaintError(f"{where}: where: {selector!r} is not a selector this step can "
                                      f"match ({error})") from None
        states.append(ScriptState(what=str(entry.get("what", "")), tokens=tuple(tokens),
                                  where=None if selector is None else str(selector),
                                  on_load=entry["when"] in ("browser", "load")))
    unused = data.get("unused") or []
    if not isinstance(unused, list) or not all(isinstance(t, str) and TOKEN.match(t) for t in unused):
        raise FirstPaintError(f"{display_path}: unused: a list of classes, attributes and elements, like tokens:")
    return ScriptStates(states=tuple(states), unused=tuple(unused))


# Selectors ----------------------------------------------------------------------------------

_translator = HTMLTranslator()


@lru_cache(maxsize=None)
def _compile(compound: str) -> Callable[[etree._Element], list]:
    return etree.XPath(_translator.css_to_xpath(compound, prefix="self::"))


@dataclass(frozen=True)
class Simple:
    """One simple selector of a compound: its kind, its name, and its text."""

    kind: str  # "type", "class", "id", "attribute", "pseudo-class"
    name: str
    text: str


def _split(tokens: list, separator: str) -> list[list]:
    parts, current = [], []
    for token in tokens:
        if token.type == "literal" and token.value == separator:
            parts.append(current)
            current = []
        else:
            current.append(token)
    parts.append(current)
    return parts


def compounds(selector: list) -> list[Compound]:
    """A complex selector's compounds (what combinators separate); pseudo-elements left out."""
    result: list[list[Simple]] = []
    current: list[Simple] = []
    tokens = list(selector)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token.type in ("whitespace", "comment") or (token.type == "literal" and token.value in (">", "+", "~")):
            if current:
                result.append(Compound(current))
                current = []
        elif token.type == "ident":
            current.append(Simple("type", token.lower_value, token.value))
        elif token.type == "literal" and token.value in ("*", "|"):
            current.append(Simple("type", "*", token.value))
        elif token.type == "hash":
            current.append(Simple("id", token.value, tinycss2.serialize([token])))
        elif token.type == "literal" and token.value == "." and i + 1 < len(tokens):
            i += 1
            current.append(Simple("class", tokens[i].value, "." + tinycss2.serialize([tokens[i]])))
        elif token.type == "[] block":
            names = [t for t in token.content if t.type == "ident"]
            current.append(Simple("attribute", names[0].lower_value if names else "", tinycss2.serialize([token])))
        elif token.type == "literal" and token.value == ":" and i + 1 < len(tokens):
            if tokens[i + 1].type == "literal" and tokens[i + 1].value == ":":
                i += 2  # ::pseudo-element (or ::name(…)): not an element of the page
            else:
                i += 1
                pseudo = tokens[i]
                name = pseudo.lower_value if pseudo.type == "ident" else getattr(pseudo, "lower_name", "")
                if name not in LEGACY_PSEUDO_ELEMENTS:
                    current.append(Simple("pseudo-class", name, ":" + tinycss2.serialize([pseudo])))
        i += 1
    if current:
        result.append(Compound(current))
    return result


class Compound:
    """A compound to look for on a page: its simple selectors without the pseudo-classes (they
    count as possible), as text for cssselect, and the index key that finds the elements it can
    match."""

    __slots__ = ("simples", "text", "key")

    def __init__(self, simples: Iterable[Simple]) -> None:
        self.simples = tuple(s for s in simples if s.kind != "pseudo-class")
        self.text = "".join(s.text for s in self.simples) or "*"
        self.key = next((f"#{s.name}" for s in self.simples if s.kind == "id"), None) \
            or next((f".{s.name}" for s in self.simples if s.kind == "class"), None) \
            or next((s.name for s in self.simples if s.kind == "type" and s.name != "*"), None) \
            or next((f"[{s.name}]" for s in self.simples if s.kind == "attribute"), None) or "*"


class PageIndex:
    """A built page's elements, by type, class, id and attribute, to match compounds quickly."""

    def __init__(self, html: str) -> None:
        self.root = lxml_html.document_fromstring(html)
        self.by_key: dict[str, list] = defaultdict(list)
        for element in self.root.iter(etree.Element):
            tag = element.tag if isinstance(element.tag, str) else ""
            self.by_key[tag.lower()].append(element)
            self.by_key["*"].append(element)
            for name, value in element.attrib.items():
                self.by_key[f"[{name}]"].append(element)
                if name == "class":
                    for cls in value.split():
                        self.by_key[f".{cls}"].append(element)
                elif name == "id":
                    self.by_key[f"#{value}"].append(element)
        self._matches: dict[str, bool] = {}

    def has(self, compound: Compound) -> bool:
        """Does some element of the page match the compound?"""
        if compound.text not in self._matches:
            self._matches[compound.text] = self._has(compound)
        return self._matches[compound.text]

    def _has(self, compound: Compound) -> bool:
        candidates = self.by_key.get(compound.key, ())
        if not candidates:
            return False
        try:
            match = _compile(compound.text)
        except (SelectorError, ExpressionError):
            return True  # what cssselect cannot read counts as possible
        return any(match(element) for element in candidates)


# Stylesheets --------------------------------------------------------------------------------

@dataclass
class StyleRule:
    """A rule with selectors: its text without the block, its compounds per selector, its
    declarations (name, text)."""

    prelude: str
    selectors: list[list[Compound]]
    declarations: list[tuple[str, str]]


@dataclass
class AtRule:
    """@media, @supports, … around rules (`children`), or a rule of its own (@keyframes,
    @font-face, …: `text`)."""

    keyword: str
    prelude: str
    children: list | None
    text: str


def _relative_url(token) -> bool:
    """Is this a url() whose address depends on where the CSS is (not data:, #, /, or a host)?"""
    if token.type == "url":
        address = token.value
    elif token.type == "function" and token.lower_name == "url":
        address = "".join(t.value for t in token.arguments if t.type == "string")
    else:
        return False
    return not re.match(r"^(?:data:|#|/|[a-z][a-z0-9+.-]*:)", address.strip(), re.IGNORECASE)


def parse_stylesheet(css: str, display_path: str) -> list:
    return _rules(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True), display_path)


def _rules(nodes: Iterable, display_path: str) -> list:
    rules: list = []
    for node in nodes:
        if node.type == "error":
            raise FirstPaintError(f"{display_path}:{node.source_line}: the CSS cannot be read ({node.message}) — "
                                  f"fix it, or switch the step off with extra.first_paint: false")
        if node.type == "qualified-rule":
            selectors = [compounds(s) for s in _split(list(node.prelude), ",")]
            declarations = []
            for item in tinycss2.parse_blocks_contents(node.content, skip_whitespace=True, skip_comments=True):
                if item.type != "declaration":
                    raise FirstPaintError(f"{display_path}:{item.source_line}: a rule inside a rule (CSS nesting) "
                                          f"is not read by the first-paint step — write it out as a rule of its "
                                          f"own, or switch the step off with extra.first_paint: false")
                if any(_relative_url(token) for token in item.value):
                    raise FirstPaintError(f"{display_path}:{item.source_line}: url() with a relative address would "
                                          f"point elsewhere from a page — use an address from the site's root "
                                          f"(/assets/…) or a data: URL")
                declarations.append((item.name, f"{item.name}:{tinycss2.serialize(item.value).strip()}"
                                                f"{'!important' if item.important else ''}"))
            rules.append(StyleRule(tinycss2.serialize(node.prelude).strip(), selectors, declarations))
        elif node.type == "at-rule":
            keyword = node.lower_at_keyword
            if keyword == "import":
                raise FirstPaintError(f"{display_path}:{node.source_line}: @import is not followed by the "
                                      f"first-paint step — list the stylesheet under extra_css instead")
            if keyword == "charset":
                continue
            if keyword == "layer":
                raise FirstPaintError(f"{display_path}:{node.source_line}: @layer is not followed by the "
                                      f"first-paint step (its order would change) — remove it, or switch the "
                                      f"step off with extra.first_paint: false")
            prelude = tinycss2.serialize(node.prelude).strip()
            if keyword in GROUPING_RULES and node.content is not None:
                children = _rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True),
                                  display_path)
                rules.append(AtRule(keyword, prelude, children, ""))
            else:
                rules.append(AtRule(keyword, prelude, None, tinycss2.serialize([node])))
    return rules


def _select(rules: list, keep: Callable[[StyleRule], bool]) -> list:
    """The rules to keep (and the @media etc. around them), with the other at-rules."""
    kept: list = []
    for rule in rules:
        if isinstance(rule, StyleRule):
            if keep(rule):
                kept.append(rule)
        elif rule.children is not None:
            children = _select(rule.children, keep)
            if children:
                kept.append(AtRule(rule.keyword, rule.prelude, children, ""))
        else:
            kept.append(rule)
    return kept


def _walk(rules: list) -> Iterable:
    for rule in rules:
        yield rule
        if isinstance(rule, AtRule) and rule.children:
            yield from _walk(rule.children)


def _serialize(rules: list, custom_properties: set[str] | None = None, keyframes: set[str] | None = None) -> str:
    """CSS text. With `custom_properties`, only those custom properties are declared; with
    `keyframes`, only those @keyframes are kept."""
    out = []
    for rule in rules:
        if isinstance(rule, StyleRule):
            declarations = [text for name, text in rule.declarations
                            if custom_properties is None or not name.startswith("--") or name in custom_properties]
            if declarations:
                out.append(f"{rule.prelude}{{{';'.join(declarations)}}}")
        elif rule.children is not None:
            inner = _serialize(rule.children, custom_properties, keyframes)
            if inner:
                out.append(f"@{rule.keyword} {rule.prelude}{{{inner}}}")
        elif rule.keyword.endswith("keyframes") and keyframes is not None and rule.prelude not in keyframes:
            continue
        else:
            out.append(rule.text)
    return "".join(out)


def _used_names(rules: list) -> tuple[set[str], set[str]]:
    """The custom properties the rules use (through var(), also from other custom properties),
    and the words of their declarations (which name the @keyframes they animate with)."""
    declared: dict[str, list[str]] = defaultdict(list)
    used: set[str] = set()
    words: set[str] = set()
    for rule in _walk(rules):
        if isinstance(rule, StyleRule):
            for name, text in rule.declarations:
                if name.startswith("--"):
                    declared[name].append(text)
                else:
                    used.update(VAR.findall(text))
                    if "animation" in name:
                        words.update(re.findall(r"[-\w]+", text))
    pending = list(used)
    while pending:
        for text in declared.get(pending.pop(), ()):
            for name in VAR.findall(text):
                if name not in used:
                    used.add(name)
                    pending.append(name)
    return used, words


def critical_css(rules: list, applies: Callable[[StyleRule], bool]) -> str:
    """The CSS a page carries: the rules that can apply to it, the custom properties and
    @keyframes those use."""
    kept = _select(rules, applies)
    custom_properties, words = _used_names(kept)
    return _serialize(kept, custom_properties, words)


# The step over a built site -----------------------------------------------------------------

@dataclass(frozen=True)
class FirstPaintPage:
    path: Path  # the HTML file
    html: str
    links: list[str]  # the stylesheet hrefs, as written


def _stylesheet_path(site: Path, page: Path, href: str) -> Path:
    if "://" in href or href.startswith("//"):
        raise FirstPaintError(f"{page.relative_to(site)}: links to a stylesheet on another host ({href}) — "
                              f"the site loads nothing from other hosts")
    return _site_path(site, page, href)


def _site_path(site: Path, page: Path, href: str) -> Path:
    """The file a local address in `page` names."""
    href = href.split("#")[0].split("?")[0]
    base = site if href.startswith("/") else page.parent
    return (base / href.lstrip("/")).resolve()


def with_icon_inline(html: str, site: Path, page: Path) -> str:
    """The page with its icon link's address replaced by the icon itself (a data: address), when
    the icon is a small local file of a known type."""
    head_end = html.find("</head>")
    link = ICON_LINK.search(html, 0, max(head_end, 0))
    href = HREF.search(link.group(0)) if link else None
    if href is None or ":" in href.group(1) or href.group(1).startswith("//"):
        return html
    icon = _site_path(site, page, html_unescape(href.group(1)))
    kind = ICON_TYPES.get(icon.suffix.lower())
    if kind is None or not icon.is_file() or icon.stat().st_size > ICON_LIMIT:
        return html
    address = f"data:{kind};base64,{base64.b64encode(icon.read_bytes()).decode('ascii')}"
    tag = link.group(0)[: href.start(1)] + address + link.group(0)[href.end(1):]
    return html[: link.start()] + tag + html[link.end():]


class StateTokens:
    """The tokens of the states that can happen on a page, to take out of compounds quickly."""

    def __init__(self, tokens: tuple[str, ...]) -> None:
        self.classes = {t[1:] for t in tokens if t.startswith(".") and not t.endswith("*")}
        self.prefixes = tuple(t[1:-1] for t in tokens if t.startswith(".") and t.endswith("*"))
        self.attributes = {t[1:-1] for t in tokens if t.startswith("[")}
        self.types = {t for t in tokens if t[0].isalpha()}
        self._stripped: dict[int, Compound] = {}

    def brought(self, simple: Simple) -> bool:
        if simple.kind == "class":
            return simple.name in self.classes or simple.name.startswith(self.prefixes)
        if simple.kind == "type":
            return simple.name in self.types
        return simple.kind == "attribute" and simple.name in self.attributes

    def strip(self, compound: Compound) -> Compound:
        """The compound without the simple selectors these states bring."""
        key = id(compound)  # the compounds live as long as the parsed rules: one build
        if key not in self._stripped:
            kept = [s for s in compound.simples if not self.brought(s)]
            self._stripped[key] = compound if len(kept) == len(compound.simples) else Compound(kept)
        return self._stripped[key]


class Matcher:
    """Which rules can apply on a page, once these states have happened: a rule can when, for
    one of its selectors, every compound matches some element of the page."""

    def __init__(self, index: PageIndex, tokens: StateTokens) -> None:
        self.index = index
        self.tokens = tokens
        self._found: dict[int, bool] = {}  # per compound (they live as long as the parsed rules)

    def applies(self, rule: StyleRule) -> bool:
        found = self._found
        for selector in rule.selectors:
            for compound in selector:  # plain loops: this runs for every rule on every page
                match = found.get(id(compound))
                if match is None:
                    match = found[id(compound)] = self.index.has(self.tokens.strip(compound))
                if not match:
                    break
            else:
                return True
        return False


def _active_tokens(states: ScriptStates, index: PageIndex) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tokens of the states that can happen on this page: those there at the first paint
    (`when: browser` or `load`), and all of them."""
    here = [state for state in states.states if state.where is None or _find(state.where)(index.root)]
    at_first_paint = {token for state in here if state.on_load for token in state.tokens}
    any_time = {token for state in here for token in state.tokens}
    return tuple(sorted(at_first_paint)), tuple(sorted(any_time))


@lru_cache(maxsize=None)
def _find(selector: str) -> Callable[[etree._Element], list]:
    """A whole selector, matched anywhere below an element."""
    return etree.XPath(_translator.css_to_xpath(selector))


def optimise_first_paint(site: Path, states: ScriptStates, cache: Path | None = None) -> dict[Path, str]:
    """Rewrite every page of the built `site` as the module describes. Returns the inline CSS
    of each page (for the policy's hashes). With a `cache` folder (build_cache.py), what a page
    with the same HTML got in the last build, with the same stylesheets, states and code, is
    used again."""
    site = site.resolve()
    pages = []
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        head_end = html.find("</head>")
        tags = [m.group(0) for m in STYLESHEET_LINK.finditer(html, 0, max(head_end, 0))]
        links = [HREF.search(tag).group(1) for tag in tags if HREF.search(tag)]
        unread = [tag for tag in ANY_STYLESHEET.findall(html, 0, max(head_end, 0))
                  if not STYLESHEET_LINK.match(tag) or " media=" in tag or not HREF.search(tag)]
        if unread:
            raise FirstPaintError(f"{path.relative_to(site)}: the first-paint step reads only plain "
                                  f"<link rel=\"stylesheet\" href=…> in the head, not {unread[0].strip()} — "
                                  f"write it so, or switch the step off with extra.first_paint: false")
        if links:
            pages.append(FirstPaintPage(path, html, links))
    if not pages:
        return {}
    sheets = [_stylesheet_path(site, pages[0].path, href) for href in pages[0].links]
    for page in pages[1:]:
        if [_stylesheet_path(site, page.path, href) for href in page.links] != sheets:
            raise FirstPaintError(f"{page.path.relative_to(site)}: links to other stylesheets than "
                                  f"{pages[0].path.relative_to(site)} — every page uses the same ones "
                                  f"(extra_css in mkdocs.yml)")
    css: list[tuple[str, str]] = []  # (path in the site, text)
    for sheet in sheets:
        if not sheet.is_file():
            raise FirstPaintError(f"{pages[0].path.relative_to(site)}: its stylesheet "
                                  f"{sheet.relative_to(site) if sheet.is_relative_to(site) else sheet} is not in the site")
        css.append((sheet.relative_to(site).as_posix(), sheet.read_text(encoding="utf-8")))

    version = _cache_version(css, states)
    results = StepCache(cache, "first-paint", version)
    stylesheets = _Stylesheets(css, ObjectCache(cache, "first-paint-rules", version))
    inline: dict[Path, str] = {}
    site_wide: set[int] = set()
    for page in pages:
        key = content_key(page.html)
        result = results.get(key, _valid_result)
        if result is None:
            result = stylesheets.page_result(page.html, states)
            results.put(key, result)
        inline[page.path], page_rules = result
        site_wide.update(page_rules)
    rule_numbers = sorted(site_wide)
    site_key = content_key(*map(str, rule_numbers))
    site_css = results.get(site_key, lambda value: isinstance(value, str))
    if site_css is None:
        site_css = stylesheets.site_css(rule_numbers)
        results.put(site_key, site_css)
    digest = hashlib.sha256(site_css.encode("utf-8")).hexdigest()[:8]
    site_file = site / SITE_STYLESHEET.format(hash=digest)
    site_file.parent.mkdir(parents=True, exist_ok=True)
    site_file.write_text(site_css, encoding="utf-8")

    for page in pages:
        href = _href_like(page.links[0], sheets[0].relative_to(site).as_posix(), site_file.relative_to(site).as_posix())
        try:
            html = with_icon_inline(page.html, site, page.path)
            page.path.write_text(with_first_paint(html, inline[page.path], href), encoding="utf-8")
        except FirstPaintError as error:
            raise FirstPaintError(f"{page.path.relative_to(site)}: {error}") from None
    results.save()
    return inline


def _cache_version(css: list[tuple[str, str]], states: ScriptStates) -> str:
    """What a page's result depends on besides its HTML: this code, the libraries it reads CSS
    and HTML with, the stylesheets and the states."""
    return content_key(Path(__file__).read_bytes(), tinycss2.__version__, cssselect.__version__,
                       etree.__version__, repr(states), *(part for sheet in css for part in sheet))


def _valid_result(value: object) -> bool:
    return (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], list) and all(isinstance(n, int) and n >= 0 for n in value[1]))


class _Stylesheets:
    """The stylesheets' rules, read when a page needs them (not at all when the cache has
    every page)."""

    def __init__(self, css: list[tuple[str, str]], parsed: ObjectCache) -> None:
        self.css = css
        self.parsed = parsed  # the rules as the last build read them, when the CSS is the same
        self._rules: list | None = None
        self._style_rules: list[StyleRule] = []
        self._token_sets: dict[tuple[str, ...], StateTokens] = {}

    @property
    def rules(self) -> list:
        if self._rules is None:
            self._rules = self.parsed.get(lambda: [rule for path, text in self.css
                                                   for rule in parse_stylesheet(text, path)])
            self._style_rules = [rule for rule in _walk(self._rules) if isinstance(rule, StyleRule)]
        return self._rules

    def page_result(self, html: str, states: ScriptStates) -> list:
        """[the page's inline CSS, the numbers of the rules that can apply to it at any time]."""
        rules = self.rules
        index = PageIndex(html)
        on_load, any_time = (self._token_sets.setdefault(t, StateTokens(t)) for t in _active_tokens(states, index))
        matcher = Matcher(index, on_load)
        kept: set[int] = set()

        def at_first_paint(rule: StyleRule) -> bool:
            if matcher.applies(rule):
                kept.add(id(rule))
                return True
            return False

        css = critical_css(rules, at_first_paint)
        # What applies at the first paint applies later too (more states, never fewer).
        later = Matcher(index, any_time)
        return [css, [number for number, rule in enumerate(self._style_rules)
                      if id(rule) in kept or later.applies(rule)]]

    def site_css(self, rule_numbers: list[int]) -> str:
        rules = self.rules  # read first: it also numbers the style rules
        chosen = {id(self._style_rules[number]) for number in rule_numbers if number < len(self._style_rules)}
        return _serialize(_select(rules, lambda rule: id(rule) in chosen))


def with_first_paint(html: str, css: str, stylesheet: str) -> str:
    """The page with its CSS inline in place of its stylesheet links, its first paint held until
    its body has been read, and its scripts loaded with the stylesheet `stylesheet` after that
    paint."""
    head_end = html.find("</head>")
    first = STYLESHEET_LINK.search(html, 0, head_end)
    body = html[head_end:]
    # The last element with an id in the body: the first paint waits until it has been read.
    last_id = ELEMENT_ID.findall(body)
    hold = f'<script data-until="{last_id[-1]}">{HOLD}</script>\n' if last_id else ""
    head = (html[: first.start()] + hold + f"<style>{css}</style>\n"
            + STYLESHEET_LINK.sub("", html[first.start():head_end]))
    scripts: list[str] = []
    deferred: list[str] = []  # they ran after the others, when the page had been read

    def take(match: re.Match) -> str:
        attrs = match.group(0).split(">", 1)[0]
        if re.search(r"\s(?:type|nomodule|integrity|crossorigin|id|data-[\w-]+)\b", attrs):
            raise FirstPaintError(f"the first-paint step loads scripts after the first paint and cannot keep "
                                  f"what {attrs}> says — load it without those attributes, or switch the step "
                                  f"off with extra.first_paint: false")
        if " async" in attrs:
            return match.group(0)  # runs whenever it arrives, as before
        (deferred if re.search(r"\sdefer\b", attrs) else scripts).append(match.group("src"))
        return ""

    body = SCRIPT_TAG.sub(take, body)
    body_end = body.rfind("</body>")
    loader = f'<script data-href="{stylesheet}" data-scripts="{" ".join(scripts + deferred)}">{LOADER}</script>\n'

    return head + body[:body_end] + loader + body[body_end:]


def _href_like(link: str, linked: str, target: str) -> str:
    """The address of `target` (a path in the site) written as the page writes its link to
    `linked`: relative ("../../assets/…") or from the root ("/assets/…", on the 404 page)."""
    prefix = link.split("#")[0].split("?")[0]
    if not prefix.endswith(linked):
        raise FirstPaintError(f"the stylesheet link {link!r} does not end in the file's path {linked!r}")
    return prefix[: -len(linked)] + target
