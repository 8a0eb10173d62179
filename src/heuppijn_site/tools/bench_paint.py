"""`make bench-paint`: how soon a phone shows a page's text, against the physical limit — the same
article as bare HTML (no CSS, no JavaScript, nothing but the article's own markup) from the same
server. A measurement to read, not a test: it exits 0 whatever the numbers.

Lighthouse (mobile, simulated throttling: a slow 4G connection and a 4× slower CPU) measures the
Largest Contentful Paint (LCP) and First Contentful Paint (FCP) of each page three ways, served by
nginx with deploy/'s configuration (compression, caching, headers), alternating:

- site: the build of mkdocs.yml as it is;
- off:  the same build with the first-paint optimisation switched off (extra.first_paint: false);
- bare: the article alone, written next to the page as index.bare.html.

Usage: .venv/bin/python -m heuppijn_site.tools.bench_paint [--runs N] [--all]
"""

from __future__ import annotations

import argparse
import gzip
import html
import re
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from heuppijn_site.tools.audit import BARE, LIGHTHOUSE, build, lighthouse, write_bare_pages
from heuppijn_site.tools.site_tools import (
    ROOT,
    all_page_metadata,
    copy_project,
    free_port,
    page_path,
    serve_with_nginx,
)

TARGET = 1.20  # the median LCP ratio site / bare over the measured pages, at most
# The pages the issue measured: the home page, the pain rule, the recovery phases in English.
PAGES = ("", "pijnregel/", "en/recovery/")
def switched_off_config(workdir: Path) -> Path:
    """A copy of the project with extra.first_paint set to false; its mkdocs.yml."""
    config = copy_project(workdir) / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    changed, count = re.subn(r"^(\s+first_paint:\s*)true\b", r"\1false", text, count=1, flags=re.M)
    if count != 1:
        sys.exit("mkdocs.yml has no `first_paint: true` under extra: to switch off")
    config.write_text(changed, encoding="utf-8")
    return config


def first_visit_bytes(site: Path, path: str) -> dict[str, int]:
    """Gzipped bytes a first visit to the page fetches, by kind: the HTML, and the stylesheets,
    scripts and images it names, also those it loads after its first paint (not what scripts
    fetch later, such as the search index)."""
    page = (site / path / "index.html").read_text(encoding="utf-8")
    sizes = {"html": len(gzip.compress(page.encode("utf-8"), 9)), "css": 0, "js": 0, "img": 0}
    refs = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*\bhref="([^"]+)"', page)
    refs += re.findall(r'<script\b[^>]*\bsrc="([^"]+)"', page)
    refs += re.findall(r'<img\b[^>]*\bsrc="([^"]+)"', page)
    for loader in re.finditer(r'<script data-href="([^"]+)" data-scripts="([^"]*)"', page):
        refs += [loader.group(1), *loader.group(2).split()]
    for ref in dict.fromkeys(html.unescape(r) for r in refs):
        if "://" in ref or ref.startswith("data:"):
            continue
        target = (site / path / ref.split("#")[0].split("?")[0]).resolve()
        kind = {".css": "css", ".js": "js"}.get(target.suffix, "img")
        sizes[kind] += len(gzip.compress(target.read_bytes(), 9))
    return sizes


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and variant (median)")
    parser.add_argument("--all", action="store_true", help="every page, not only the three of the target")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or not shutil.which("nginx"):
        sys.exit("Lighthouse or nginx is missing: run `make bench-paint`, which installs them")
    paths = sorted({page_path(p) for p in all_page_metadata()}) if args.all else list(PAGES)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ports = [free_port(), free_port()]
        (work / "project-off").mkdir()
        build(ROOT / "mkdocs.yml", work / "site", f"http://127.0.0.1:{ports[0]}/")
        build(switched_off_config(work / "project-off"), work / "off", f"http://127.0.0.1:{ports[1]}/")
        write_bare_pages(work / "site", paths)
        weights = {path: first_visit_bytes(work / "site", path) for path in paths}
        results: dict[str, dict[str, list[dict]]] = {path: {"site": [], "off": [], "bare": []} for path in paths}
        with serve_with_nginx(work / "site", work / "off", ports=ports) as urls:
            for run in range(args.runs):
                for path in paths:
                    for variant, url in (("site", urls[0] + path), ("off", urls[1] + path),
                                         ("bare", urls[0] + path + BARE)):
                        print(f"run {run + 1}/{args.runs} {variant:4} {url}", flush=True)
                        results[path][variant].append(
                            lighthouse(url, work / "lighthouse.json", categories=("performance",)))

    def median(path: str, variant: str, key: str) -> float:
        return statistics.median(r[key] for r in results[path][variant])

    lines = [
        "| page | LCP site | LCP off | LCP bare | ratio site/bare | ratio off/bare | FCP site | FCP bare "
        "| first visit KB (gzip: HTML + CSS + JS + images) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    ratios = []
    for path in paths:
        lcp = {v: median(path, v, "lcp_ms") for v in ("site", "off", "bare")}
        ratio = lcp["site"] / lcp["bare"]
        ratios.append(ratio)
        w = weights[path]
        lines.append(
            f"| /{path} | {lcp['site']:.0f} | {lcp['off']:.0f} | {lcp['bare']:.0f} | {ratio:.2f} | "
            f"{lcp['off'] / lcp['bare']:.2f} | {median(path, 'site', 'fcp_ms'):.0f} | "
            f"{median(path, 'bare', 'fcp_ms'):.0f} | {sum(w.values()) / 1024:.1f} "
            f"({w['html'] / 1024:.1f} + {w['css'] / 1024:.1f} + {w['js'] / 1024:.1f} + {w['img'] / 1024:.1f}) |"
        )
    print(f"\nLargest and First Contentful Paint in ms, Lighthouse mobile, median of {args.runs} runs.\n")
    print("\n".join(lines))
    print(f"\nMedian LCP ratio site/bare: {statistics.median(ratios):.2f} (target: at most {TARGET:.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
