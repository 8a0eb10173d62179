"""The first paint (theme/first_paint.py, switched on by extra.first_paint in mkdocs.yml): each
page carries the CSS rules that can apply to it, and loads the site's stylesheet and its scripts
after its first paint. What a reader could notice: nothing, except that text shows sooner.

The rules: kept when they can apply, dropped when they cannot, in their order; the states the
scripts add (data/script_states.yml) kept; the page's policy allows its inline style by hash.
The site, in the browser tests: every page looks the same with the step on and off, at 390 px
and 1280 px, in both languages, with search open and the navigation drawer open, and with
JavaScript off."""

from __future__ import annotations

import base64
import re
from pathlib import Path

import pytest
import tinycss2
from heuppijn_site.deploy.security_headers import HeadersError, load_headers, source_hash
from heuppijn_site.project import ProjectError, first_paint_setting, read_mkdocs_yml
from heuppijn_site.theme.first_paint import (
    HOLD,
    LOADER,
    FirstPaintError,
    load_script_states,
    optimise_first_paint,
    start_when_parsed,
)
from heuppijn_site.tools.site_tools import ROOT, all_page_metadata

STATES = """\
states:
  - what: search results
    tokens: [.result*, mark]
    where: .search
    when: action
  - what: a chart drawn as the page opens
    tokens: [.chart__line, "[data-level]"]
    where: .chart
    when: load
  - what: a fold-out opened
    tokens: ["[open]"]
    when: browser
unused: [.never*]
"""


def page(body: str, css_href: str = "assets/main.css", scripts: str = "") -> str:
    return (f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title>'
            f'<link rel="stylesheet" href="{css_href}"><link rel="icon" href="x.svg">'
            f'<link rel="stylesheet" href="{css_href.replace("main", "extra")}"></head>'
            f"<body>{body}{scripts}</body></html>")


def run(tmp_path: Path, pages: dict[str, str], main: str, extra: str = "", states: str = STATES):
    site = tmp_path / "site"
    for name, html in pages.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(html, encoding="utf-8")
    (site / "assets").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "main.css").write_text(main, encoding="utf-8")
    (site / "assets" / "extra.css").write_text(extra, encoding="utf-8")
    (tmp_path / "states.yml").write_text(states, encoding="utf-8")
    inline = optimise_first_paint(site, load_script_states(tmp_path / "states.yml", "data/script_states.yml"))
    [site_css] = (site / "assets" / "stylesheets").glob("site.*.css")
    return site, {p.relative_to(site).as_posix(): css for p, css in inline.items()}, site_css.read_text()


def test_a_page_keeps_the_rules_that_can_apply_to_it_and_no_others(tmp_path):
    css = (".a{color:red}.b{color:blue}.a:hover>span::before{content:\"x\"}.missing .a{margin:0}"
           "li:first-child{padding:0}p:first-child{padding:1px}"
           "@media print{.a{color:black}.b{color:gray}}@media screen{.missing{top:0}}"
           "input:checked+.a{color:green}select:focus+.a{color:blue}.a:not(.c){left:0}")
    body = '<input type="checkbox"><div class="a"><span>t</span></div><ul><li>x</li></ul>'
    _, inline, site_css = run(tmp_path, {"index.html": page(body)}, css)
    kept = inline["index.html"]
    for rule in (".a{color:red}", '.a:hover>span::before{content:"x"}', "li:first-child{padding:0}",
                 "@media print{.a{color:black}}", "input:checked+.a{color:green}", ".a:not(.c){left:0}"):
        assert rule in kept, rule
    for gone in (".b{", ".missing", "p:first-child", "@media screen", "select"):
        assert gone not in kept, gone
    # A state (:checked, :hover) counts as possible; an element the page lacks (a select) does not.
    assert "input:checked" in site_css and "select" not in site_css


def test_what_a_script_or_the_reader_can_change_counts_as_possible(tmp_path):
    """Pseudo-classes (also :not(…), whose argument a script can make true) and the states of the
    list: a rule for them stays in the page."""
    css = ('.result:not([data-level=""]){color:red}li:first-child{margin:0}details[open]>summary{color:blue}'
           ".missing:not(.a){top:0}")
    body = '<div class="result" data-level=""></div><ul><li>a</li></ul><details><summary>s</summary></details>'
    _, inline, _ = run(tmp_path, {"index.html": page(body)}, css)
    kept = inline["index.html"]
    assert '.result:not([data-level=""]){color:red}' in kept, "the checker's advice colours"
    assert "li:first-child{margin:0}" in kept
    assert "details[open]>summary{color:blue}" in kept, "a fold-out opened, also without scripts"
    assert ".missing" not in kept


