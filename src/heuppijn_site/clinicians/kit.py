"""The referrers' kit: fills the page for clinics (verwijzers / for-clinicians) where it has the
markers <!-- clinician-contents --> (a list that jumps to each of the page's
parts), <!-- clinician-links -->, <!-- clinician-phases -->, <!-- clinician-referral -->,
<!-- clinician-referral-phases -->, <!-- clinician-qr --> and <!-- clinician-qr-phases -->:
every page's address in every language, the recovery phases' short links, the referral
paragraphs (also one per phase, with that phase's short link), QR codes for the pages and the
phases, and their SVG and PNG files to download (assets/qr/), from the pages themselves,
data/redirects.yml and data/clinician_kit.yml (see clinician_links.py). Built from the site, so
it is never out of date. Every confirmation a copy button shows is written here, at build time;
copy.js only shows it. No MkDocs import: the glue says where the page is.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2

from heuppijn_site.project import DATA_FILES
from heuppijn_site.clinicians.clinician_links import (
    QR_FOLDER,
    Kit,
    KitError,
    QrCodes,
    fill_addresses,
    fill_message,
    fill_phase,
    phase_label,
    qr_file_stem,
    text_pieces,
    url_pieces,
)
from heuppijn_site.deploy.redirect_map import Redirect
from heuppijn_site.html_templates import html_block
from heuppijn_site.markdown_text import raw_html

KIT_FILE = DATA_FILES["clinician_kit"]
MARKERS = ("contents", "links", "phases", "referral", "referral-phases", "qr", "qr-phases", "posters",
           "poster-links")
SCRIPT = "assets/javascripts/copy.js"
RECOVERY_PAGE = "herstel.md"
POSTERS_PAGE = "posters.md"  # the waiting-room posters, one A4 page each
PHASE_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s+\{#(?P<id>(?:fase|phase)-\d)\}\s*$", re.MULTILINE)
SECTION_HEADING = re.compile(r"^##\s+(?P<title>.+?)\s*$", re.MULTILINE)
HEADING_ID = re.compile(r"\s*\{#(?P<id>[A-Za-z][\w-]*)\}$")


def has_markers(markdown: str) -> bool:
    return any(f"<!-- clinician-{part} -->" in markdown for part in MARKERS)


def page_sections(markdown: str, display_path: str) -> list[dict[str, str]]:
    """The page's parts (its ## headings) for the list that jumps to them: each needs an id."""
    sections = []
    for match in SECTION_HEADING.finditer(markdown):
        heading = HEADING_ID.search(match.group("title"))
        if heading is None:
            raise KitError(f"{display_path}: the heading '## {match.group('title')}' has no id — write it as "
                           f"'## {match.group('title')} {{#a-short-name}}': the list at the top of the page "
                           f"jumps to it, and referrers keep the address")
        sections.append({"id": heading.group("id"), "title": match.group("title")[:heading.start()].strip()})
    return sections


@dataclass(frozen=True)
class KitPage:
    """A page of the site as the kit lists it."""

    title: str
    description: str  # one sentence (front matter), the line under a poster's title
    path: str  # below the site root: "en/recovery/"
    url: str  # the public address
    source: str  # its Markdown file's text


def _language_name(texts: dict[str, str], lang: str) -> str:
    return texts[f"language_{lang}"]


def _copy(texts: dict[str, str], message: str, **values: str) -> dict[str, str]:
    """What a copy button says when it has copied: on the button, and to screen readers."""
    return {"message": fill_message(texts[message], **values), "failed": texts["copy_failed"]}


def _relative(url: str, page_url: str) -> str:
    """`url` (below the site root) as a link from the page at `page_url` ("en/x/"), as MkDocs
    makes one (mkdocs.utils.get_relative_url)."""
    base = page_url
    if base != ".":
        head, tail = posixpath.split(base)
        base = head if "." in tail else base
    relative = posixpath.relpath("/" + url, "/" + base)
    return relative + "/" if url.endswith("/") else relative


