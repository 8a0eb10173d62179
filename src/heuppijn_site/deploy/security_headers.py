"""Security headers for the built site: hashing the theme's inline scripts into the
Content-Security-Policy, and writing the headers for Netlify/Cloudflare and nginx.
Pure logic; no MkDocs import."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from heuppijn_site.data_files import read_yaml

HASHES_PLACEHOLDER = "{inline-script-hashes}"
# Inline scripts the browser runs: no src, and no data type (JSON, JSON-LD are never run).
INLINE_SCRIPT = re.compile(r"<script(?P<attrs>(?:\s[^>]*)?)>(?P<body>.*?)</script>", re.DOTALL)
DATA_TYPE = re.compile(r'\stype="application/(?:ld\+)?json"')


class HeadersError(ValueError):
    """A mistake in deploy/security-headers.yml."""


def inline_script_hashes(pages: Iterable[str]) -> list[str]:
    """The CSP source of every distinct inline script in the pages: 'sha256-…'."""
    hashes = set()
    for page in pages:
        for match in INLINE_SCRIPT.finditer(page):
            attrs = match.group("attrs")
            if " src=" in attrs or DATA_TYPE.search(attrs):
                continue
            digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
            hashes.add(f"'sha256-{base64.b64encode(digest).decode('ascii')}'")
    return sorted(hashes)


def load_headers(path: Path, display_path: str, hashes: list[str]) -> dict[str, str]:
    """The headers, with the inline-script hashes put into the Content-Security-Policy."""
    data = read_yaml(path, display_path, HeadersError)
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise HeadersError(f"{display_path}: write one 'Header-Name: value' per header")
    policy = data.get("Content-Security-Policy", "")
    if HASHES_PLACEHOLDER not in policy:
        raise HeadersError(f"{display_path}: the Content-Security-Policy needs {HASHES_PLACEHOLDER} in script-src")
    if "'unsafe-inline'" in policy.split("script-src", 1)[1].split(";", 1)[0]:
        raise HeadersError(f"{display_path}: script-src must not allow 'unsafe-inline'")
    headers = {name: " ".join(value.split()) for name, value in data.items()}
    headers["Content-Security-Policy"] = headers["Content-Security-Policy"].replace(
        HASHES_PLACEHOLDER, " ".join(hashes)
    )
    return headers


def netlify_headers(headers: dict[str, str]) -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the headers for every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in headers.items())


def nginx_headers(headers: dict[str, str]) -> str:
    """nginx `add_header` lines, sent with every response (404s included)."""
    lines = ["# Written by the build (hooks/security_headers.py) from deploy/security-headers.yml."]
    for name, value in headers.items():
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        lines.append(f'add_header {name} "{escaped}" always;')
    return "\n".join(lines) + "\n"
