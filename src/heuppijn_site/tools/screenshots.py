"""Screenshots of every page at phone and desktop width, in both languages, to look at.

Usage: .venv/bin/python -m heuppijn_site.tools.screenshots [OUTPUT_DIR]   (builds the site first)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path


from playwright.sync_api import sync_playwright
from heuppijn_site.tools.site_tools import (
    CHROMIUM,
    CHROMIUM_ARGS,
    DESKTOP,
    PAGE_SETTLED,
    PHONE,
    ROOT,
    all_page_metadata,
    mkdocs_build,
    page_path,
    serve,
)


def main() -> None:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "screenshots")
    output.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as site_dir:
        result = mkdocs_build(ROOT, Path(site_dir))
        if result.returncode:
            sys.exit(result.stderr)
        with serve(Path(site_dir)) as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, viewport in (("phone", PHONE), ("desktop", DESKTOP)):
                context = browser.new_context(viewport=viewport)
                page = context.new_page()
                for metadata in all_page_metadata():
                    page.goto(base_url + page_path(metadata))
                    page.wait_for_function(PAGE_SETTLED)
                    stem = metadata.name.removesuffix(".md")
                    target = output / f"{metadata.locale}-{stem}-{name}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target)
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