def test_rules_keep_their_order_so_the_cascade_ends_the_same(tmp_path):
    main = ".a{color:red}.b{color:blue}"
    extra = "/* the site's own */\n.a { color: green }\n"
    _, inline, site_css = run(tmp_path, {"index.html": page('<p class="a b">t</p>')}, main, extra)
    assert inline["index.html"] == ".a{color:red}.b{color:blue}.a{color:green}"
    assert site_css == inline["index.html"]


def test_custom_properties_and_keyframes_nothing_uses_stay_out_of_the_page(tmp_path):
    css = (":root{--used:1px;--chained:2px;--via:var(--chained);--unused:3px}"
           ".a{margin:var(--used);padding:var(--via);animation:spin 1s}"
           "@keyframes spin{to{transform:rotate(1turn)}}@keyframes fade{to{opacity:0}}")
    _, inline, site_css = run(tmp_path, {"index.html": page('<p class="a">t</p>')}, css)
    kept = inline["index.html"]
    assert "--used:1px" in kept and "--via:var(--chained)" in kept and "--chained:2px" in kept
    assert "--unused" not in kept and "@keyframes fade" not in kept and "@keyframes spin" in kept
    # The site's stylesheet has them all: what a script shows later may use them.
    assert "--unused:3px" in site_css and "@keyframes fade" in site_css


def test_states_the_scripts_add_are_kept_where_they_can_happen(tmp_path):
    css = (".search .result__item{color:red}.chart .chart__line{stroke:red}"
           ".chart[data-level=high]{color:red}.other{color:blue}.result mark{color:green}")
    pages = {
        "index.html": page('<form class="search"></form>'),
        "chart/index.html": page('<div class="chart" data-level=""></div>', "../assets/main.css"),
        "plain/index.html": page('<p class="other">t</p>', "../assets/main.css"),
    }
    _, inline, site_css = run(tmp_path, pages, css)
    # After an action (search results): in the site's stylesheet only.
    assert ".search .result__item" in site_css
    assert ".result mark" in site_css, "an element the script creates"
    assert ".result__item" not in inline["index.html"]
    # As the page opens (the chart): in the page with the chart, not in the others.
    assert ".chart .chart__line{stroke:red}" in inline["chart/index.html"]
    assert ".chart[data-level=high]{color:red}" in inline["chart/index.html"]
    assert "chart" not in inline["plain/index.html"] and "chart" not in inline["index.html"]


def test_the_page_loads_the_rest_after_its_first_paint(tmp_path):
    scripts = ('<script id="__config" type="application/json">{}</script>'
               '<script src="PREFIXassets/late.js" defer></script>'
               '<script src="PREFIXassets/bundle.js"></script><script>inline()</script>'
               '<script src="PREFIXassets/switch.js"></script>')
    pages = {
        "index.html": page("<p>t</p>", scripts=scripts.replace("PREFIX", "")),
        "en/page/index.html": page("<p>t</p>", "../../assets/main.css", scripts.replace("PREFIX", "../../")),
        "404.html": page("<p>t</p>", "/assets/main.css", scripts.replace("PREFIX", "/")),
    }
    site, inline, _ = run(tmp_path, pages, "p{color:red}")
    [site_css] = (site / "assets" / "stylesheets").glob("site.*.css")
    for name, prefix in (("index.html", ""), ("en/page/index.html", "../../"), ("404.html", "/")):
        html = (site / name).read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert 'rel="stylesheet"' not in head and head.count("<style>") == 1
        assert '<link rel="icon" href="x.svg">' in head
        # The first paint waits until the body has been read, up to its last element with an id.
        assert f'<script data-until="__config">{HOLD}</script>\n<style>{inline[name]}</style>' in head
        loader = re.search(r'<script data-href="([^"]+)" data-scripts="([^"]*)">(.*?)</script>', html)
        assert loader.group(1) == f"{prefix}assets/stylesheets/{site_css.name}"
        # In the order the browser ran them: the deferred one last.
        assert loader.group(2).split() == [f"{prefix}assets/bundle.js", f"{prefix}assets/switch.js",
                                           f"{prefix}assets/late.js"]
        assert loader.group(3) == LOADER
        assert "<script src=" not in html
        assert '<script id="__config" type="application/json">{}</script>' in html
        assert "<script>inline()</script>" in html


