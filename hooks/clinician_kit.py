"""Referrers' kit hook: fills the page for clinics (verwijzers / for-clinicians) where it has
the markers <!-- clinician-links -->, <!-- clinician-phases -->, <!-- clinician-referral --> and
<!-- clinician-qr -->: every page's address in both languages, the recovery phases' short
links, the referral paragraphs and QR codes, from the pages themselves, data/redirects.yml and
data/clinician_kit.yml (see clinician_links.py). Built from the site, so it is never out of date.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from clinician_links import Kit, KitError, fill_addresses, load_kit, qr_svg
import site_pages
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from page_head import absolute
from redirect_map import RedirectError, load_redirects

KIT_FILE = "data/clinician_kit.yml"
MARKERS = ("links", "phases", "referral", "qr")
SCRIPT = "assets/javascripts/copy.js"
RECOVERY_PAGE = "herstel.md"
PHASE_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s+\{#(?P<id>(?:fase|phase)-\d)\}\s*$", re.MULTILINE)

_state: dict[str, Any] = {}


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    i18n = config.plugins["i18n"]
    languages = [language.locale for language in i18n.config.languages]
    pages: dict[tuple[str, str], dict[str, str]] = {}
    for file in files.documentation_pages():
        meta = site_pages.page(file.src_uri)
        pages[(meta.locale, meta.name)] = {
            "title": meta.title,
            "url": absolute(config.site_url, meta.url_path(i18n.default_language)),
            "source": file.content_string,
        }
    root = Path(config.config_file_path).parent
    names = {name for _, name in pages}
    try:
        kit = load_kit(root / KIT_FILE, KIT_FILE, languages, names)
        redirects = load_redirects(root / "data/redirects.yml", "data/redirects.yml",
                                   {f"{lang}/{name}" for lang, name in pages}, i18n.default_language, languages)
    except (KitError, RedirectError) as error:
        raise PluginError(str(error)) from None
    _state.update(pages=pages, kit=kit, redirects=redirects, languages=languages)
    return files


def _nav_order(config: MkDocsConfig) -> list[str]:
    return [item for item in (config.nav or []) if isinstance(item, str)]


def _topics(config: MkDocsConfig, page: Page) -> list[dict[str, Any]]:
    pages = _state["pages"]
    own = page.file.src_uri.split("/", 1)[1]
    language = page.file.locale
    return [
        {
            "title": pages[(language, name)]["title"],
            "urls": [(lang, pages[(lang, name)]["url"]) for lang in _state["languages"]],
        }
        for name in _nav_order(config)
        if name != own and (language, name) in pages
    ]


def _phases(config: MkDocsConfig, page: Page) -> list[dict[str, Any]]:
    pages = _state["pages"]
    shorts = {
        (redirect.language, redirect.anchor): absolute(config.site_url, redirect.source)
        for redirect in _state["redirects"]
        if redirect.page.endswith(f"/{RECOVERY_PAGE}") and redirect.anchor
    }
    headings = {
        lang: PHASE_HEADING.findall(pages[(lang, RECOVERY_PAGE)]["source"]) for lang in _state["languages"]
    }
    phases = []
    for number, (title, _) in enumerate(headings[page.file.locale]):
        urls = []
        for lang in _state["languages"]:
            anchor = headings[lang][number][1]
            urls.append((lang, shorts.get((lang, anchor)) or f"{pages[(lang, RECOVERY_PAGE)]['url']}#{anchor}"))
        phases.append({"title": title, "urls": urls})
    return phases


def _referrals(page: Page) -> list[dict[str, str]]:
    """The referral paragraph in every language, the page's own language first."""
    pages, kit = _state["pages"], _state["kit"]
    languages = sorted(_state["languages"], key=lambda lang: lang != page.file.locale)
    return [
        {
            "language": lang,
            "text": fill_addresses(kit.referral[lang], {name: data["url"] for (l, name), data in pages.items() if l == lang}),
        }
        for lang in languages
    ]


def _qr_codes(page: Page) -> list[dict[str, str]]:
    pages, kit = _state["pages"], _state["kit"]
    texts = kit.texts[page.file.locale]
    codes = []
    for name in kit.qr_pages:
        for lang in _state["languages"]:
            data = pages[(lang, name)]
            title = f"{texts['qr_caption']} {data['title']}"
            codes.append({"language": lang, "title": data["title"], "url": data["url"],
                          "svg": qr_svg(data["url"], title)})
    return codes


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not any(f"<!-- clinician-{part} -->" in markdown for part in MARKERS):
        return markdown
    kit: Kit = _state["kit"]
    template = config.theme.get_env().get_template("partials/clinician-kit.html")
    script = files.get_file_from_path(SCRIPT)
    if script is None:
        raise PluginError(f"{page.file.src_uri}: the referrers' kit needs docs/{SCRIPT}")
    context = {
        "texts": kit.texts[page.file.locale],
        "language": page.file.locale,
        "script_url": script.url_relative_to(page.file),
    }
    builders = {
        "links": lambda: {"topics": _topics(config, page)},
        "phases": lambda: {"topics": _phases(config, page)},
        "referral": lambda: {"referrals": _referrals(page)},
        "qr": lambda: {"codes": _qr_codes(page)},
    }
    for part in MARKERS:
        marker = f"<!-- clinician-{part} -->"
        if marker in markdown:
            html = template.render(part=part, **context, **builders[part]())
            block = "\n".join(line for line in html.splitlines() if line.strip())
            markdown = markdown.replace(marker, f"\n{block}\n")
    return markdown
