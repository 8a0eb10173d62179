"""`make audit`: Lighthouse (mobile) on every page, both languages, served by nginx with the
configuration in deploy/, side by side with a stock Material for MkDocs build of the same docs
(no hooks, no overrides), and beside the bare HTML of each page's article (no CSS, no JavaScript:
the physical limit of its first paint). Writes audit-report/report.md and report.json and prints
the table.

Usage: .venv/bin/python -m heuppijn_site.tools.audit [--pages N]   (N: only the first N pages per language)
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


from heuppijn_site.tools.site_tools import (
    PROJECT,
    BUILD_ENV,
    CHROMIUM,
    CHROMIUM_ARGS,
    ROOT,
    all_page_metadata,
    free_port,
    page_path,
    stock_config,
    serve_with_nginx,
)

LIGHTHOUSE = ROOT / "tools" / "audit" / "node_modules" / ".bin" / "lighthouse"
REPORT_DIR = ROOT / "audit-report"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
# deploy/nginx/heuppijn.conf includes the headers file a build of this site writes. Stock Material
# writes none and sends no such headers, so its server gets an include that sets nothing: both
# sites are then served by the same configuration (compression, caching, 404 page) as deployed.
STOCK_HEADERS = "# Stock Material for MkDocs writes no security headers: none are set.\n"


# No page's LCP more than this many times its bare HTML's (one run a page: the worst-run target
# of `make bench-paint`, with room for the noise of a single run).
HIGHEST_LCP_RATIO = 1.30
# `make bench-paint`'s targets for its pages, median and worst of several runs.
TARGET_MEDIAN = 1.15
TARGET_WORST = 1.25

BARE = "index.bare.html"
ARTICLE = re.compile(r"<article\b[^>]*>(?P<body>.*?)</article>", re.DOTALL)
NOT_BARE = re.compile(r"<(script|style|template)\b[^>]*>.*?</\1>|<link\b[^>]*>", re.DOTALL | re.IGNORECASE)
TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)
LANG = re.compile(r'<html\s+lang="([^"]+)"')


def bare_page(page: str) -> str:
    """The page's article as a document of its own: its language, title and viewport, and the
    article's markup without scripts, styles or stylesheet links."""
    article = ARTICLE.search(page)
    if article is None:
        raise ValueError("the page has no <article>")
    title = TITLE.search(page)
    lang = LANG.search(page)
    return (
        f'<!doctype html>\n<html lang="{lang.group(1) if lang else "nl"}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f"<title>{title.group(1) if title else ''}</title>\n</head>\n<body>\n<main>\n"
        f"{NOT_BARE.sub('', article.group('body'))}\n</main>\n</body>\n</html>\n"
    )


def write_bare_pages(site: Path, paths: list[str]) -> None:
    for path in paths:
        (site / path / BARE).write_text(bare_page((site / path / "index.html").read_text(encoding="utf-8")),
                                        encoding="utf-8")


def build(config_file: Path, site_dir: Path, site_url: str) -> None:
    env = {**os.environ, **BUILD_ENV, "SITE_URL": site_url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config_file), "-d", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(f"build with {config_file.name} failed:\n{result.stderr}")


def lighthouse(url: str, output: Path, categories: tuple[str, ...] = CATEGORIES) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
               f"--only-categories={','.join(categories)}", f"--chrome-flags={flags}"]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    try:
        subprocess.run(command, env=environment, check=True, timeout=180)
    except subprocess.CalledProcessError:
        # Lighthouse now and then fails to record a page load (NO_NAVSTART); once more.
        print(f"  Lighthouse failed on {url}; once more", flush=True)
        subprocess.run(command, env=environment, check=True, timeout=180)
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    shortfalls = sorted(
        f"{report['categories'][category]['title']}: {audits[ref['id']]['title']}"
        for category in categories
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None
        and audits[ref["id"]]["score"] < 1
    )
    return {
        **{category: round(100 * (report["categories"][category]["score"] or 0)) for category in categories},
        "fcp_ms": round(audits["first-contentful-paint"]["numericValue"]),
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "below_full_marks": shortfalls,
    }


def stock_path(page) -> str:
    """Where stock mkdocs-static-i18n puts a page: its file name, not its slug."""
    prefix = "" if page.locale == PROJECT.default_language else f"{page.locale}/"
    return prefix if page.is_home else f"{prefix}{page.name.removesuffix('.md')}/"