def test_a_small_icon_is_written_into_the_page_a_large_one_stays_a_file(tmp_path):
    """The favicon is fetched while the page is drawn; a small one comes with the page."""
    small = '<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>'
    pages = {"index.html": page("<p>t</p>"),
             "en/page/index.html": page("<p>t</p>", "../../assets/main.css").replace('"x.svg"', '"../../x.svg"'),
             "en/big/index.html": page("<p>t</p>", "../../assets/main.css").replace('"x.svg"', '"../../big.svg"'),
             "x.svg": small, "big.svg": f"<svg>{' ' * 3000}</svg>"}
    site, _, _ = run(tmp_path, pages, "p{color:red}")
    address = "data:image/svg+xml;base64," + base64.b64encode(small.encode()).decode()
    for name in ("index.html", "en/page/index.html"):
        assert f'<link rel="icon" href="{address}">' in (site / name).read_text(encoding="utf-8")
    assert '<link rel="icon" href="../../big.svg">' in (site / "en/big/index.html").read_text(encoding="utf-8")


def test_a_page_without_an_id_in_its_body_paints_as_it_arrives(tmp_path):
    site, inline, _ = run(tmp_path, {"index.html": page("<p>t</p>")}, "p{color:red}")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert "data-until" not in html and f"<style>{inline['index.html']}</style>" in html


@pytest.mark.parametrize("extra, message", [
    ("\n@import url(x.css);", r"assets/extra.css:2: @import .* extra_css"),
    ("p{color:red;\n&:hover{color:blue}}", r"assets/extra.css:2: a rule inside a rule \(CSS nesting\)"),
    ("@layer base;", r"assets/extra.css:1: @layer is not followed"),
    ("p{background:url(img/x.png)}", r"assets/extra.css:1: url\(\) with a relative address"),
])
def test_css_the_step_cannot_follow_fails_with_the_file_line_and_fix(tmp_path, extra, message):
    with pytest.raises(FirstPaintError, match=message):
        run(tmp_path, {"index.html": page("<p>t</p>")}, "p{}", extra)
    run(tmp_path / "data-url", {"index.html": page("<p>t</p>")}, "p{background:url(data:image/png;base64,x)}")


@pytest.mark.parametrize("html, message", [
    (page("<p>t</p>").replace('rel="stylesheet"', 'rel="stylesheet" media="print"', 1), r"not <link rel=\"stylesheet\" media"),
    (page("<p>t</p>").replace('rel="stylesheet"', "rel='stylesheet'", 1), r"reads only plain"),
    (page("<p>t</p>", scripts='<script src="a.js" integrity="sha384-x"></script>'), r"cannot keep what <script"),
    (page("<p>t</p>", scripts='<script type="module" src="a.js"></script>'), r"cannot keep what <script"),
])
def test_markup_the_step_cannot_keep_fails_with_the_page_and_the_fix(tmp_path, html, message):
    with pytest.raises(FirstPaintError, match=r"^index.html: .*" + message):
        run(tmp_path, {"index.html": html}, "p{}")


def test_what_the_step_cannot_read_fails_with_the_file_and_the_fix(tmp_path):
    other = page("<p>t</p>", "../other/main.css")
    with pytest.raises(FirstPaintError, match=r"^index.html: links to other stylesheets than b/index.html .*extra_css"):
        run(tmp_path / "2", {"index.html": page("<p>t</p>"), "b/index.html": other}, "p{}")


@pytest.mark.parametrize("entry, message", [
    ("- {what: x, tokens: [md-x], when: load}", r"state 1: tokens: a list of classes"),
    ("- {what: x, tokens: ['.a b'], when: load}", r"state 1: tokens: a list of classes"),
    ("- {what: x, tokens: [.md-x], when: later}", r"state 1: when: is 'browser'"),
    ("- {what: x, tokens: [.md-x], when: load, where: 'a[['}", r"state 1: where: 'a\[\[' is not a selector"),
    ("- {what: x, tokens: [.md-x], when: load, shown: yes}", r"state 1: write what:, tokens:"),
])
def test_a_mistake_in_the_list_of_states_names_the_entry_and_the_fix(tmp_path, entry, message):
    path = tmp_path / "states.yml"
    path.write_text(f"states:\n  {entry}\n", encoding="utf-8")
    with pytest.raises(FirstPaintError, match=f"data/script_states.yml: {message}"):
        load_script_states(path, "data/script_states.yml")


