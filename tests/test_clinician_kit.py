"""The page for referrers: every page's link in both languages, the phases' short links, the
referral paragraphs and QR codes that encode exactly the right address; copying works."""

from __future__ import annotations

import re
from html import unescape

import pytest
from clinician_links import qr_path, qr_svg
from site_tools import PHONE, all_page_metadata
from test_metadata import SITE_URL, url_of

PAGES = all_page_metadata()
KIT_PAGES = {"nl": "verwijzers/", "en": "en/for-clinicians/"}


def kit_html(site, language: str) -> str:
    return (site / KIT_PAGES[language] / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_page_is_listed_with_its_address_in_both_languages(site, language):
    html = kit_html(site, language)
    for page in PAGES:
        if page.name == "verwijzers.md":
            continue
        assert f'<a class="link-kit__url" href="{url_of(page)}" hreflang="{page.locale}">' in html, url_of(page)
        assert f'data-copy="{url_of(page)}"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_recovery_phase_has_its_short_link(site, language):
    html = kit_html(site, language)
    for number in range(1, 5):
        assert f'href="{SITE_URL}fase-{number}/" hreflang="nl"' in html
        assert f'href="{SITE_URL}en/phase-{number}/" hreflang="en"' in html


@pytest.mark.parametrize("language", ["nl", "en"])
def test_referral_paragraphs_in_both_languages_with_full_addresses(site, language):
    html = kit_html(site, language)
    dutch = unescape(re.search(r'<p class="referral-text__body" lang="nl" id="referral-nl">(.*?)</p>', html).group(1))
    english = unescape(re.search(r'<p class="referral-text__body" lang="en" id="referral-en">(.*?)</p>', html).group(1))
    assert f"{SITE_URL}pijnregel/" in dutch and f"{SITE_URL}wanneer-contact/" in dutch
    assert f"{SITE_URL}en/pain-rule/" in english and f"{SITE_URL}en/when-to-get-help/" in english
    assert "{" not in dutch + english


# What each label says, in the page's language, for the paragraph in each language.
REFERRAL_LABELS = {
    "nl": {"nl": "Tekst in het Nederlands", "en": "Tekst in het Engels"},
    "en": {"nl": "Text in Dutch", "en": "Text in English"},
}
DUTCH_WORDS = ("Je hebt pijn", "buitenkant")
ENGLISH_WORDS = ("You have pain", "outside")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_each_referral_label_sits_over_the_text_in_that_language_page_language_first(site, language):
    html = kit_html(site, language)
    blocks = re.findall(r'<p class="referral-text__heading">([^<]+)</p>\s*'
                        r'<p class="referral-text__body" lang="(nl|en)" id="referral-(nl|en)">(.*?)</p>\s*'
                        r'<button[^>]*data-copy-from="referral-(nl|en)"', html, re.S)
    assert len(blocks) == 2
    assert blocks[0][1] == language, "the page's own language comes first"
    for label, lang, id_lang, body, copies in blocks:
        assert lang == id_lang == copies
        assert label == REFERRAL_LABELS[language][lang]
        words = DUTCH_WORDS if lang == "nl" else ENGLISH_WORDS
        assert all(word in unescape(body) for word in words), (label, body[:80])


@pytest.mark.parametrize("language", ["nl", "en"])
def test_qr_codes_encode_exactly_their_address(site, language):
    html = kit_html(site, language)
    figures = re.findall(r'<figure class="qr-kit__code">\s*(<svg.*?</svg>).*?<span class="qr-kit__url">([^<]+)</span>',
                         html, re.S)
    assert len(figures) == 10
    expected = {url_of(p) for p in PAGES if p.name in
                {"index.md", "pijnregel.md", "herstel.md", "zelf-doen.md", "wanneer-contact.md"}}
    assert {url for _, url in figures} == expected
    for svg, url in figures:
        # Made again from the address by the same library: the same drawing, so the same data.
        assert qr_path(svg) == qr_path(qr_svg(url, "x")), f"the QR code for {url} encodes something else"
        assert qr_path(svg) != qr_path(qr_svg(url + "x", "x"))
        assert re.search(r"<title>[^<]+</title>", svg), "a QR code needs a title for screen readers"


@pytest.mark.browser
def test_a_copy_button_puts_the_address_on_the_clipboard(browser, base_url):
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "verwijzers/")
    button = page.locator(f'button[data-copy="{SITE_URL}pijnregel/"]')
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}pijnregel/"
    assert page.locator(".copy-status").inner_text().startswith("Gekopieerd: ")
    page.locator('button[data-copy-from="referral-en"]').click()
    assert page.evaluate("navigator.clipboard.readText()").startswith("You have pain on the outside of the hip.")
    context.close()


@pytest.mark.browser
def test_without_javascript_the_addresses_are_there_and_no_dead_buttons(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "en/for-clinicians/")
    assert page.locator(".link-kit__url").first.is_visible()
    assert page.locator(".copy-button:visible").count() == 0
    context.close()
