"""The referrers' kit: every page's address in every language, the short links to the recovery
phases, ready-to-paste referral paragraphs (also one per phase, with that phase's link), QR codes
(segno) to show on the page and to download as SVG and PNG files, and the words of the copy
buttons' confirmations. Pure logic; no MkDocs import."""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from heuppijn_site.errors import SiteError
from heuppijn_site.build_cache import write_at_once
from heuppijn_site.data_files import read_yaml

if TYPE_CHECKING:
    import segno

PLACEHOLDER = re.compile(r"\{([a-z0-9-]+\.md)\}")
ANY_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# What a phase paragraph may say about its phase, besides {page.md}.
PHASE_PLACEHOLDERS = ("phase-number", "phase-name", "phase-link")
# The words that may fill a copy button's confirmation: what was copied, and its language.
MESSAGE_PLACEHOLDERS = ("title", "language")
QR_OPTIONS = {"error": "m", "micro": False}
QR_SVG = {"kind": "svg", "scale": 4, "border": 4, "xmldecl": False, "svgns": True, "nl": False}
# Files to download and paste into a letter: one module is 1 mm on paper (the PNG says 254 dpi,
# 10 pixels a module), with the quiet zone of 4 modules the standard asks for, on white.
QR_DOWNLOAD_SVG = {"kind": "svg", "unit": "mm", "border": 4, "light": "#fff"}
QR_DOWNLOAD_PNG = {"kind": "png", "scale": 10, "border": 4, "dpi": 254, "light": "#fff"}
QR_FOLDER = "assets/qr"
PHASE_TITLE = re.compile(r"^[^:]*:\s*(?P<name>.+?)(?:\s*\([^()]*\))?$")
URL_BREAK = re.compile(r"(?<=//)|(?<=/)(?=[^/])|(?=\.)")


class KitError(SiteError):
    """A mistake in data/clinician_kit.yml."""


@dataclass(frozen=True)
class Kit:
    qr_pages: tuple[str, ...]
    referral: dict[str, str]
    referral_phase: dict[str, str]
    texts: dict[str, dict[str, str]]


def _check_paragraph(text: object, field: str, display_path: str, pages: set[str],
                     extra: tuple[str, ...] = ()) -> str:
    if not isinstance(text, str) or not text.strip():
        raise KitError(f"{display_path}: '{field}' is missing — add the paragraph")
    for name in ANY_PLACEHOLDER.findall(text):
        if name.endswith(".md"):
            if name not in pages:
                raise KitError(f"{display_path}: '{field}' links to {{{name}}}, which is not a page")
        elif name not in extra:
            known = ", ".join(f"{{{word}}}" for word in (*extra, "page.md"))
            raise KitError(f"{display_path}: '{field}' has {{{name}}}, which the build does not "
                           f"know — use {known} (a page file name, e.g. {{pijnregel.md}})")
    return " ".join(text.split())


def load_kit(path: Path, display_path: str, languages: list[str], pages: set[str]) -> Kit:
    """Read and check the kit. `pages` holds the page file names ("pijnregel.md")."""
    data = read_yaml(path, display_path, KitError) or {}
    qr_pages = data.get("qr_pages") or []
    for name in qr_pages:
        if name not in pages:
            raise KitError(f"{display_path}: 'qr_pages' names {name}, which is not a page in docs/")
    referral = data.get("referral") or {}
    referral_phase = data.get("referral_phase") or {}
    texts = data.get("texts") or {}
    paragraphs: dict[str, str] = {}
    phase_paragraphs: dict[str, str] = {}
    for language in languages:
        paragraphs[language] = _check_paragraph(referral.get(language), f"referral.{language}",
                                                display_path, pages)
        field = f"referral_phase.{language}"
        phase_paragraphs[language] = _check_paragraph(referral_phase.get(language), field,
                                                      display_path, pages, PHASE_PLACEHOLDERS)
        if "{phase-link}" not in phase_paragraphs[language]:
            raise KitError(f"{display_path}: '{field}' must contain {{phase-link}}, the phase's short link")
        if not isinstance(texts.get(language), dict):
            raise KitError(f"{display_path}: 'texts.{language}' is missing")
        for key, text in texts[language].items():
            unknown = set(ANY_PLACEHOLDER.findall(str(text))) - set(MESSAGE_PLACEHOLDERS)
            if unknown:
                raise KitError(f"{display_path}: 'texts.{language}.{key}' has {{{sorted(unknown)[0]}}} — "
                               f"only {{title}} and {{language}} are filled in")
    names = set(texts[languages[0]])
    # Each language's name and its referral text's heading, in every language: "language_en: Engels".
    per_language = [f"{word}_{other}" for other in languages for word in ("language", "referral_heading")]
    missing = [word for word in per_language if word not in names]
    if missing:
        raise KitError(f"{display_path}: 'texts.{languages[0]}.{missing[0]}' is missing — each language's "
                       f"name and referral heading are words of every language (language_<code>, "
                       f"referral_heading_<code>)")
    for language in languages[1:]:
        if set(texts[language]) != names:
            raise KitError(f"{display_path}: 'texts.{language}' must have the same words as 'texts.{languages[0]}'")
    return Kit(tuple(qr_pages), paragraphs, phase_paragraphs,
               {lang: {k: str(v) for k, v in words.items()} for lang, words in texts.items()})


def fill_addresses(text: str, addresses: dict[str, str]) -> str:
    """Replace {page.md} with the page's full address."""
    return PLACEHOLDER.sub(lambda match: addresses[match.group(1)], text)