def test_the_switch_is_true_or_false():
    assert first_paint_setting({"first_paint": True}, "mkdocs.yml") is True
    assert first_paint_setting({}, "mkdocs.yml") is False
    with pytest.raises(ProjectError, match=r"mkdocs.yml: extra → first_paint is true or false, not 'yes'"):
        first_paint_setting({"first_paint": "yes"}, "mkdocs.yml")


def theme_bundle() -> str:
    import material

    [bundle] = (Path(material.__file__).parent / "templates" / "assets" / "javascripts").glob("bundle.*.min.js")
    return bundle.read_text(encoding="utf-8")


def test_the_theme_script_starts_also_when_it_arrives_after_the_page_was_read():
    script = theme_bundle()
    started = start_when_parsed(script)
    assert started.count('document.readyState!=="loading"?') == 1
    assert len(started) - len(script) < 80
    assert start_when_parsed(started) == started, "edited twice"
    with pytest.raises(FirstPaintError, match="start_when_parsed"):
        # A theme that starts otherwise: the edit does not find its place, and says so.
        start_when_parsed(script.replace('"DOMContentLoaded"', '"readystatechange"'))


def test_inline_styles_are_allowed_by_their_hash_never_by_unsafe_inline(tmp_path):
    headers = tmp_path / "headers.yml"
    headers.write_text("Content-Security-Policy: script-src 'self' {inline-script-hashes}; "
                       "style-src 'self' 'unsafe-inline'\n", encoding="utf-8")
    with pytest.raises(HeadersError, match="style-src must not allow 'unsafe-inline'"):
        load_headers(headers, "deploy/security-headers.yml")
    headers.write_text("Content-Security-Policy: script-src 'self' {inline-script-hashes}; style-src 'self'\n",
                       encoding="utf-8")
    with pytest.raises(HeadersError, match=r"needs \{inline-style-hashes\} in style-src"):
        load_headers(headers, "deploy/security-headers.yml", inline_styles=True)
    headers.write_text("Content-Security-Policy: script-src 'self' {inline-script-hashes}; style-src 'self' "
                       "{inline-style-hashes}; style-src-elem 'self'\n", encoding="utf-8")
    with pytest.raises(HeadersError, match="not their -elem forms"):
        load_headers(headers, "deploy/security-headers.yml", inline_styles=True)


# The built site -------------------------------------------------------------------------------

def pages_of(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("*.html")) if "<style>" in p.read_text(encoding="utf-8")]


def switched_on() -> bool:
    return first_paint_setting(read_mkdocs_yml(ROOT / "mkdocs.yml").get("extra") or {}, "mkdocs.yml")


def test_every_page_of_the_site_carries_its_css_and_its_policy_allows_it(site):
    if not switched_on():
        pytest.skip("extra.first_paint is off in mkdocs.yml")
    pages = pages_of(site)
    assert len(pages) == len(all_page_metadata()) + 1, "the step did not run on every page (and 404.html)"
    header_policy = (site / "_headers").read_text(encoding="utf-8")
    for path in pages:
        html = path.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        assert 'rel="stylesheet"' not in head, path
        css = re.search(r"<style>(.*?)</style>", head, re.DOTALL).group(1)
        policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head).group(1)
        style_src = policy.split("style-src", 1)[1].split(";", 1)[0].split()
        assert style_src == ["'self'", source_hash(css)], path
        assert source_hash(css) in header_policy
        loader = re.search(r'<script data-href="([^"]+)" data-scripts="([^"]*)">', html)
        for address in [loader.group(1), *loader.group(2).split()]:
            target = site / address.lstrip("/") if address.startswith("/") else path.parent / address
            assert target.resolve().is_file(), f"{path}: {address}"
    assert "'unsafe-inline'" not in header_policy


