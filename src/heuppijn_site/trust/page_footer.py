"""What every page's footer tells a reader who wants to check the site: the licence of its text
and illustrations, and how to name the source when reusing them (mkdocs.yml `extra.licence`);
where to report a mistake (`extra.publisher.contact`, else a new issue at `repo_url`); where an
editor changes the page; and the pages on how the information is made and on accessibility.
Pure; no MkDocs import."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from heuppijn_site.errors import SiteError

LICENCE_FIELDS = ("name", "url", "attribution")
ATTRIBUTION_PLACEHOLDERS = {"publisher", "page", "licence"}


class FooterError(SiteError):
    """A mistake in mkdocs.yml's licence or contact settings; the message names the fix."""


@dataclass(frozen=True)
class Licence:
    """The licence of the site's text and illustrations, in one language."""

    name: str  # "CC BY 4.0"
    url: str  # the licence's own page, e.g. https://creativecommons.org/licenses/by/4.0/deed.nl
    attribution: str  # how to name the source; {publisher}, {page} and {licence} are filled in

    def attribution_for(self, *, publisher: str, page_url: str) -> str:
        """The line a clinic copies under a reused text, e.g. "Patiëntinformatie heuppijn,
        https://…/pijnregel/, CC BY 4.0"."""
        return self.attribution.format(publisher=publisher, page=page_url, licence=self.name)


def load_licence(node: Any, language: str, defaults: Mapping[str, Any] | None = None) -> Licence:
    """The licence for `language` from its `extra.licence` block, each field missing there taken
    from the default language's block (`defaults`), as the i18n plugin replaces `extra.licence`
    whole for another language."""
    where = "mkdocs.yml: extra.licence" if defaults is None else \
        f"mkdocs.yml: plugins → i18n → languages → {language} → extra → licence"
    if node is not None and not isinstance(node, Mapping):
        raise FooterError(f"{where} must be a block with {', '.join(LICENCE_FIELDS)}")
    merged = {**(defaults or {}), **(node or {})}
    unknown = sorted(set(merged) - set(LICENCE_FIELDS))
    if unknown:
        raise FooterError(f"{where}: '{unknown[0]}' is not a licence field — its fields: {', '.join(LICENCE_FIELDS)}")
    values = {}
    for field in LICENCE_FIELDS:
        value = merged.get(field)
        if not isinstance(value, str) or not value.strip():
            raise FooterError(f"{where}.{field} is missing — the licence of the text and illustrations needs its "
                              f"name (e.g. CC BY 4.0), the address of its text, and the attribution line")
        values[field] = value.strip()
    if not values["url"].startswith("https://"):
        raise FooterError(f"{where}.url must be the https:// address of the licence (got {values['url']!r})")
    used = {name for _, name, _, _ in string.Formatter().parse(values["attribution"]) if name is not None}
    if used - ATTRIBUTION_PLACEHOLDERS or "page" not in used:
        raise FooterError(f"{where}.attribution must name the page with {{page}} and may use only "
                          f"{{publisher}}, {{page}} and {{licence}} (got {values['attribution']!r})")
    return Licence(**values)


def check_contact(contact: str, where: str) -> str:
    """`extra.publisher.contact`: empty, an https:// page or a mailto: address."""
    contact = contact.strip()
    if contact and not contact.startswith(("https://", "mailto:")):
        raise FooterError(f"{where} must start with https:// or mailto: (got {contact!r})")
    return contact


def report_url(*, contact: str, repo_url: str, page_url: str, title: str, texts: Mapping[str, str]) -> str | None:
    """Where "report a mistake" leads, for one page, or None when there is nowhere to report.

    - `contact` is a mailto: address: an e-mail with the page's address in the subject;
    - `contact` is an https:// page (a contact form): that page;
    - else `repo_url` is set: a new issue there, its title and text naming the page;
    - else: None (the site shows no link).

    `texts` are the footer labels in the page's language (data/labels.yml)."""
    if contact.startswith("mailto:"):
        subject = f"{texts['report_subject']}: {page_url}"
        body = f"{texts['report_page']} {title} ({page_url})\n\n{texts['report_question']}\n"
        separator = "&" if "?" in contact else "?"
        return contact + separator + urlencode({"subject": subject, "body": body}, quote_via=quote)
    if contact:
        return contact
    if repo_url:
        base = repo_url.rstrip("/")
        title_line = f"{texts['report_subject']}: {title}"
        body = f"{texts['report_page']} {page_url}\n\n{texts['report_question']}\n"
        if "gitlab" in (urlsplit(base).hostname or ""):  # gitlab.com and GitLab servers of their own
            return f"{base}/-/issues/new?" + urlencode({"issue[title]": title_line, "issue[description]": body},
                                                      quote_via=quote)
        # GitHub, and Gitea and Forgejo (Codeberg), which read the same fields.
        return f"{base}/issues/new?" + urlencode({"title": title_line, "body": body}, quote_via=quote)
    return None


@dataclass(frozen=True)
class FooterLink:
    title: str
    url: str
    rel: str = ""  # e.g. "license"; empty: none


@dataclass(frozen=True)
class PageFooter:
    """What overrides/partials/copyright.html shows under every page."""

    texts: Mapping[str, str]  # the footer labels in the page's language
    licence: Licence
    attribution: str
    links: tuple[FooterLink, ...]  # how the information is made, accessibility
    report_url: str | None
    edit_url: str | None


def page_footer(*, texts: Mapping[str, str], licence: Licence, publisher: str, page_url: str, title: str,
                contact: str, repo_url: str, edit_url: str | None,
                links: tuple[FooterLink, ...]) -> PageFooter:
    """The footer of one page. `page_url` is its public address; `edit_url` MkDocs' link to its
    source file (set only when mkdocs.yml has `repo_url`)."""
    return PageFooter(
        texts=texts,
        licence=licence,
        attribution=licence.attribution_for(publisher=publisher, page_url=page_url),
        links=links,
        report_url=report_url(contact=contact, repo_url=repo_url, page_url=page_url, title=title, texts=texts),
        edit_url=edit_url if repo_url and edit_url else None,
    )