def fill_phase(text: str, addresses: dict[str, str], number: int, title: str, link: str) -> str:
    """A phase paragraph: {page.md} as in fill_addresses, and the phase's number, name (the
    heading on the recovery page without "Fase 2:" and the weeks) and short link."""
    values = {"phase-number": str(number), "phase-name": phase_name(title), "phase-link": link}
    text = re.sub(r"\{(phase-[a-z]+)\}", lambda match: values[match.group(1)], text)
    return fill_addresses(text, addresses)


def phase_name(title: str) -> str:
    """ "Fase 2: kracht en stabiliteit opbouwen (week 3–8)" -> "kracht en stabiliteit opbouwen"."""
    match = PHASE_TITLE.match(title.strip())
    return match.group("name") if match else title.strip()


def phase_label(title: str) -> str:
    """ "Fase 2: kracht en stabiliteit opbouwen (week 3–8)" -> "Fase 2"."""
    return title.split(":", 1)[0].strip()


def fill_message(text: str, **values: str) -> str:
    """A copy button's confirmation: {title} and {language} filled in."""
    return ANY_PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)


def url_pieces(url: str) -> list[str]:
    """The address in pieces between the places where a line may break without splitting a
    word: after "//" and after each "/", and before each "." (the template puts <wbr> there
    and keeps each piece with a hyphen on one line, so "pain-rule/" never breaks at its hyphen)."""
    return [piece for piece in URL_BREAK.split(url) if piece]


def text_pieces(text: str) -> list[tuple[str, list[str]]]:
    """A paragraph as (words, []) and (address, its url_pieces) parts, in order."""
    parts: list[tuple[str, list[str]]] = []
    for index, part in enumerate(re.split(r"(https?://[^\s]+?)(?=[.,;:!?)]*(?:\s|$))", text)):
        if part:
            parts.append((part, url_pieces(part) if index % 2 else []))
    return parts


def qr_file_stem(language: str, path: str) -> str:
    """The file name (without extension) of the QR code for an address below the site root:
    "pijnregel/" in nl -> "qr-nl-pijnregel", "en/phase-2/" -> "qr-en-phase-2", "en/" -> "qr-en-home",
    "herstel/#fase-2" -> "qr-nl-herstel-fase-2"."""
    parts = [part for part in re.split(r"[/#]", path) if part]
    if parts[:1] == [language]:
        parts = parts[1:]
    return f"qr-{language}-{'-'.join(parts) or 'home'}"


@functools.lru_cache(maxsize=256)
def _qr_code(url: str) -> segno.QRCode:
    """The address encoded once, however many drawings and files are made of it."""
    import segno  # noqa: PLC0415 - only when a code is drawn, not when every one is cached

    return segno.make(url, **QR_OPTIONS)


def qr_svg(url: str, title: str) -> str:
    """An SVG QR code for the address, titled for screen readers."""
    buffer = io.BytesIO()
    _qr_code(url).save(buffer, title=title, **QR_SVG)
    svg = buffer.getvalue().decode("utf-8")
    # A viewBox, so the code scales to the space it gets (on paper too); and an image role.
    size = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', svg)
    if size:
        width, height = size.groups()
        svg = svg.replace("<svg ", f'<svg viewBox="0 0 {width} {height}" role="img" ', 1)
    return svg


def _download_file(url: str, options: dict[str, object]) -> bytes:
    """The QR code for the address as a file to download (`options`: QR_DOWNLOAD_SVG or _PNG).
    The SVG's title is the address, so it means the same in any language."""
    buffer = io.BytesIO()
    extra = {"title": url} if options["kind"] == "svg" else {}
    _qr_code(url).save(buffer, **options, **extra)
    return buffer.getvalue()


class QrCodes:
    """The QR codes a build shows and writes, each kept in `cache` (a folder; None: none) so a
    rebuild with the same addresses draws none again. A drawing's name holds everything it is
    made from: segno's version, the options above, the code that draws it, the address and the
    title. A cache that cannot be read or written is no cache: the code is drawn."""

    def __init__(self, cache: Path | None = None) -> None:
        self.cache = cache
        drawing = inspect.getsource(qr_svg) + inspect.getsource(_download_file)
        self.made_with = [importlib.metadata.version("segno"), QR_OPTIONS,
                          hashlib.sha256(drawing.encode("utf-8")).hexdigest()[:12]]

    def _kept(self, kind: str, parts: tuple[object, ...], make: Callable[[], bytes]) -> bytes:
        if self.cache is None:
            return make()
        key = json.dumps([*self.made_with, *parts], sort_keys=True, ensure_ascii=False)
        path = self.cache / f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:24]}.{kind}"
        try:
            return path.read_bytes()
        except OSError:
            pass
        content = make()
        write_at_once(path, content)  # never half a file, even with two builds at once
        return content

    def svg(self, url: str, title: str) -> str:
        return self._kept("svg", (QR_SVG, url, title), lambda: qr_svg(url, title).encode("utf-8")).decode("utf-8")

    def download_files(self, url: str) -> dict[str, bytes]:
        """The QR code for the address as files to download: {"svg": …, "png": …}."""
        return {
            str(options["kind"]): self._kept(str(options["kind"]), (options, url),
                                             lambda options=options: _download_file(url, options))
            for options in (QR_DOWNLOAD_SVG, QR_DOWNLOAD_PNG)
        }


def qr_path(svg: str) -> str:
    """The drawing of a QR code (its path data): equal drawings encode equal data."""
    match = re.search(r' d="([^"]+)"', svg)
    return match.group(1) if match else ""
