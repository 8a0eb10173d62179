"""The referrers' kit: every page's address in both languages, the short links to the recovery
phases, ready-to-paste referral paragraphs and QR codes (segno). Pure logic; no MkDocs import."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

import segno
from data_files import read_yaml

PLACEHOLDER = re.compile(r"\{([a-z0-9-]+\.md)\}")
QR_OPTIONS = {"error": "m", "micro": False}
QR_SVG = {"kind": "svg", "scale": 4, "border": 4, "xmldecl": False, "svgns": True, "nl": False}


class KitError(ValueError):
    """A mistake in data/clinician_kit.yml."""


@dataclass(frozen=True)
class Kit:
    qr_pages: tuple[str, ...]
    referral: dict[str, str]
    texts: dict[str, dict[str, str]]


def load_kit(path: Path, display_path: str, languages: list[str], pages: set[str]) -> Kit:
    """Read and check the kit. `pages` holds the page file names ("pijnregel.md")."""
    data = read_yaml(path, display_path, KitError) or {}
    qr_pages = data.get("qr_pages") or []
    for name in qr_pages:
        if name not in pages:
            raise KitError(f"{display_path}: 'qr_pages' names {name}, which is not a page in docs/")
    referral = data.get("referral") or {}
    texts = data.get("texts") or {}
    for language in languages:
        text = referral.get(language)
        if not isinstance(text, str) or not text.strip():
            raise KitError(f"{display_path}: 'referral.{language}' is missing — add the paragraph")
        for name in PLACEHOLDER.findall(text):
            if name not in pages:
                raise KitError(f"{display_path}: 'referral.{language}' links to {{{name}}}, which is not a page")
        if not isinstance(texts.get(language), dict):
            raise KitError(f"{display_path}: 'texts.{language}' is missing")
    names = set(texts[languages[0]])
    for language in languages[1:]:
        if set(texts[language]) != names:
            raise KitError(f"{display_path}: 'texts.{language}' must have the same words as 'texts.{languages[0]}'")
    return Kit(tuple(qr_pages), {k: " ".join(v.split()) for k, v in referral.items()}, texts)


def fill_addresses(text: str, addresses: dict[str, str]) -> str:
    """Replace {page.md} with the page's full address."""
    return PLACEHOLDER.sub(lambda match: addresses[match.group(1)], text)


def qr_svg(url: str, title: str) -> str:
    """An SVG QR code for the address, titled for screen readers."""
    buffer = io.BytesIO()
    segno.make(url, **QR_OPTIONS).save(buffer, title=title, **QR_SVG)
    svg = buffer.getvalue().decode("utf-8")
    # A viewBox, so the code scales to the space it gets (on paper too); and an image role.
    size = re.search(r'<svg [^>]*width="(\d+)" height="(\d+)"', svg)
    if size:
        width, height = size.groups()
        svg = svg.replace("<svg ", f'<svg viewBox="0 0 {width} {height}" role="img" ', 1)
    return svg


def qr_path(svg: str) -> str:
    """The drawing of a QR code (its path data): equal drawings encode equal data."""
    match = re.search(r' d="([^"]+)"', svg)
    return match.group(1) if match else ""
