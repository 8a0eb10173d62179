"""Draws the link-preview image (docs/assets/images/share.png, 1200 x 630) with Chromium.

Usage: .venv/bin/python -m heuppijn_site.tools.share_image   — run again after changing the design below.
"""

from __future__ import annotations



from playwright.sync_api import sync_playwright
from heuppijn_site.tools.site_tools import CHROMIUM, CHROMIUM_ARGS, ROOT

CARD = """<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; width: 1200px; height: 630px; display: flex; align-items: center;
  background: #0b5d5b; color: #fff; font-family: system-ui, "DejaVu Sans", sans-serif; }
.card { padding: 0 90px; }
.mark { width: 120px; height: 120px; border-radius: 24px; background: #fff; display: flex;
  align-items: center; justify-content: center; margin-bottom: 40px; }
h1 { font-size: 68px; line-height: 1.1; margin: 0 0 18px; font-weight: 800; }
p { font-size: 38px; margin: 0; opacity: .92; }
.small { font-size: 28px; margin-top: 34px; opacity: .85; }
</style></head><body><div class="card">
<div class="mark"><svg viewBox="0 0 32 32" width="90" height="90"><path d="M6 17h5l2.5-6 4 11 2.5-5H26"
 fill="none" stroke="#0b5d5b" stroke-width="2.6" stroke-linecap="round" stroke-linejoin="round"/></svg></div>
<h1>Pijn aan de buitenkant van de heup</h1>
<p>Pain on the outside of the hip</p>
<p class="small">GTPS · gluteale tendinopathie · gluteal tendinopathy</p>
</div></body></html>"""


def main() -> None:
    target = ROOT / "docs" / "assets" / "images" / "share.png"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1200, "height": 630})
        page.set_content(CARD)
        page.screenshot(path=str(target))
        browser.close()
    print(target)


if __name__ == "__main__":
    main()
