"""Publisher hook: fills in who publishes the site (mkdocs.yml `extra.publisher`, per language)
where a page has the markers `<!-- publisher -->` and `<!-- publisher-contact -->`, so no
organisation is written into the pages themselves."""

from __future__ import annotations

import html

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

NAME_MARKER = "<!-- publisher -->"
CONTACT_MARKER = "<!-- publisher-contact -->"


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if NAME_MARKER not in markdown and CONTACT_MARKER not in markdown:
        return markdown
    publisher = config.extra.get("publisher") or {}
    name = str(publisher.get("name", "")).strip()
    contact = str(publisher.get("contact", "") or "").strip()
    if not name:
        raise PluginError(
            "mkdocs.yml: extra.publisher.name is missing — set the name of whoever publishes the "
            "site (for English under plugins → i18n → languages → en → extra)"
        )
    if contact and not (contact.startswith(("https://", "mailto:"))):
        raise PluginError(
            f"mkdocs.yml: extra.publisher.contact must start with https:// or mailto: (got {contact!r})"
        )
    rendered_contact = ""
    if contact:
        template = config.theme.get_env().get_template("partials/publisher-contact.html")
        rendered_contact = template.render(contact=contact, locale=page.file.locale).strip()
    return markdown.replace(NAME_MARKER, html.escape(name)).replace(CONTACT_MARKER, rendered_contact)
