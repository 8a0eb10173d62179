"""The site-level steps, over a built folder, in this order:

1. no addresses of other hosts in any script (no third-party requests)
2. the theme's script: search reads every change of the box and loads its index on demand; no
   sitemap lookups; with extra.first_paint, it starts also when loaded after the page was read;
   renamed after its final content, so no browser keeps an old one
3. search in the reader's language: the words people type (data/search_terms.yml) on their
   page's entry, and one index per language
4. the language switch's map on every page: its sections to its translation's
5. a redirect page at every address in data/redirects.yml
6. robots.txt, pointing at the sitemap
7. the first paint (with extra.first_paint on in mkdocs.yml): each page's CSS rules in the page,
   the site's stylesheet and the page's scripts loaded after its first paint (theme/first_paint.py)
8. the security headers (deploy/security-headers.yml) with the hashes of the final pages'
   inline scripts (and styles), as `_headers` and `_headers.nginx.conf` (each page its own policy),
   and each page's Content-Security-Policy as a <meta> in it, for hosts that send no headers
   (GitHub Pages) — last, after every other change

MkDocs runs this after a build (hooks/site.py); on its own:

    python -m heuppijn_site.deploy.postbuild site/ [--project .]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from heuppijn_site.errors import SiteError
from heuppijn_site.build_cache import cache_folder
from heuppijn_site.content.front_matter import PageMetadata
from heuppijn_site.deploy.redirect_map import Redirect, load_redirects
from heuppijn_site.deploy.security_headers import (
    HeadersError,
    check_nginx_address,
    inline_script_hashes,
    inline_style_hashes,
    load_headers,
    meta_policy,
    netlify_headers,
    nginx_headers,
    page_policy,
    with_hashes,
    with_policy_meta,
)
from heuppijn_site.deploy.third_party import without_external_urls
from heuppijn_site.head.page_head import absolute
from heuppijn_site.html_templates import template_env
from heuppijn_site.search.search_index import add_keywords, split_index
from heuppijn_site.search.search_terms import load_search_terms, split_key
from heuppijn_site.project import DATA_FILES, load_project, read_pages
from heuppijn_site.site_texts import LanguageTexts, site_texts
from heuppijn_site.theme.first_paint import (
    STATES_FILE,
    ScriptStates,
    load_script_states,
    optimise_first_paint,
    start_when_parsed,
)
from heuppijn_site.theme.section_twins import fill_section_twins, page_anchors, section_twins
from heuppijn_site.theme.site_files import write_edited_script
from heuppijn_site.theme.theme_html import (
    disable_alternate_sitemap_lookup,
    load_search_index_on_demand,
    read_search_query_on_input,
)

REDIRECTS_FILE = DATA_FILES["redirects"]
SEARCH_TERMS_FILE = DATA_FILES["search_terms"]
HEADERS_FILE = DATA_FILES["security_headers"]
SEARCH_INDEX = Path("search") / "search_index.json"
REDIRECT_SCRIPT = "assets/javascripts/redirect.js"
THEME_BUNDLE = re.compile(r"^bundle\.[0-9a-f]+\.min\.js$")
HEADING_ID = re.compile(r"<h[1-6][^>]*\sid=\"([^\"]+)\"")


class PostbuildError(SiteError):
    """A step cannot be done; the message names the file and the fix."""


@dataclass(frozen=True)
class BuiltSite:
    """A built folder and what the steps need to know about the site."""

    folder: Path
    root: Path  # the project: data/ and deploy/
    site_url: str
    languages: tuple[str, ...]
    default_language: str
    pages: list[PageMetadata]
    templates: jinja2.Environment  # redirect-page.html
    search_terms: dict[str, dict[str, tuple[str, ...]]]
    redirects: list[Redirect]
    texts: dict[str, LanguageTexts]  # per language: data/labels.yml
    first_paint: bool  # mkdocs.yml extra.first_paint: the pages' CSS inline (theme/first_paint.py)
    script_states: ScriptStates  # data/script_states.yml

    def page(self, language: str, name: str) -> PageMetadata | None:
        return next((p for p in self.pages if p.locale == language and p.name == name), None)

    def html_file(self, page: PageMetadata) -> Path:
        return self.folder / page.url_path(self.default_language) / "index.html"


RUNNING = ".postbuild-running"  # in the folder while the steps run; gone when they are done


def run(site: BuiltSite) -> None:
    """Every step, in order. What can be checked without changing anything is checked first; a
    folder that is done, or that a run left halfway, is refused with what to do."""
    check_folder(site)
    search_keywords(site)  # the sections data/search_terms.yml names exist
    check_redirects(site)  # every redirect's target section exists, and no page is in its way
    (site.folder / RUNNING).write_text("heuppijn_site.deploy.postbuild\n", encoding="utf-8")
    remove_third_party_addresses(site)  # 1
    edit_theme_script(site)  # 2: after the last edit of its script, which it renames
    split_search_index(site)  # 3
    add_language_switch_maps(site)  # 4
    write_redirect_pages(site)  # 5
    write_robots_txt(site)  # 6
    first_paint(site)  # 7: after every change to the pages' elements
    write_security_headers(site)  # 8: last
    (site.folder / RUNNING).unlink()


def check_folder(site: BuiltSite) -> None:
    if not (site.folder / SEARCH_INDEX).is_file():
        raise PostbuildError(f"{site.folder}: not a built site (it has no {SEARCH_INDEX.as_posix()}) — give "
                             f"the folder `mkdocs build` wrote, e.g. site/")
    if (site.folder / RUNNING).exists():
        raise PostbuildError(f"{site.folder}: an earlier run stopped halfway and left its files half-changed — "
                             f"build the site again into an empty folder, then run this")
    if (site.folder / "_headers").exists():
        raise PostbuildError(f"{site.folder}: already post-processed (it has _headers) — build the site "
                             f"again into an empty folder first")
    for page in sorted(site.folder.rglob("*.html")):  # each gets its own headers from nginx (step 8)
        try:
            check_nginx_address(site_address(site, page))
        except HeadersError as error:
            raise PostbuildError(str(error)) from None


# 1 -------------------------------------------------------------------------------------------

def remove_third_party_addresses(site: BuiltSite) -> None:
    for script in sorted(site.folder.rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        cleaned = without_external_urls(text)
        if cleaned != text:
            write_edited_script(script, cleaned)


# 2 -------------------------------------------------------------------------------------------

def edit_theme_script(site: BuiltSite) -> None:
    scripts = site.folder / "assets" / "javascripts"
    for script in sorted(scripts.glob("bundle.*.min.js")):
        if not THEME_BUNDLE.match(script.name):
            continue
        text = script.read_text(encoding="utf-8")
        fixed = read_search_query_on_input(load_search_index_on_demand(disable_alternate_sitemap_lookup(text)))
        if site.first_paint:  # the script runs after the first paint (step 7)
            fixed = start_when_parsed(fixed)
        if fixed == text:
            continue
        write_edited_script(script, fixed)
        renamed = script.with_name(f"bundle.{hashlib.sha256(script.read_bytes()).hexdigest()[:8]}.min.js")
        script.rename(renamed)
        _replace_in_pages(site, f"assets/javascripts/{script.name}", f"assets/javascripts/{renamed.name}")


def _replace_in_pages(site: BuiltSite, old: str, new: str) -> None:
    for page in site.folder.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if old in text:
            page.write_text(text.replace(old, new), encoding="utf-8")


# 3 -------------------------------------------------------------------------------------------

def _article_ids(html: str) -> list[str]:
    start, end = html.find("<article"), html.find("</article>")
    return HEADING_ID.findall(html[start:end] if 0 <= start < end else html)


def search_keywords(site: BuiltSite) -> dict[str, tuple[str, ...]]:
    """{location in the search index: the words people type}, each section checked."""
    keywords = {}
    for language, by_page in site.search_terms.items():
        for key, words in by_page.items():
            name, anchor = split_key(key)
            page = site.page(language, name)
            if page is None:
                continue
            if anchor:
                anchors = _article_ids(site.html_file(page).read_text(encoding="utf-8"))
                if anchor not in anchors:
                    raise PostbuildError(f"{SEARCH_TERMS_FILE}: {language}: {key}: docs/{language}/{name} has "
                                         f"no section '{anchor}' — its sections: {', '.join(anchors)}")
            keywords[page.url_path(site.default_language) + (f"#{anchor}" if anchor else "")] = words
    return keywords


def split_search_index(site: BuiltSite) -> None:
    combined = json.loads((site.folder / SEARCH_INDEX).read_text(encoding="utf-8"))
    combined = add_keywords(combined, search_keywords(site))
    others = [language for language in site.languages if language != site.default_language]
    for language, index in split_index(combined, site.default_language, others).items():
        target = site.folder / (SEARCH_INDEX if language == site.default_language else Path(language) / SEARCH_INDEX)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(index, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# 4 -------------------------------------------------------------------------------------------

def add_language_switch_maps(site: BuiltSite) -> None:
    written: dict[tuple[str, str], tuple[Path, str]] = {}
    for page in site.pages:
        path = site.html_file(page)
        if path.exists():
            written[(page.locale, page.name)] = (path, path.read_text(encoding="utf-8"))
    anchors = {key: page_anchors(html) for key, (_, html) in written.items()}
    for (language, name), (path, html) in written.items():
        twins = {
            other: section_twins(anchors[(language, name)], other_anchors)
            for (other, other_name), other_anchors in anchors.items()
            if other_name == name and other != language
        }
        if not twins:
            continue
        filled = fill_section_twins(html, twins)
        if filled != html:
            path.write_text(filled, encoding="utf-8")


# 5 -------------------------------------------------------------------------------------------

def _redirect_target(site: BuiltSite, redirect: Redirect) -> PageMetadata:
    language, name = redirect.page.split("/", 1)
    page = site.page(language, name)
    assert page is not None  # load_redirects checked that the page exists
    return page


def check_redirects(site: BuiltSite) -> None:
    for redirect in site.redirects:
        page_url = _redirect_target(site, redirect).url_path(site.default_language)
        where = f"{REDIRECTS_FILE}:{redirect.line}"
        page_file = site.folder / page_url / "index.html"
        if redirect.anchor and f'id="{redirect.anchor}"' not in page_file.read_text(encoding="utf-8"):
            raise PostbuildError(
                f"{where}: docs/{redirect.page} has no heading with id '{redirect.anchor}' — "
                f"fix the anchor after '#', or give the heading that id"
            )
        if (site.folder / redirect.source / "index.html").exists():
            raise PostbuildError(
                f"{where}: '{redirect.source}' is the address of a page — a redirect cannot "
                f"replace it; remove this redirect or change the page's slug"
            )


def write_redirect_pages(site: BuiltSite) -> None:
    template = site.templates.get_template("redirect-page.html")
    for redirect in site.redirects:
        page = _redirect_target(site, redirect)
        page_url = page.url_path(site.default_language)
        output = site.folder / redirect.source / "index.html"
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(
            template.render(
                language=redirect.language,
                texts=site.texts[redirect.language].redirect,
                target=redirect.target(page_url),
                target_title=page.title,
                canonical=absolute(site.site_url, page_url),
                script_url="../" * redirect.source.count("/") + REDIRECT_SCRIPT,
            ),
            encoding="utf-8",
        )


# 6 -------------------------------------------------------------------------------------------

def write_robots_txt(site: BuiltSite) -> None:
    """Everything may be indexed; the sitemap is at the site's public address."""
    sitemap = absolute(site.site_url, "sitemap.xml")
    (site.folder / "robots.txt").write_text(f"User-agent: *\nAllow: /\n\nSitemap: {sitemap}\n", encoding="utf-8")


