"""Headers hook: after everything else has changed the built pages, hashes their inline scripts
and writes the security headers from deploy/security-headers.yml into the site as `_headers`
(Netlify, Cloudflare Pages) and `_headers.nginx.conf` (nginx; see deploy/nginx/heuppijn.conf)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from heuppijn_site.deploy.security_headers import HeadersError, inline_script_hashes, load_headers, netlify_headers, nginx_headers

HEADERS_FILE = "deploy/security-headers.yml"


@event_priority(-300)  # after the other hooks' post-build edits (-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return
    site = Path(config.site_dir)
    pages = (path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html")))
    try:
        headers = load_headers(
            Path(config.config_file_path).parent / HEADERS_FILE, HEADERS_FILE, inline_script_hashes(pages)
        )
    except HeadersError as error:
        raise PluginError(str(error)) from None
    (site / "_headers").write_text(netlify_headers(headers), encoding="utf-8")
    (site / "_headers.nginx.conf").write_text(nginx_headers(headers), encoding="utf-8")
