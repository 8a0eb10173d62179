"""Keeping every request on the site's own host.

The theme's JavaScript can load a few things from other hosts: a polyfill and a diagram library
from a CDN, repository facts from GitHub's or GitLab's API. This site never needs them, and a
patient's browser must never contact another host, so their addresses are replaced by an
address that loads nothing. Pure text work; no MkDocs import.
"""

from __future__ import annotations

import re

# A string or template literal that starts with an absolute or protocol-relative URL.
EXTERNAL_URL_LITERAL = re.compile(r"""(?P<quote>["'`])(?:https?:)?//(?:[\w-]+\.[\w.-]+|\$\{)[^"'`\s]*""")
INERT_URL = "about:invalid#no-third-party-requests"


def without_external_urls(script: str) -> str:
    """The script with every external URL literal replaced by an address that loads nothing."""
    return EXTERNAL_URL_LITERAL.sub(lambda match: f"{match.group('quote')}{INERT_URL}", script)