# 7 -------------------------------------------------------------------------------------------

def first_paint(site: BuiltSite) -> None:
    """With extra.first_paint on: each page's CSS inline, the site's stylesheet after the first paint."""
    if not site.first_paint:
        return
    optimise_first_paint(site.folder, site.script_states, cache_folder(site.root))


# 8 -------------------------------------------------------------------------------------------

def site_address(site: BuiltSite, path: Path) -> str:
    """A file's address from the site's root, as a server matches it: /en/index.html."""
    return "/" + path.relative_to(site.folder).as_posix()


def write_security_headers(site: BuiltSite) -> None:
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.folder.rglob("*.html"))}
    headers = load_headers(site.root / HEADERS_FILE, HEADERS_FILE, inline_styles=site.first_paint)
    template = headers["Content-Security-Policy"]
    # Every page carries its own policy in a <meta>, with the hashes of its own inline scripts and
    # style only: a host that sends no headers (GitHub Pages) still applies it. nginx sends it too.
    own_policies = {}
    for path, page in pages.items():
        own = page_policy(template, page)
        try:
            path.write_text(with_policy_meta(page, meta_policy(own)), encoding="utf-8")
        except HeadersError as error:
            raise PostbuildError(f"{path.relative_to(site.folder)}: {error}") from None
        own_policies[site_address(site, path)] = own
    # Netlify's file: one policy for every path, with every page's hashes.
    every_page = with_hashes(template, inline_script_hashes(pages.values()), inline_style_hashes(pages.values()))
    (site.folder / "_headers").write_text(netlify_headers({**headers, "Content-Security-Policy": every_page}),
                                          encoding="utf-8")
    # nginx: what is not a page (a stylesheet, an image, nginx's own redirect of an address without
    # its final slash) gets the policy without any inline hash; each page its own.
    nginx = {**headers, "Content-Security-Policy": with_hashes(template, [], [])}
    (site.folder / "_headers.nginx.conf").write_text(nginx_headers(nginx, own_policies), encoding="utf-8")