def table(rows: list[dict]) -> str:
    head = ("| page | site | perf | a11y | best pr. | SEO | LCP ms | TBT ms | CLS | KB |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [head]
    for row in rows:
        for name in ("this", "stock", "bare"):
            r = row[name]
            lines.append(
                f"| {row['page']} | {name} | {r['performance']} | {r['accessibility']} | "
                f"{r['best-practices']} | {r['seo']} | {r['lcp_ms']} | {r['tbt_ms']} | {r['cls']} | "
                f"{r['bytes'] / 1024:.0f} |"
            )
    return "\n".join(lines)


def summary(rows: list[dict]) -> str:
    def mean(site: str, key: str) -> float:
        return statistics.mean(row[site][key] for row in rows)

    lines = ["| measure | this site (mean) | stock Material (mean) | ratio this/stock |", "|---|---:|---:|---:|"]
    for key in (*CATEGORIES, "lcp_ms", "tbt_ms", "bytes"):
        this, stock = mean("this", key), mean("stock", key)
        ratio = f"{this / stock:.2f}" if stock else "—"
        lines.append(f"| {key} | {this:.1f} | {stock:.1f} | {ratio} |")
    ratios = {row["page"]: row["this"]["lcp_ms"] / row["bare"]["lcp_ms"] for row in rows}
    over = [f"{page} ({ratio:.2f}×)" for page, ratio in ratios.items() if ratio > HIGHEST_LCP_RATIO]
    lines.append(f"\nLCP against the bare HTML of the same article (no CSS, no JavaScript): median "
                 f"{statistics.median(ratios.values()):.2f}×, highest {max(ratios.values()):.2f}×; "
                 f"pages above {HIGHEST_LCP_RATIO:.2f}×: {', '.join(over) if over else 'none'}. "
                 f"(`make bench-paint` measures some pages in several runs: median at most "
                 f"{TARGET_MEDIAN:.2f}×, worst run at most {TARGET_WORST:.2f}×.)")
    perfect = sum(all(row["this"][c] == 100 for c in CATEGORIES) for row in rows)
    lines.append(f"\nPages with 100 in all four categories: {perfect} of {len(rows)}.")
    short = sorted({s for row in rows for s in row["this"]["below_full_marks"]})
    if short:
        lines.append("\nAudits below full marks on some page of this site (a category can still round to 100):")
        lines.extend(f"- {item}" for item in short)
    return "\n".join(lines)


@contextmanager
def audit_servers(workdir: Path) -> Iterator[tuple[str, str]]:
    """Build this site and stock Material into `workdir` and serve both through nginx with
    deploy/'s configuration, as the audit measures them. Yields the two base URLs: (this, stock)."""
    ours_port, stock_port = free_port(), free_port()
    # The canonical and hreflang addresses point at where Lighthouse finds the pages.
    build(ROOT / "mkdocs.yml", workdir / "site", f"http://127.0.0.1:{ours_port}/")
    write_bare_pages(workdir / "site", [page_path(page) for page in all_page_metadata()])
    stock_url = f"http://127.0.0.1:{stock_port}/"
    build(stock_config(workdir, stock_url), workdir / "stock", stock_url)
    (workdir / "stock" / "_headers.nginx.conf").write_text(STOCK_HEADERS, encoding="utf-8")
    with serve_with_nginx(workdir / "site", workdir / "stock", ports=[ours_port, stock_port]) as urls:
        yield urls[0], urls[1]


def audit_pages(limit: int = 0) -> list:
    """The pages the audit visits: Dutch first, each language's home page first; with `limit`,
    only the first `limit` pages per language."""
    languages = PROJECT.languages
    pages = sorted(all_page_metadata(), key=lambda p: (languages.index(p.locale), not p.is_home, p.name))
    if limit:
        pages = [p for lang in languages for p in [q for q in pages if q.locale == lang][:limit]]
    return pages


def audit_urls(page, urls: tuple[str, str]) -> dict[str, str]:
    """Where a page is on each server: {"this": …, "stock": …, "bare": the article alone}."""
    return {"this": urls[0] + page_path(page), "stock": urls[1] + stock_path(page),
            "bare": urls[0] + page_path(page) + BARE}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages per language")
    args = parser.parse_args()
    if not LIGHTHOUSE.exists() or not shutil.which("nginx"):
        sys.exit("Lighthouse or nginx is missing: run `make audit`, which installs them")
    pages = audit_pages(args.pages)

    with tempfile.TemporaryDirectory() as tmp, audit_servers(Path(tmp)) as urls:
        rows = []
        for page in pages:
            row = {"page": "/" + page_path(page)}
            for name, url in audit_urls(page, urls).items():
                print(f"lighthouse {name:5} {url}", flush=True)
                row[name] = lighthouse(url, Path(tmp) / "lighthouse.json")
            rows.append(row)

    REPORT_DIR.mkdir(exist_ok=True)
    (REPORT_DIR / "report.json").write_text(json.dumps(rows, indent=2), encoding="utf-8")
    markdown = (
        "# Lighthouse audit (mobile), this site and stock Material side by side\n\n"
        + summary(rows) + "\n\n## Every page\n\n" + table(rows) + "\n"
    )
    (REPORT_DIR / "report.md").write_text(markdown, encoding="utf-8")
    print("\n" + markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
