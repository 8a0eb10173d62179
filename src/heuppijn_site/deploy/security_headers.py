"""Security headers for the built site: hashing the inline scripts and styles into the
Content-Security-Policy, writing the headers for Netlify/Cloudflare and nginx, and the policy as a
<meta> in every page for hosts that send no headers (GitHub Pages).

Each page's policy lists the hashes of its own inline scripts and style only (page_policy): in
its <meta>, and from nginx, which sends each page its own policy (nginx_headers). A policy that
listed every page's hashes was 1.8 KB of every response, sent before the page itself (issue 28:
a phone's first round trip carries about 14 KB). Netlify's `_headers` keeps one policy for every
path, with every page's hashes; each page's <meta> narrows it to its own.
Pure logic; no MkDocs import."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml

HASHES_PLACEHOLDER = "{inline-script-hashes}"
STYLE_HASHES_PLACEHOLDER = "{inline-style-hashes}"
# Inline scripts the browser runs: no src, and no data type (JSON, JSON-LD are never run).
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL)
INLINE_STYLE = re.compile(r"<style(?:\s[^>]*)?>(?P<body>.*?)</style>", re.DOTALL)
DATA_TYPE = re.compile(r'\stype="application/(?:ld\+)?json"')
# What a policy in a <meta> element cannot carry: the browser ignores these there (and says so in
# the console). They stay in the header files.
NOT_IN_META = ("frame-ancestors", "report-uri", "report-to", "sandbox")
POLICY_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>', re.IGNORECASE)
CHARSET_META = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)


class HeadersError(SiteError):
    """A mistake in deploy/security-headers.yml."""


def source_hash(text: str) -> str:
    """The CSP source that allows this inline script or style: 'sha256-…'."""
    return f"'sha256-{base64.b64encode(hashlib.sha256(text.encode('utf-8')).digest()).decode('ascii')}'"


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """The CSP source of every distinct inline script in the pages: 'sha256-…'."""
    hashes = set()
    for page in pages:
        for match in INLINE_SCRIPT.finditer(page):
            attrs = match.group("attrs")
            if " src=" in attrs or DATA_TYPE.search(attrs):
                continue
            hashes.add(source_hash(match.group("body")))
    return sorted(hashes)


def inline_style_hashes(pages: Iterable[str]) -> list[str]:
    """The CSP source of every distinct <style> element in the pages (the first-paint CSS)."""
    return sorted({source_hash(match.group("body")) for page in pages for match in INLINE_STYLE.finditer(page)})


def load_headers(path: Path, display_path: str, inline_styles: bool = False) -> dict[str, str]:
    """The headers, checked. The policy keeps its placeholders for the hashes
    ({inline-script-hashes}, {inline-style-hashes}): `with_hashes` and `page_policy` fill them
    in; `inline_styles`: the pages have some."""
    data = read_yaml(path, display_path, HeadersError)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise HeadersError(f"{display_path}: write one 'Header-Name: value' per header")
    policy = data.get("Content-Security-Policy", "")
    if HASHES_PLACEHOLDER not in policy:
        raise HeadersError(f"{display_path}: the Content-Security-Policy needs {HASHES_PLACEHOLDER} in script-src")
    if "'unsafe-inline'" in policy.split("script-src", 1)[1].split(";", 1)[0]:
        raise HeadersError(f"{display_path}: script-src must not allow 'unsafe-inline'")
    if "style-src-elem" in policy or "script-src-elem" in policy:
        raise HeadersError(f"{display_path}: write style-src and script-src, not their -elem forms: the "
                           f"inline hashes go into style-src and script-src only")
    style_src = policy.split("style-src", 1)[1].split(";", 1)[0] if "style-src" in policy else ""
    if "'unsafe-inline'" in style_src:
        raise HeadersError(f"{display_path}: style-src must not allow 'unsafe-inline' (inline styles are "
                           f"allowed by their hash: {STYLE_HASHES_PLACEHOLDER})")
    if inline_styles and STYLE_HASHES_PLACEHOLDER not in style_src:
        raise HeadersError(f"{display_path}: the pages have inline styles (extra.first_paint in mkdocs.yml): "
                           f"the Content-Security-Policy needs {STYLE_HASHES_PLACEHOLDER} in style-src")
    return {name: " ".join(value.split()) for name, value in data.items()}


def with_hashes(policy: str, scripts: list[str], styles: list[str]) -> str:
    """The policy with these hashes in place of its placeholders (none: the placeholder goes)."""
    for placeholder, hashes in ((HASHES_PLACEHOLDER, scripts), (STYLE_HASHES_PLACEHOLDER, styles)):
        policy = re.sub(r"\s*" + re.escape(placeholder), "".join(f" {h}" for h in hashes), policy)
    return policy


def page_policy(policy: str, page: str) -> str:
    """The policy for one page: the hashes of its own inline scripts and style."""
    return with_hashes(policy, inline_script_hashes([page]), inline_style_hashes([page]))


def netlify_headers(headers: dict[str, str]) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the headers for every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def _add_header_lines(headers: dict[str, str], indent: str = "") -> list[str]:
    lines = []
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'{indent}add_header {name} "{escaped}" always;')
    return lines


NGINX_UNSAFE = re.compile(r"""[\s"'{};\\$#?]""")  # what would end or change an nginx location's address


