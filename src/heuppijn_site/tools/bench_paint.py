"""`make bench-paint`: how soon a phone shows a page's text, against the physical limit — the same
article as bare HTML (no CSS, no JavaScript, nothing but the article's own markup) from the same
server. A measurement to read, not a test: it exits 0 whatever the numbers.

Lighthouse (mobile, simulated throttling: a slow 4G connection and a 4× slower CPU) measures the
Largest Contentful Paint (LCP) and First Contentful Paint (FCP) of each page three ways, served by
nginx with deploy/'s configuration (compression, caching, headers), alternating:

- site: the build of mkdocs.yml as it is;
- off:  the same build with the first-paint optimisation switched off (extra.first_paint: false);
- bare: the article alone, written next to the page as index.bare.html.

Lighthouse's simulated LCP depends on the run it observed: a run whose largest paint came after
the site's stylesheet or scripts had arrived counts their download too. So each page is measured
several times, and the report gives the median and the worst run: the worst is what some
readers (and some audits) get.

Usage: .venv/bin/python -m heuppijn_site.tools.bench_paint [--runs N] [--all] [--skip-off]
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

from heuppijn_site.tools.audit import (
    BARE,
    LIGHTHOUSE,
    TARGET_MEDIAN,
    TARGET_WORST,
    build,
    lighthouse,
    write_bare_pages,
)
from heuppijn_site.tools.site_tools import (
    ROOT,
    all_page_metadata,
    copy_project,
    free_port,
    page_path,
    serve_with_nginx,
)

# The home page, the pain rule and the recovery phases in English; and the pages whose LCP came
# late in some runs of `make audit` (issue 28).
PAGES = ("", "pijnregel/", "en/recovery/", "en/diagnosis/", "onderzoek/", "en/when-to-get-help/",
         "en/about/", "toegankelijkheid/")


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


def report(paths: list[str], results: dict[str, dict[str, list[dict]]], weights: dict[str, dict[str, int]],
           runs: int) -> str:
    """The table: per page the median and the worst run against the median of the bare HTML, and
    the verdict against the targets."""
    def lcps(path: str, variant: str) -> list[int]:
        return [r["lcp_ms"] for r in results[path][variant]]

    def median(path: str, variant: str, key: str = "lcp_ms") -> float:
        return statistics.median(r[key] for r in results[path][variant])

    variants = [v for v in ("site", "off") if results[paths[0]][v]]
    lines = [
        "| page | LCP site, each run | LCP site median | LCP site worst | LCP off median | LCP bare median "
        "| ratio median | ratio worst | FCP site median | FCP bare median "
        "| first visit KB (gzip: HTML + CSS + JS + images) |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    medians, worsts = {}, {}
    for path in paths:
        bare = median(path, "bare")
        medians[path] = median(path, "site") / bare
        worsts[path] = max(lcps(path, "site")) / bare
        off = f"{median(path, 'off'):.0f}" if "off" in variants else "—"
        w = weights[path]
        lines.append(
            f"| /{path} | {' '.join(map(str, lcps(path, 'site')))} | {median(path, 'site'):.0f} | "
            f"{max(lcps(path, 'site'))} | {off} | {bare:.0f} | {medians[path]:.2f} | {worsts[path]:.2f} | "
            f"{median(path, 'site', 'fcp_ms'):.0f} | {median(path, 'bare', 'fcp_ms'):.0f} | "
            f"{sum(w.values()) / 1024:.1f} ({w['html'] / 1024:.1f} + {w['css'] / 1024:.1f} + "
            f"{w['js'] / 1024:.1f} + {w['img'] / 1024:.1f}) |"
        )
    over = [f"/{p}" for p in paths if medians[p] > TARGET_MEDIAN or worsts[p] > TARGET_WORST]
    return "\n".join([
        f"Largest and First Contentful Paint in ms, Lighthouse mobile, {runs} runs of each page and variant; "
        f"the ratios are the site's LCP (median run, worst run) against the median LCP of the bare HTML.",
        "", *lines, "",
        f"Highest median ratio: {max(medians.values()):.2f} (target: at most {TARGET_MEDIAN:.2f}); "
        f"highest worst-run ratio: {max(worsts.values()):.2f} (target: at most {TARGET_WORST:.2f}); "
        f"median over the pages: {statistics.median(medians.values()):.2f}.",
        f"Pages over a target: {', '.join(over) if over else 'none'}.",
    ])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page and variant (median, worst)")
    parser.add_argument("--all", action="store_true", help="every page, not only those of the target")
    parser.add_argument("--skip-off", action="store_true",
                        help="leave out the build with extra.first_paint off (a third quicker)")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or not shutil.which("nginx"):
        sys.exit("Lighthouse or nginx is missing: run `make bench-paint`, which installs them")
    paths = sorted({page_path(p) for p in all_page_metadata()}) if args.all else list(PAGES)

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        ports = [free_port(), free_port()]
        build(ROOT / "mkdocs.yml", work / "site", f"http://127.0.0.1:{ports[0]}/")
        sites = [work / "site"]
        if not args.skip_off:
            (work / "project-off").mkdir()
            build(switched_off_config(work / "project-off"), work / "off", f"http://127.0.0.1:{ports[1]}/")
            sites.append(work / "off")
        write_bare_pages(work / "site", paths)
        weights = {path: first_visit_bytes(work / "site", path) for path in paths}
        results: dict[str, dict[str, list[dict]]] = {path: {"site": [], "off": [], "bare": []} for path in paths}
        with serve_with_nginx(*sites, ports=ports[: len(sites)]) as urls:
            for run in range(args.runs):
                for path in paths:
                    variants = [("site", urls[0] + path), ("bare", urls[0] + path + BARE)]
                    if not args.skip_off:
                        variants.insert(1, ("off", urls[1] + path))
                    for variant, url in variants:
                        print(f"run {run + 1}/{args.runs} {variant:4} {url}", flush=True)
                        results[path][variant].append(
                            lighthouse(url, work / "lighthouse.json", categories=("performance",)))
                        print(f"  LCP {results[path][variant][-1]['lcp_ms']} ms", flush=True)

    print("\n" + report(paths, results, weights, args.runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