def css_names(site: Path) -> set[str]:
    """The classes (.name), attributes ([name]) and elements (name) the selectors of the theme's
    stylesheet and the site's own name, inside :not(…) and the like too."""
    sheets = sorted((site / "assets" / "stylesheets").glob("main.*.min.css")) + [
        site / "assets" / "stylesheets" / "extra.css"]
    names = set()
    for sheet in sheets:
        for rule in tinycss2.parse_stylesheet(sheet.read_text(encoding="utf-8"), skip_comments=True):
            preludes = [rule.prelude] if rule.type == "qualified-rule" else []
            if rule.type == "at-rule" and rule.content is not None and rule.lower_at_keyword in ("media", "supports"):
                preludes = [r.prelude for r in tinycss2.parse_rule_list(rule.content) if r.type == "qualified-rule"]
            for prelude in preludes:
                text = tinycss2.serialize(prelude)
                names |= {"." + c for c in re.findall(r"\.(-?[_a-zA-Z][-\w]*)", text)}
                names |= {f"[{a}]" for a in re.findall(r"\[\s*([-\w]+)", text)}
                names |= set(re.findall(r"(?:^|[\s>+~,(])([a-z][a-z0-9]*)", text))
    return names


def test_the_list_of_states_names_everything_the_scripts_add_that_the_css_styles(site):
    """A theme update that adds a state (a class or attribute the CSS styles, no page has, and a
    script names) fails here until data/script_states.yml lists it, as a state or as unused."""
    states = load_script_states(ROOT / "data" / "script_states.yml")
    listed = [t for s in states.states for t in s.tokens] + list(states.unused)
    in_css = css_names(site)
    html = "".join(p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    in_pages = {"." + c for value in re.findall(r'class="([^"]*)"', html) for c in value.split()}
    in_pages |= {f"[{a}]" for a in re.findall(r"\s([-\w]+)(?:=|\s|>)", html)}
    scripts = "".join(p.read_text(encoding="utf-8") for p in (site / "assets" / "javascripts").glob("*.js"))

    def named_by_a_script(token: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(token.strip('.[]'))}(?![\w-])", scripts) is not None

    def covered(token: str) -> bool:
        return any(token == t or (t.endswith("*") and token.startswith(t[:-1])) for t in listed)

    # Names with a hyphen: the theme's and the site's own (md-…, pain-…, data-…), not the
    # one-letter classes of code highlighting, which no script adds.
    new = sorted(t for t in in_css - in_pages if "-" in t and named_by_a_script(t) and not covered(t))
    assert not new, f"add these to data/script_states.yml (a state, or unused): {new}"
    stale = sorted(t for s in states.states for t in s.tokens
                   if not any(n == t or (t.endswith("*") and n.startswith(t[:-1])) for n in in_css))
    assert not stale, f"data/script_states.yml lists states no CSS rule uses: {stale}"


def test_the_states_the_site_relies_on_are_in_the_list():
    """The states the issue named: search open, the drawer (a checkbox: :checked counts as possible
    by itself), tooltips; and the checker's advice, the site's own."""
    states = load_script_states(ROOT / "data" / "script_states.yml")
    tokens = {t for s in states.states for t in s.tokens}
    assert {".md-search-result*", ".md-tooltip2*", "[data-level]", "[open]"} <= tokens


def test_the_bare_page_the_benchmarks_compare_with_is_the_article_alone(site):
    """make bench-paint and make audit measure each page against its article as bare HTML."""
    from heuppijn_site.tools.audit import bare_page

    built = (site / "en" / "recovery" / "index.html").read_text(encoding="utf-8")
    bare = bare_page(built)
    heading = re.search(r"<h1[^>]*>(.*?)</h1>", built).group(1)
    assert f">{heading}</h1>" in bare and '<html lang="en">' in bare
    for absent in ("<script", "<style", "<link", "md-header", "md-nav"):
        assert absent not in bare, absent


def test_bench_paint_reports_each_page_s_median_and_worst_run_against_its_bare_html():
    """One slow run in three shows as the worst run, and puts the page over the target."""
    from heuppijn_site.tools.bench_paint import report

    def run(lcp: int) -> dict:
        return {"lcp_ms": lcp, "fcp_ms": 500}

    results = {"a/": {"site": [run(1000), run(1100), run(1500)], "off": [], "bare": [run(900), run(1000), run(1100)]},
               "b/": {"site": [run(1000)] * 3, "off": [], "bare": [run(1000)] * 3}}
    weights = dict.fromkeys(results, {"html": 1024, "css": 0, "js": 0, "img": 0})
    text = report(list(results), results, weights, 3)
    assert "| /a/ | 1000 1100 1500 | 1100 | 1500 | — | 1000 | 1.10 | 1.50 |" in text
    assert "| /b/ | 1000 1000 1000 | 1000 | 1000 | — | 1000 | 1.00 | 1.00 |" in text
    assert "Pages over a target: /a/." in text
