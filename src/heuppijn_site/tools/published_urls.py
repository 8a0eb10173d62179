"""The list of published addresses (data/published-urls.yml): every page and section anchor in
both languages, and every redirect. Clinics put these in letters and emails; none may break.

Usage: .venv/bin/python -m heuppijn_site.tools.published_urls   (or: make published-urls)
Builds the site and adds new addresses and anchors to the list. It never removes one: a link
that was published stays in the list, and the tests fail until it works again (a redirect, or
the heading's old id).
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path


import yaml
from heuppijn_site.deploy.redirect_map import Redirect, load_redirects
from heuppijn_site.project import DATA_FILES, load_project
from heuppijn_site.tools.site_tools import ROOT, all_page_metadata, mkdocs_build, page_path

LIST_FILE = ROOT / DATA_FILES["published_urls"]
HEADER = """\
# Every published address of the site and the section anchors on each page, in both languages.
# Clinics link to these from letters and emails, so none may break. Written by
# `make published-urls`, which adds new ones and never removes any; tests/test_published_urls.py
# fails when one of them no longer works. Moved a page? Add its old address to
# data/redirects.yml. Renamed a heading? Keep its old id: ## New wording {#old-id}.
"""
# Section headings, and the terms on the glossary page (<dt id="pees">).
SECTION_ID = re.compile(r'<(?:h[2-6]|dt) id="([^"]+)"')
GENERATED_PAGE = 'name="robots" content="noindex"'  # redirect pages


def redirects(root: Path = ROOT) -> list[Redirect]:
    pages = {f"{p.locale}/{p.name}" for p in all_page_metadata(root)}
    project = load_project(root)
    return load_redirects(project.data("redirects"), DATA_FILES["redirects"], pages, project.default_language,
                          list(project.languages))


def site_addresses(site: Path, root: Path = ROOT) -> dict[str, list[str]]:
    """{"/oorzaken/": ["belasting-en-belastbaarheid", …], "/fase-2/": [], …} from a built site."""
    found: dict[str, list[str]] = {}
    for page in all_page_metadata(root):
        html = (site / page_path(page) / "index.html").read_text(encoding="utf-8")
        found["/" + page_path(page)] = list(dict.fromkeys(SECTION_ID.findall(html)))
    for redirect in redirects(root):
        found["/" + redirect.source] = []
    return dict(sorted(found.items()))


def read_list() -> dict[str, list[str]]:
    if not LIST_FILE.exists():
        return {}
    return {url: list(anchors or []) for url, anchors in (yaml.safe_load(LIST_FILE.read_text(encoding="utf-8")) or {}).items()}


def write_list(addresses: dict[str, list[str]]) -> None:
    body = yaml.safe_dump(dict(sorted(addresses.items())), allow_unicode=True, sort_keys=False, width=100)
    LIST_FILE.write_text(HEADER + body, encoding="utf-8")


def broken_links(listed: dict[str, list[str]], site: Path, root: Path = ROOT) -> list[str]:
    """Every listed address or anchor that no longer works, with how to fix it."""
    by_source = {"/" + r.source: r for r in redirects(root)}
    targets = {f"{p.locale}/{p.name}": "/" + page_path(p) for p in all_page_metadata(root)}
    problems = []
    for url, anchors in listed.items():
        page = site / url.lstrip("/") / "index.html"
        html = page.read_text(encoding="utf-8") if page.exists() else ""
        if url in by_source:
            redirect = by_source[url]
            html = (site / targets[redirect.page].lstrip("/") / "index.html").read_text(encoding="utf-8")
        elif not html or GENERATED_PAGE in html:
            project = load_project(root)
            language = next((language for language in project.languages if url.startswith(f"/{language}/")),
                            project.default_language)
            problems.append(
                f"{url} would break: no page or redirect has this address any more. Add to "
                f"{DATA_FILES['redirects']}:\n    - from: {url.lstrip('/')}\n      to: {language}/<the page that "
                f"replaces it>.md"
            )
            continue
        for anchor in anchors:
            if f'id="{anchor}"' not in html:
                problems.append(
                    f"{url}#{anchor} would break: no section on that page has the id '{anchor}' any "
                    f"more. Give the heading its old id back, e.g. ## New wording {{#{anchor}}}"
                )
    return problems


def unlisted(listed: dict[str, list[str]], site: Path, root: Path = ROOT) -> list[str]:
    """Addresses and anchors of the site that the list does not have yet."""
    missing = []
    for url, anchors in site_addresses(site, root).items():
        if url not in listed:
            missing.append(url)
        missing.extend(f"{url}#{anchor}" for anchor in anchors if anchor not in listed.get(url, []))
    return missing


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        result = mkdocs_build(ROOT, site)
        if result.returncode:
            sys.exit(result.stderr)
        listed = read_list()
        new = unlisted(listed, site)
        for url, anchors in site_addresses(site).items():
            listed.setdefault(url, [])
            listed[url] += [anchor for anchor in anchors if anchor not in listed[url]]
        write_list(listed)
        for line in new:
            print(f"added {line}")
        print(f"{LIST_FILE.relative_to(ROOT)}: {len(listed)} addresses, "
              f"{sum(len(a) for a in listed.values())} anchors")
        problems = broken_links(listed, site)
        for problem in problems:
            print(problem, file=sys.stderr)
        return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
