"""What goes in a page's <head> for search engines and link previews: canonical and alternate
addresses, Open Graph and Twitter card tags, and schema.org JSON-LD. Pure; no MkDocs import."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

# What every page is about: ICD-10 M70.6; its names in each language are in data/languages.yml.
ICD_10_CODE = {"@type": "MedicalCode", "codeValue": "M70.6", "codingSystem": "ICD-10"}
SHARE_IMAGE = "assets/images/share.png"
SHARE_IMAGE_SIZE = (1200, 630)


@dataclass(frozen=True)
class Alternate:
    language: str  # a language code, or "x-default"
    url: str


@dataclass(frozen=True)
class PageHead:
    canonical: str
    alternates: tuple[Alternate, ...]
    og_locale: str
    og_locale_alternates: tuple[str, ...]
    image: str
    image_alt: str
    image_width: int
    image_height: int
    json_ld: str


def condition(names: tuple[str, tuple[str, ...]]) -> dict[str, object]:
    """The condition the site is about, as schema.org's MedicalCondition: `names` is its name in
    the page's language and the other names it is known by (data/languages.yml)."""
    name, alternate_names = names
    return {"@type": "MedicalCondition", "name": name, "alternateName": list(alternate_names), "code": ICD_10_CODE}


def absolute(site_url: str, path: str) -> str:
    return urljoin(site_url if site_url.endswith("/") else f"{site_url}/", path.lstrip("/"))


def page_head(
    *,
    site_url: str,
    site_name: str,
    publisher: str,
    licence_url: str,
    language: str,
    default_language: str,
    page_urls: dict[str, str],
    title: str,
    description: str,
    reviewed: date,
    citations: list[dict[str, str]],
    locales: dict[str, str],
    condition_names: tuple[str, tuple[str, ...]],
    image_alt: str,
) -> PageHead:
    """`page_urls` maps each language to the page's URL path in that language ("en/causes/");
    `locales` each language to its locale ("nl_NL", data/languages.yml); `image_alt` describes
    the link-preview image in the page's language. The publisher is also who reviews the pages
    (`reviewedBy`); `licence_url` is the licence of the text and illustrations (mkdocs.yml
    `extra.licence`)."""
    canonical = absolute(site_url, page_urls[language])
    alternates = [Alternate(lang, absolute(site_url, url)) for lang, url in sorted(page_urls.items())]
    alternates.append(Alternate("x-default", absolute(site_url, page_urls[default_language])))
    structured = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "name": title,
        "description": description,
        "url": canonical,
        "inLanguage": language,
        "lastReviewed": reviewed.isoformat(),
        "reviewedBy": {"@type": "Organization", "name": publisher},
        "about": condition(condition_names),
        "audience": {"@type": "MedicalAudience", "audienceType": "Patient"},
        "license": licence_url,
        "isPartOf": {"@type": "WebSite", "name": site_name, "url": absolute(site_url, "")},
        "publisher": {"@type": "Organization", "name": publisher},
    }
    if citations:
        structured["citation"] = [{"@type": "CreativeWork", **citation} for citation in citations]
    return PageHead(
        canonical=canonical,
        alternates=tuple(alternates),
        og_locale=locales[language],
        og_locale_alternates=tuple(locales[lang] for lang in sorted(page_urls) if lang != language),
        image=absolute(site_url, SHARE_IMAGE),
        image_alt=image_alt,
        image_width=SHARE_IMAGE_SIZE[0],
        image_height=SHARE_IMAGE_SIZE[1],
        # Safe inside <script>: no "</" can end the element early.
        json_ld=json.dumps(structured, ensure_ascii=False, indent=None).replace("</", "<\\/"),
    )
