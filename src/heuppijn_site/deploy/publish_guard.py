"""Never publish with the placeholder address: a build for deployment stops while `site_url` is
an example domain or a language's `extra.publisher.contact` is empty (readers could not report a
mistake). Pure; no MkDocs import.

A build is for deployment when the environment variable HEUPPIJN_PUBLISH is set (the deploy
workflow sets it on the build it publishes) or when the command is `mkdocs gh-deploy`. `make
serve`, `make build` on a developer's machine and the tests (also with CI=true) are not."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

PUBLISH_VARIABLE = "HEUPPIJN_PUBLISH"
PUBLISHING_COMMANDS = {"gh-deploy"}
# Domains that can never be a site's public address (RFC 2606, RFC 6761).
EXAMPLE_DOMAINS = ("example.org", "example.com", "example.net")
RESERVED_TOP_LEVEL = ("example", "test", "invalid", "localhost")


def is_publishing(environ: Mapping[str, str], command: str | None) -> bool:
    flag = environ.get(PUBLISH_VARIABLE, "").strip().lower()
    return flag not in ("", "0", "false", "no") or command in PUBLISHING_COMMANDS


def is_placeholder(site_url: str) -> bool:
    host = (urlsplit(site_url).hostname or "").rstrip(".").lower()
    if not host:
        return True
    return (any(host == domain or host.endswith(f".{domain}") for domain in EXAMPLE_DOMAINS)
            or host.rsplit(".", 1)[-1] in RESERVED_TOP_LEVEL)


def publish_problems(site_url: str, contacts: Mapping[str, str], default_language: str) -> list[str]:
    """What must be set before the site may be published; empty when nothing."""
    problems = []
    if is_placeholder(site_url):
        problems.append(
            f"site_url is {site_url or 'empty'}, a placeholder — set the site's public address: the "
            f"repository variable SITE_URL (GitHub → Settings → Secrets and variables → Actions → "
            f"Variables), or site_url in mkdocs.yml"
        )
    for language, contact in contacts.items():
        if not contact.strip():
            where = ("extra → publisher → contact" if language == default_language
                     else f"plugins → i18n → languages → {language} → extra → publisher → contact")
            problems.append(
                f"mkdocs.yml: {where} is empty ({language}) — set where readers report a mistake: "
                f"an e-mail address (mailto:…) or a contact page (https://…)"
            )
    return problems


def publish_error(problems: list[str]) -> str:
    return ("This build is for publishing (HEUPPIJN_PUBLISH or mkdocs gh-deploy), and the site is not "
            "ready to be published:\n  - " + "\n  - ".join(problems))
