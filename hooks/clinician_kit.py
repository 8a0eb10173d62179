"""Referrers' kit hook: fills the page for clinics (verwijzers / for-clinicians) where it has
the markers <!-- clinician-links -->, <!-- clinician-phases -->, <!-- clinician-referral -->,
<!-- clinician-referral-phases -->, <!-- clinician-qr --> and <!-- clinician-qr-phases -->:
every page's address in both languages, the recovery phases' short links, the referral
paragraphs (also one per phase, with that phase's short link), QR codes for the pages and the
phases, and their SVG and PNG files to download (written into the built site, assets/qr/), from
the pages themselves, data/redirects.yml and data/clinician_kit.yml (see clinician_links.py).
Built from the site, so it is never out of date. Every confirmation a copy button shows is
written here, at build time; copy.js only shows it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import site_pages
from heuppijn_site.clinicians.clinician_links import (
    QR_FOLDER,
    Kit,
    KitError,
    fill_addresses,
    fill_message,
    fill_phase,
    phase_label,
    load_kit,
    qr_download_files,
    qr_file_stem,
    qr_svg,
    text_pieces,
    url_pieces,
)
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url
from heuppijn_site.head.page_head import absolute
from heuppijn_site.deploy.redirect_map import RedirectError, load_redirects

KIT_FILE = "data/clinician_kit.yml"
MARKERS = ("links", "phases", "referral", "referral-phases", "qr", "qr-phases")
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
        path = meta.url_path(i18n.default_language)
        pages[(meta.locale, meta.name)] = {
            "title": meta.title,
            "path": path,
            "url": absolute(config.site_url, path),
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
    # Every QR code, in every language's order: the pages, then the phases.
    _state["phases"] = _phase_list(config)
    _state["qr_files"] = _qr_files()
    return files


def _phase_list(config: MkDocsConfig) -> list[dict[str, Any]]:
    """Each recovery phase: its number and, per language, its heading, address and path."""
    pages = _state["pages"]
    shorts = {
        (redirect.language, redirect.anchor): redirect.source
        for redirect in _state["redirects"]
        if redirect.page.endswith(f"/{RECOVERY_PAGE}") and redirect.anchor
    }
    headings = {lang: PHASE_HEADING.findall(pages[(lang, RECOVERY_PAGE)]["source"]) for lang in _state["languages"]}
    counts = {lang: len(found) for lang, found in headings.items()}
    if len(set(counts.values())) > 1:
        raise PluginError(f"docs/*/{RECOVERY_PAGE}: the languages have different numbers of phases "
                          f"({counts}) — give each phase heading an id like {{#fase-2}} / {{#phase-2}}")
    phases = []
    for index in range(min(counts.values(), default=0)):
        languages = {}
        for lang in _state["languages"]:
            title, anchor = headings[lang][index]
            path = shorts.get((lang, anchor)) or f"{pages[(lang, RECOVERY_PAGE)]['path']}#{anchor}"
            languages[lang] = {"title": title, "path": path, "url": absolute(config.site_url, path)}
        phases.append({"number": index + 1, "languages": languages})
    return phases


def _qr_files() -> dict[str, str]:
    """{file stem: address} for every QR code; two codes may not share a file name."""
    pages, kit = _state["pages"], _state["kit"]
    wanted = [(lang, pages[(lang, name)]["path"], pages[(lang, name)]["url"])
              for name in kit.qr_pages for lang in _state["languages"]]
    wanted += [(lang, phase["languages"][lang]["path"], phase["languages"][lang]["url"])
               for phase in _state["phases"] for lang in _state["languages"]]
    files: dict[str, str] = {}
    for lang, path, url in wanted:
        stem = qr_file_stem(lang, path)
        if stem in files and files[stem] != url:
            raise PluginError(f"{KIT_FILE}: the QR codes for {files[stem]} and {url} would both be "
                              f"{QR_FOLDER}/{stem}.svg — this page is listed twice in 'qr_pages'?")
        files[stem] = url
    return files


def _nav_order(config: MkDocsConfig) -> list[str]:
    return [item for item in (config.nav or []) if isinstance(item, str)]


def _language_name(texts: dict[str, str], lang: str) -> str:
    return texts["dutch"] if lang == "nl" else texts["english"]


def _copy(texts: dict[str, str], message: str, **values: str) -> dict[str, str]:
    """What a copy button says when it has copied: on the button, and to screen readers."""
    return {"message": fill_message(texts[message], **values), "failed": texts["copy_failed"]}


def _topics(config: MkDocsConfig, page: Page) -> list[dict[str, Any]]:
    pages, texts = _state["pages"], _state["kit"].texts[page.file.locale]
    own = page.file.src_uri.split("/", 1)[1]
    language = page.file.locale
    return [
        {
            "title": pages[(language, name)]["title"],
            "urls": [
                {
                    "language": lang,
                    "url": pages[(lang, name)]["url"],
                    "pieces": url_pieces(pages[(lang, name)]["url"]),
                    "confirm": _copy(texts, "copied_link", title=pages[(language, name)]["title"],
                                  language=_language_name(texts, lang)),
                }
                for lang in _state["languages"]
            ],
        }
        for name in _nav_order(config)
        if name != own and (language, name) in pages
    ]


def _phases(page: Page) -> list[dict[str, Any]]:
    texts = _state["kit"].texts[page.file.locale]
    return [
        {
            "title": phase["languages"][page.file.locale]["title"],
            "urls": [
                {
                    "language": lang,
                    "url": phase["languages"][lang]["url"],
                    "pieces": url_pieces(phase["languages"][lang]["url"]),
                    "confirm": _copy(texts, "copied_link", title=phase_label(phase["languages"][page.file.locale]["title"]),
                                  language=_language_name(texts, lang)),
                }
                for lang in _state["languages"]
            ],
        }
        for phase in _state["phases"]
    ]


def _addresses(lang: str) -> dict[str, str]:
    return {name: data["url"] for (language, name), data in _state["pages"].items() if language == lang}


def _page_language_first(page: Page) -> list[str]:
    return sorted(_state["languages"], key=lambda lang: lang != page.file.locale)


def _referral(page: Page, lang: str, text: str, key: str, title: str = "") -> dict[str, Any]:
    texts = _state["kit"].texts[page.file.locale]
    heading = texts[f"referral_heading_{lang}"]
    message = "copied_phase_text" if title else "copied_text"
    return {
        "language": lang,
        "id": f"referral-{key}{lang}",
        "heading": heading,
        "label": f"{texts['copy_text']}: {heading}" + (f", {title}" if title else ""),
        "text": text,
        "parts": text_pieces(text),
        "confirm": _copy(texts, message, title=title, language=_language_name(texts, lang)),
    }


def _referrals(page: Page) -> list[dict[str, Any]]:
    """The referral paragraph in every language, the page's own language first."""
    kit = _state["kit"]
    return [_referral(page, lang, fill_addresses(kit.referral[lang], _addresses(lang)), "")
            for lang in _page_language_first(page)]