class ReferrersKit:
    """Everything the kit shows, for a whole site: made once per build."""

    def __init__(self, *, pages: dict[tuple[str, str], KitPage], kit: Kit, redirects: Sequence[Redirect],
                 languages: Sequence[str], nav_order: Sequence[str], absolute: Any,
                 qr_codes: QrCodes | None = None) -> None:
        self.pages = pages
        self.qr_codes = qr_codes or QrCodes()
        self.kit = kit
        self.redirects = list(redirects)
        self.languages = list(languages)
        self.nav_order = list(nav_order)
        self.phases = self._phase_list(absolute)
        self.qr_files = self._qr_files()
        # The parts of each page with a list at the top that jumps to them, checked now.
        self.sections = {(lang, name): page_sections(page.source, f"docs/{lang}/{name}")
                         for (lang, name), page in pages.items() if "<!-- clinician-contents -->" in page.source}

    def _phase_list(self, absolute: Any) -> list[dict[str, Any]]:
        """Each recovery phase: its number and, per language, its heading, address and path."""
        pages = self.pages
        shorts = {
            (redirect.language, redirect.anchor): redirect.source
            for redirect in self.redirects
            if redirect.page.endswith(f"/{RECOVERY_PAGE}") and redirect.anchor
        }
        headings = {lang: PHASE_HEADING.findall(pages[(lang, RECOVERY_PAGE)].source) for lang in self.languages}
        counts = {lang: len(found) for lang, found in headings.items()}
        if len(set(counts.values())) > 1:
            raise KitError(f"docs/*/{RECOVERY_PAGE}: the languages have different numbers of phases "
                           f"({counts}) — give each phase heading an id like {{#fase-2}} / {{#phase-2}}")
        phases = []
        for index in range(min(counts.values(), default=0)):
            languages = {}
            for lang in self.languages:
                title, anchor = headings[lang][index]
                path = shorts.get((lang, anchor)) or f"{pages[(lang, RECOVERY_PAGE)].path}#{anchor}"
                languages[lang] = {"title": title, "path": path, "url": absolute(path)}
            phases.append({"number": index + 1, "languages": languages})
        return phases

    def _qr_files(self) -> dict[str, str]:
        """{file stem: address} for every QR code; two codes may not share a file name."""
        pages = self.pages
        wanted = [(lang, pages[(lang, name)].path, pages[(lang, name)].url)
                  for name in self.kit.qr_pages for lang in self.languages]
        wanted += [(lang, phase["languages"][lang]["path"], phase["languages"][lang]["url"])
                   for phase in self.phases for lang in self.languages]
        files: dict[str, str] = {}
        for lang, path, url in wanted:
            stem = qr_file_stem(lang, path)
            if stem in files and files[stem] != url:
                raise KitError(f"{KIT_FILE}: the QR codes for {files[stem]} and {url} would both be "
                               f"{QR_FOLDER}/{stem}.svg — this page is listed twice in 'qr_pages'?")
            files[stem] = url
        return files

    def write_qr_files(self, site: Path) -> None:
        """The QR codes as SVG and PNG files, in assets/qr/ of the built site."""
        folder = site / QR_FOLDER
        folder.mkdir(parents=True, exist_ok=True)
        for stem, url in self.qr_files.items():
            for kind, content in self.qr_codes.download_files(url).items():
                (folder / f"{stem}.{kind}").write_bytes(content)

    # What each marker shows, on the page at `page_url` in `language` ------------------------

    def render(self, markdown: str, *, language: str, name: str, page_url: str, script_url: str,
               env: jinja2.Environment) -> str:
        """The page's Markdown with every kit marker filled in."""
        context = {"texts": self.kit.texts[language], "language": language, "script_url": script_url}
        builders = {
            "contents": lambda: {"sections": self.sections[(language, name)]},
            "links": lambda: {"topics": self._topics(language, name)},
            "phases": lambda: {"topics": self._phase_links(language)},
            "referral": lambda: {"referrals": self._referrals(language)},
            "referral-phases": lambda: {"phases": self._phase_referrals(language)},
            "qr": lambda: {"groups": self._qr_pages(language, page_url)},
            "qr-phases": lambda: {"groups": self._qr_phases(language, page_url)},
            "posters": lambda: {"posters": self._posters(language)},
            "poster-links": lambda: {"posters": self._posters(language, page_url)},
        }
        for part in MARKERS:
            marker = f"<!-- clinician-{part} -->"
            if marker in markdown:
                block = html_block(env, "partials/clinician-kit.html", part=part, **context, **builders[part]())
                markdown = markdown.replace(marker, raw_html(block))
        return markdown

    def _topics(self, language: str, own: str) -> list[dict[str, Any]]:
        pages, texts = self.pages, self.kit.texts[language]
        return [
            {
                "title": pages[(language, name)].title,
                "urls": [
                    {
                        "language": lang,
                        "url": pages[(lang, name)].url,
                        "pieces": url_pieces(pages[(lang, name)].url),
                        "confirm": _copy(texts, "copied_link", title=pages[(language, name)].title,
                                         language=_language_name(texts, lang)),
                    }
                    for lang in self.languages
                ],
            }
            for name in self.nav_order
            if name != own and (language, name) in pages
        ]

    def _phase_links(self, language: str) -> list[dict[str, Any]]:
        texts = self.kit.texts[language]
        return [
            {
                "title": phase["languages"][language]["title"],
                "urls": [
                    {
                        "language": lang,
                        "url": phase["languages"][lang]["url"],
                        "pieces": url_pieces(phase["languages"][lang]["url"]),
                        "confirm": _copy(texts, "copied_link", title=phase_label(phase["languages"][language]["title"]),
                                         language=_language_name(texts, lang)),
                    }
                    for lang in self.languages
                ],
            }
            for phase in self.phases
        ]

    def _addresses(self, lang: str) -> dict[str, str]:
        return {name: page.url for (language, name), page in self.pages.items() if language == lang}

    def _language_first(self, language: str) -> list[str]:
        return sorted(self.languages, key=lambda lang: lang != language)

    def _referral(self, language: str, lang: str, text: str, key: str, title: str = "") -> dict[str, Any]:
        texts = self.kit.texts[language]
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

    def _referrals(self, language: str) -> list[dict[str, Any]]:
        """The referral paragraph in every language, the page's own language first."""
        return [self._referral(language, lang, fill_addresses(self.kit.referral[lang], self._addresses(lang)), "")
                for lang in self._language_first(language)]

    def _phase_referrals(self, language: str) -> list[dict[str, Any]]:
        """Per recovery phase, the referral paragraph with that phase's short link, in every
        language (the page's own first)."""
        result = []
        for phase in self.phases:
            title = phase["languages"][language]["title"]
            label = phase_label(title)
            referrals = []
            for lang in self._language_first(language):
                own = phase["languages"][lang]
                text = fill_phase(self.kit.referral_phase[lang], self._addresses(lang), phase["number"],
                                  own["title"], own["url"])
                referrals.append(self._referral(language, lang, text, f"phase-{phase['number']}-", label))
            result.append({"title": title, "number": phase["number"], "referrals": referrals})
        return result

    def _qr_code(self, language: str, page_url: str, topic: str, lang: str, path: str, url: str) -> dict[str, Any]:
        """One QR code: the drawing to show, named by `topic` (a page's title, or "Fase 2"), and
        its two files to download."""
        texts = self.kit.texts[language]
        language_name = _language_name(texts, lang)
        stem = qr_file_stem(lang, path)
        return {
            "language": lang,
            "language_name": language_name,
            "url": url,
            "pieces": url_pieces(url),
            # Shown from its SVG file, loaded when its fold opens (not with the page: 22 codes).
            "image": _relative(f"{QR_FOLDER}/{stem}.svg", page_url),
            "alt": fill_message(texts["qr_title"], title=topic, language=language_name),
            "files": [{"kind": kind, "href": _relative(f"{QR_FOLDER}/{stem}.{kind}", page_url),
                       "name": f"{stem}.{kind}",
                       "label": fill_message(texts["qr_download"], title=topic, language=language_name)}
                      for kind in ("svg", "png")],
        }

    def _posters(self, language: str, page_url: str | None = None) -> list[dict[str, Any]]:
        """A waiting-room poster for each page with a QR code and for each recovery phase, in
        `language`: its title, a line, a large QR code and the address. With `page_url`, only
        the titles and where each poster is, as links from that page."""
        texts = self.kit.texts[language]
        wanted = [(self.pages[(language, name)].title, self.pages[(language, name)].description,
                   self.pages[(language, name)].path, self.pages[(language, name)].url)
                  for name in self.kit.qr_pages]
        wanted += [(phase["languages"][language]["title"], texts["poster_phase_line"],
                    phase["languages"][language]["path"], phase["languages"][language]["url"])
                   for phase in self.phases]
        if page_url is not None and (language, POSTERS_PAGE) not in self.pages:
            raise KitError(f"docs/{language}/{POSTERS_PAGE} is missing: the referrers' page links to the posters there")
        posters = []
        for title, line, path, url in wanted:
            anchor = "poster-" + qr_file_stem(language, path).removeprefix(f"qr-{language}-")
            poster = {"id": anchor, "title": title, "line": line, "url": url, "pieces": url_pieces(url)}
            if page_url is None:
                poster["svg"] = self.qr_codes.svg(url, fill_message(texts["qr_title"], title=title,
                                                                     language=_language_name(texts, language)))
            else:
                poster["href"] = _relative(self.pages[(language, POSTERS_PAGE)].path, page_url) + "#" + anchor
            posters.append(poster)
        return posters

    def _qr_pages(self, language: str, page_url: str) -> list[dict[str, Any]]:
        groups = []
        for name in self.kit.qr_pages:
            topic = self.pages[(language, name)].title
            groups.append({"title": topic, "codes": [
                self._qr_code(language, page_url, topic, lang, self.pages[(lang, name)].path, self.pages[(lang, name)].url)
                for lang in self.languages]})
        return groups

    def _qr_phases(self, language: str, page_url: str) -> list[dict[str, Any]]:
        groups = []
        for phase in self.phases:
            topic = phase["languages"][language]["title"]
            groups.append({"title": topic, "codes": [
                self._qr_code(language, page_url, phase_label(topic), lang, phase["languages"][lang]["path"],
                              phase["languages"][lang]["url"])
                for lang in self.languages]})
        return groups