def check_nginx_address(address: str) -> None:
    """An address nginx can take as it is in `location = …` (the file's name, from the site's root)."""
    if NGINX_UNSAFE.search(address):
        raise HeadersError(f"{address}: a page address with a space, quote, brace, semicolon, backslash, $, # "
                           f"or ? cannot be given its own headers by nginx — rename the page's file")


def nginx_headers(headers: dict[str, str], pages: dict[str, str]) -> str:
    """nginx `add_header` lines, sent with every response (404s included): `headers` with every
    response, and for each page (its address, such as /en/index.html: its policy) the same with
    the page's own policy. nginx sends a location's add_header lines instead of the server's, so
    each page's block repeats them all. The file is included inside a `server { }` block."""
    lines = ["# Written by the build (heuppijn_site.deploy.postbuild) from deploy/security-headers.yml.",
             "# Include it inside a server { } block (deploy/nginx/heuppijn.conf does): each page's",
             "# `location =` block sends its own headers instead of the server's.",
             *_add_header_lines(headers)]
    for address, policy in pages.items():
        check_nginx_address(address)
        lines += ["", f"location = {address} {{",
                  *_add_header_lines({**headers, "Content-Security-Policy": policy}, "    "), "}"]
    return "\n".join(lines) + "\n"


def meta_policy(policy: str) -> str:
    """The policy without the directives a <meta> element cannot carry."""
    directives = [directive.strip() for directive in policy.split(";") if directive.strip()]
    return "; ".join(d for d in directives if d.split()[0].lower() not in NOT_IN_META)


def with_policy_meta(page: str, policy: str) -> str:
    """The page with `policy` as <meta http-equiv="Content-Security-Policy">, right after
    <meta charset> (a meta policy governs only what comes after it). Nothing else changes, so the
    hashes of the inline scripts stay valid."""
    head_end = page.find("</head>")
    if head_end < 0:
        return page  # not a page a browser renders as a document of the site
    if POLICY_META.search(page, 0, head_end):
        raise HeadersError("a page already has a Content-Security-Policy <meta>: the site was post-processed "
                           "twice, or a template writes its own policy — remove it from the template")
    content = policy.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{content}">'
    charset = CHARSET_META.search(page, 0, head_end)
    if charset is not None:
        return page[: charset.end()] + tag + page[charset.end():]
    head = re.search(r"<head(?:\s[^>]*)?>", page[:head_end], re.IGNORECASE)
    if head is None:
        raise HeadersError("a page has no <head> to hold its Content-Security-Policy <meta>")
    return page[: head.end()] + tag + page[head.end():]
