"""Every page's review metadata as a machine reads it: the page's JSON-LD, extracted from the built
HTML and expanded by a JSON-LD processor (PyLD), names when it was last reviewed and by whom, the
condition it is about (in the page's language, with its ICD-10 code), its audience and its licence."""

from __future__ import annotations

import pytest
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import ROOT, page_output
from pyld import jsonld

from support.site import LANGUAGES, LICENCE_URL, PUBLISHER, url_of, pages

PAGES = pages()
# What each language calls the condition (data/languages.yml): its name, then its other names.
CONDITION_NAMES = {language: texts.condition for language, texts in site_texts(ROOT, LANGUAGES).items()}
SCHEMA = "http://schema.org/"
# The machine has no network, so the processor gets schema.org's context from here: every term
# is schema.org's (@vocab), and `url` and `license` are addresses (@id), as schema.org's own
# context (https://schema.org/docs/jsonldcontext.jsonld) defines them.
SCHEMA_ORG_CONTEXT = {"@context": {
    "@vocab": SCHEMA,
    "schema": SCHEMA,
    "url": {"@id": "schema:url", "@type": "@id"},
    "license": {"@id": "schema:license", "@type": "@id"},
}}


def expanded(site, page) -> list[dict]:
    """The page's JSON-LD, read from its HTML and expanded: every property a full schema.org IRI."""
    address = url_of(page)
    html = page_output(site, page).read_text(encoding="utf-8")

    def loader(url: str, options: dict | None = None) -> dict:
        if url.rstrip("/") in ("https://schema.org", "http://schema.org"):
            return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
                    "document": SCHEMA_ORG_CONTEXT}
        if url == address:
            return {"contentType": "text/html", "contextUrl": None, "documentUrl": url, "document": html}
        raise jsonld.JsonLdError(f"the test loads nothing from the web: {url}", "loading document failed")

    return jsonld.expand(address, {"documentLoader": loader, "extractAllScripts": True})


def one(node: dict, name: str) -> dict:
    values = node.get(SCHEMA + name, [])
    assert len(values) == 1, f"{name}: expected one value, got {values}"
    return values[0]


def value(node: dict, name: str) -> str:
    return one(node, name)["@value"]


def of_type(node: dict, kind: str) -> bool:
    return SCHEMA + kind in node.get("@type", [])


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_the_review_metadata_is_there_for_machines(site, page):
    nodes = expanded(site, page)
    pages = [node for node in nodes if of_type(node, "MedicalWebPage")]
    assert len(pages) == 1, f"{page.path}: expected one MedicalWebPage, found {len(pages)}"
    web_page = pages[0]
    assert value(web_page, "inLanguage") == page.locale
    assert value(web_page, "lastReviewed") == page.reviewed.isoformat()
    reviewer = one(web_page, "reviewedBy")
    assert of_type(reviewer, "Organization") and value(reviewer, "name") == PUBLISHER[page.locale]
    condition = one(web_page, "about")
    assert of_type(condition, "MedicalCondition")
    name, alternate_names = CONDITION_NAMES[page.locale]
    assert value(condition, "name") == name
    assert [v["@value"] for v in condition[SCHEMA + "alternateName"]] == list(alternate_names)
    code = one(condition, "code")
    assert of_type(code, "MedicalCode")
    assert (value(code, "codeValue"), value(code, "codingSystem")) == ("M70.6", "ICD-10")
    audience = one(web_page, "audience")
    assert of_type(audience, "MedicalAudience") and value(audience, "audienceType") == "Patient"
    assert one(web_page, "license") == {"@id": LICENCE_URL[page.locale]}


def test_the_condition_is_named_in_each_language():
    dutch, english = CONDITION_NAMES["nl"], CONDITION_NAMES["en"]
    assert dutch[0] == "Pijn aan de buitenkant van de heup"
    assert "Gluteale tendinopathie" in dutch[1] and "Gluteal tendinopathy" in english[1]
    assert "GTPS" in dutch[1] and "GTPS" in english[1]
