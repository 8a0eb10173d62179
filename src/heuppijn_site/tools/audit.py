"""`make audit`: Lighthouse (mobile) on every page, both languages, served by nginx with the
configuration in deploy/, side by side with a stock Material for MkDocs build of the same docs
(no hooks, no overrides). Writes audit-report/report.md and report.json and prints the table.

Usage: .venv/bin/python -m heuppijn_site.tools.audit [--pages N]   (N: only the first N pages per language)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


from heuppijn_site.tools.site_tools import (
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


def build(config_file: Path, site_dir: Path, site_url: str) -> None:
    env = {**os.environ, **BUILD_ENV, "SITE_URL": site_url}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--clean", "-q", "-f", str(config_file), "-d", str(site_dir)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    if result.returncode:
        sys.exit(f"build with {config_file.name} failed:\n{result.stderr}")


def lighthouse(url: str, output: Path) -> dict:
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    subprocess.run(
        [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={output}",
         f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
        env={**os.environ, "CHROME_PATH": CHROMIUM}, check=True, timeout=180,
    )
    report = json.loads(output.read_text(encoding="utf-8"))
    audits = report["audits"]
    shortfalls = sorted(
        f"{report['categories'][category]['title']}: {audits[ref['id']]['title']}"
        for category in CATEGORIES
        for ref in report["categories"][category]["auditRefs"]
        if ref.get("weight", 0) > 0 and audits[ref["id"]].get("score") is not None
        and audits[ref["id"]]["score"] < 1
    )
    return {
        **{category: round(100 * (report["categories"][category]["score"] or 0)) for category in CATEGORIES},
        "lcp_ms": round(audits["largest-contentful-paint"]["numericValue"]),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "bytes": round(audits["total-byte-weight"]["numericValue"]),
        "below_full_marks": shortfalls,
    }


def stock_path(page) -> str:
    """Where stock mkdocs-static-i18n puts a page: its file name, not its slug."""
    prefix = "" if page.locale == "nl" else "en/"
    return prefix if page.is_home else f"{prefix}{page.name.removesuffix('.md')}/"


def table(rows: list[dict]) -> str:
    head = ("| page | site | perf | a11y | best pr. | SEO | LCP ms | TBT ms | CLS | KB |\n"
            "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    lines = [head]
    for row in rows:
        for name in ("this", "stock"):
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
    stock_url = f"http://127.0.0.1:{stock_port}/"
    build(stock_config(workdir, stock_url), workdir / "stock", stock_url)
    (workdir / "stock" / "_headers.nginx.conf").write_text(STOCK_HEADERS, encoding="utf-8")
    with serve_with_nginx(workdir / "site", workdir / "stock", ports=[ours_port, stock_port]) as urls:
        yield urls[0], urls[1]


def audit_pages(limit: int = 0) -> list:
    """The pages the audit visits: Dutch first, each language's home page first; with `limit`,
    only the first `limit` pages per language."""
    pages = sorted(all_page_metadata(), key=lambda p: (p.locale != "nl", not p.is_home, p.name))
    if limit:
        pages = [p for lang in ("nl", "en") for p in [q for q in pages if q.locale == lang][:limit]]
    return pages


def audit_urls(page, urls: tuple[str, str]) -> dict[str, str]:
    """Where a page is on each server: {"this": …, "stock": …}."""
    return {"this": urls[0] + page_path(page), "stock": urls[1] + stock_path(page)}


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