def _phase_referrals(page: Page) -> list[dict[str, Any]]:
    """Per recovery phase, the referral paragraph with that phase's short link, in every
    language (the page's own first)."""
    kit = _state["kit"]
    result = []
    for phase in _state["phases"]:
        title = phase["languages"][page.file.locale]["title"]
        label = phase_label(title)
        referrals = []
        for lang in _page_language_first(page):
            own = phase["languages"][lang]
            text = fill_phase(kit.referral_phase[lang], _addresses(lang), phase["number"], own["title"], own["url"])
            referrals.append(_referral(page, lang, text, f"phase-{phase['number']}-", label))
        result.append({"title": title, "number": phase["number"], "referrals": referrals})
    return result


def _qr_code(page: Page, topic: str, lang: str, path: str, url: str) -> dict[str, Any]:
    """One QR code: the drawing to show, named by `topic` (a page's title, or "Fase 2"), and
    its two files to download."""
    texts = _state["kit"].texts[page.file.locale]
    language = _language_name(texts, lang)
    stem = qr_file_stem(lang, path)
    files = {kind: get_relative_url(f"{QR_FOLDER}/{stem}.{kind}", page.file.url) for kind in ("svg", "png")}
    return {
        "language": lang,
        "language_name": language,
        "url": url,
        "pieces": url_pieces(url),
        "svg": qr_svg(url, fill_message(texts["qr_title"], title=topic, language=language)),
        "files": [{"kind": kind, "href": href, "name": f"{stem}.{kind}",
                   "label": fill_message(texts["qr_download"], title=topic, language=language)}
                  for kind, href in files.items()],
    }


def _qr_pages(page: Page) -> list[dict[str, Any]]:
    pages, kit = _state["pages"], _state["kit"]
    groups = []
    for name in kit.qr_pages:
        topic = pages[(page.file.locale, name)]["title"]
        groups.append({"title": topic, "codes": [
            _qr_code(page, topic, lang, pages[(lang, name)]["path"], pages[(lang, name)]["url"])
            for lang in _state["languages"]]})
    return groups


def _qr_phases(page: Page) -> list[dict[str, Any]]:
    groups = []
    for phase in _state["phases"]:
        topic = phase["languages"][page.file.locale]["title"]
        groups.append({"title": topic, "codes": [
            _qr_code(page, phase_label(topic), lang, phase["languages"][lang]["path"], phase["languages"][lang]["url"])
            for lang in _state["languages"]]})
    return groups


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
        "phases": lambda: {"topics": _phases(page)},
        "referral": lambda: {"referrals": _referrals(page)},
        "referral-phases": lambda: {"phases": _phase_referrals(page)},
        "qr": lambda: {"groups": _qr_pages(page)},
        "qr-phases": lambda: {"groups": _qr_phases(page)},
    }
    for part in MARKERS:
        marker = f"<!-- clinician-{part} -->"
        if marker in markdown:
            html = template.render(part=part, **context, **builders[part]())
            block = "\n".join(line for line in html.splitlines() if line.strip())
            markdown = markdown.replace(marker, f"\n{block}\n")
    return markdown


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    """After both languages: the QR codes as SVG and PNG files, in assets/qr/ of the site."""
    if config.plugins["i18n"].building:
        return
    folder = Path(config.site_dir) / QR_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for stem, url in _state["qr_files"].items():
        for kind, content in qr_download_files(url).items():
            (folder / f"{stem}.{kind}").write_bytes(content)