# On its own ----------------------------------------------------------------------------------

def load_data(root: Path, page_names: set[str], languages: tuple[str, ...], default_language: str) -> dict[str, Any]:
    """The data files the steps use, read and checked: the words people type, the redirects,
    the labels. `page_names` are the pages' file names ("herstel.md"), in every language."""
    return {
        "search_terms": load_search_terms(root / SEARCH_TERMS_FILE,
                                          {language: sorted(page_names) for language in languages},
                                          SEARCH_TERMS_FILE),
        "redirects": load_redirects(root / REDIRECTS_FILE, REDIRECTS_FILE,
                                    {f"{language}/{name}" for language in languages for name in page_names},
                                    default_language, list(languages)),
        "texts": site_texts(root, languages),
        "script_states": load_script_states(root / STATES_FILE, STATES_FILE),
    }


def built_site(folder: Path, root: Path) -> BuiltSite:
    """What the steps need, from the project's files alone (no MkDocs)."""
    config = load_project(root)
    pages = read_pages(config)
    return BuiltSite(folder=folder, root=root, site_url=config.site_url, languages=config.languages,
                     default_language=config.default_language, pages=pages, first_paint=config.first_paint,
                     templates=template_env(root / "overrides"),
                     **load_data(root, {p.name for p in pages}, config.languages, config.default_language))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("site", type=Path, help="the built folder, e.g. site/")
    parser.add_argument("--project", type=Path, default=Path("."), help="the project (mkdocs.yml, data/, deploy/)")
    args = parser.parse_args(argv)
    try:
        run(built_site(args.site.resolve(), args.project.resolve()))
    except SiteError as error:
        print(f"postbuild: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
