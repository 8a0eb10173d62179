"""What search engines and link previews get: description, canonical and hreflang addresses,
Open Graph and Twitter cards, schema.org JSON-LD, sitemap and robots.txt."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

import pytest
from heuppijn_site.content.references import load_references
from heuppijn_site.tools.site_tools import ROOT, all_page_metadata, page_output
from support.site import SITE_URL, url_of, pages

PAGES = pages()
REFERENCES = load_references(ROOT / "data" / "references.yml")

# schema.org: the properties each type used here may carry (from the type and its parents).
THING = {"@type", "name", "description", "url", "alternateName", "sameAs", "identifier", "image"}
CREATIVE_WORK = THING | {"author", "datePublished", "inLanguage", "about", "audience", "citation",
                         "isPartOf", "publisher", "headline", "lastReviewed", "reviewedBy", "license"}
SCHEMA = {
    "MedicalWebPage": CREATIVE_WORK | {"@context", "medicalAudience", "specialty", "lastReviewed"},
    "MedicalCondition": THING | {"code", "signOrSymptom", "possibleTreatment"},
    "MedicalCode": THING | {"codeValue", "codingSystem"},
    "MedicalAudience": THING | {"audienceType"},
    "WebSite": CREATIVE_WORK,
    "Organization": THING,
    "CreativeWork": CREATIVE_WORK,
}


def test_every_page_can_be_read():
    """Every page's front matter reads, or this fails with the build's message (file, line, fix).
    The tests that go over every page list them with support.site.pages(), which then has none:
    they are skipped instead of every such module failing to load."""
    assert len(pages()) == len(all_page_metadata()) > 0


def head_of(site: Path, page) -> str:
    return page_output(site, page).read_text(encoding="utf-8").split("</head>")[0]


def meta(head: str, attribute: str, name: str) -> list[str]:
    return [unescape(v) for v in re.findall(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', head)]


def twin(page):
    return next(p for p in PAGES if p.name == page.name and p.locale != page.locale)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_description_canonical_and_alternates(site, page):
    head = head_of(site, page)
    assert meta(head, "name", "description") == [page.description]
    assert re.findall(r'<link rel="canonical" href="([^"]+)"', head) == [url_of(page)]
    alternates = dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', head))
    dutch = page if page.locale == "nl" else twin(page)
    assert alternates == {page.locale: url_of(page), twin(page).locale: url_of(twin(page)),
                          "x-default": url_of(dutch)}
    assert all(url.startswith("https://") for url in alternates.values())


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_link_previews(site, page):
    head = head_of(site, page)
    assert meta(head, "property", "og:title") == [page.title]
    assert meta(head, "property", "og:description") == [page.description]
    assert meta(head, "property", "og:url") == [url_of(page)]
    assert meta(head, "property", "og:locale") == [{"nl": "nl_NL", "en": "en_GB"}[page.locale]]
    assert meta(head, "name", "twitter:card") == ["summary_large_image"]
    image = meta(head, "property", "og:image")[0]
    assert image == SITE_URL + "assets/images/share.png"
    png = (site / "assets/images/share.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
    assert (width, height) == (1200, 630)
    assert meta(head, "property", "og:image:width") == ["1200"]
    assert meta(head, "property", "og:image:alt")[0]


def check_schema(node, path="$"):
    if isinstance(node, list):
        for index, item in enumerate(node):
            check_schema(item, f"{path}[{index}]")
        return
    if not isinstance(node, dict):
        return
    kind = node.get("@type")
    assert kind in SCHEMA, f"{path}: unknown type {kind!r}"
    unexpected = set(node) - SCHEMA[kind]
    assert not unexpected, f"{path}: {kind} does not expect {sorted(unexpected)}"
    for key, value in node.items():
        check_schema(value, f"{path}.{key}")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_structured_data_is_a_valid_medical_web_page(site, page):
    head = head_of(site, page)
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', head, re.S)
    assert len(blocks) == 1
    data = json.loads(blocks[0])
    check_schema(data)
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "MedicalWebPage"
    assert data["inLanguage"] == page.locale
    assert data["lastReviewed"] == page.reviewed.isoformat()
    assert data["url"] == url_of(page)
    assert data["about"]["@type"] == "MedicalCondition"
    names = {n.lower() for n in data["about"]["alternateName"]} | {data["about"]["name"].lower()}
    expected_names = {
        "nl": ("pijn aan de buitenkant van de heup", "gtps", "greater trochanteric pain syndrome", "gluteale tendinopathie"),
        "en": ("gtps", "greater trochanteric pain syndrome", "gluteal tendinopathy", "trochanteric bursitis"),
    }
    for expected in expected_names[page.locale]:
        assert expected in names, f"{page.path}: the condition is not named {expected!r} in its language"
    assert data["about"]["code"] == {"@type": "MedicalCode", "codeValue": "M70.6", "codingSystem": "ICD-10"}
    body = page_output(site, page).read_text(encoding="utf-8")
    sources = body.split('<ol class="references"')[1] if '<ol class="references"' in body else ""
    cited = re.findall(r'<li id="ref-([^"]+)">', sources)
    assert [c["name"] for c in data.get("citation", [])] == [REFERENCES[key].title for key in cited]


def test_sitemap_lists_every_page_with_its_translation(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert sorted(locations) == sorted(url_of(page) for page in PAGES)
    for page in PAGES:
        block = sitemap.split(f"<loc>{url_of(page)}</loc>")[1].split("</url>")[0]
        assert f'hreflang="{twin(page).locale}" href="{url_of(twin(page))}"' in block


def test_robots_txt_allows_all_and_names_the_sitemap(site):
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots and "Disallow: /\n" not in robots
    assert f"Sitemap: {SITE_URL}sitemap.xml" in robots
