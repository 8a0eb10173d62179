"""The page for referrers: every page's link in both languages, the phases' short links, the
referral paragraphs (also one per phase, with that phase's link), QR codes for the pages and the
phases that encode exactly the right address, as SVG and PNG files to download; copying says so
on the button itself; no address breaks in the middle of a word."""

from __future__ import annotations

import re
import struct
import urllib.parse
import urllib.request
import zlib
from html import unescape

import pytest
import segno
from heuppijn_site.clinicians.clinician_links import KitError, load_kit
from support.html_tree import parse_html
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.clinicians import KIT_PAGES, PAGES, PHASE_LINKS, PHASES, QR_PAGES, in_view_and_on_top
from support.site import LANGUAGES, PAGE_SETTLED, SITE_URL, open_settled, url_of

def kit_html(site, language: str) -> str:
    return (site / KIT_PAGES[language] / "index.html").read_text(encoding="utf-8")


def text_of(html: str) -> str:
    """What a reader sees of a piece of HTML: the tags (<wbr>, spans) left out."""
    return unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_listed_with_its_address_in_both_languages(site, language):
    html = kit_html(site, language)
    for page in PAGES:
        if page.name == "verwijzers.md":
            continue
        assert f'<a class="link-kit__url" href="{url_of(page)}" hreflang="{page.locale}">' in html, url_of(page)
        assert f'data-copy="{url_of(page)}"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_recovery_phase_has_its_short_link(site, language):
    html = kit_html(site, language)
    for number in PHASES:
        assert f'href="{SITE_URL}fase-{number}/" hreflang="nl"' in html
        assert f'href="{SITE_URL}en/phase-{number}/" hreflang="en"' in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_referral_paragraphs_in_both_languages_with_full_addresses(site, language):
    html = kit_html(site, language)
    dutch = text_of(re.search(r'<p class="referral-text__body" lang="nl" id="referral-nl">(.*?)</p>', html).group(1))
    english = text_of(re.search(r'<p class="referral-text__body" lang="en" id="referral-en">(.*?)</p>', html).group(1))
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


@pytest.mark.parametrize("language", LANGUAGES)
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


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_phase_has_a_referral_paragraph_with_its_own_link_in_each_language(site, language):
    html = kit_html(site, language)
    tree = parse_html(html)
    folds = tree.find_all(lambda e: e.tag == "details" and "referral-phase" in e.attrs.get("class", ""))
    assert len(folds) == len(PHASES), "one fold per recovery phase, readable without JavaScript"
    for number, fold in zip(PHASES, folds):
        summary = fold.find_all(lambda e: e.tag == "summary")[0].text()
        assert summary.startswith(("Fase", "Phase")) and str(number) in summary
        bodies = fold.find_all(lambda e: "referral-text__body" in e.attrs.get("class", ""))
        assert [body.attrs["lang"] for body in bodies] == sorted(("nl", "en"), key=lambda lang: lang != language)
        for body in bodies:
            lang, other = body.attrs["lang"], ("en" if body.attrs["lang"] == "nl" else "nl")
            text = body.text()
            assert PHASE_LINKS[lang].format(number) in text, (number, lang, text)
            assert PHASE_LINKS[other].format(number) not in text, "the link in the paragraph's own language"
            assert all(word in text for word in (DUTCH_WORDS if lang == "nl" else ENGLISH_WORDS))
            assert "{" not in text
            buttons = body.parent.find_all(lambda e: e.attrs.get("data-copy-from") == body.attrs["id"])
            assert len(buttons) == 1, "each phase paragraph has its copy button"


# --- QR codes: read back the modules drawn in an SVG path or a PNG file -----------------------

def modules_of_svg(svg: str) -> set[tuple[int, int]]:
    """The dark modules of a segno SVG: its path draws each run of dark modules in a row as a
    horizontal line 1 unit wide at y + 0.5 ("M4 4.5h7m2 0h1m-33 1h1…")."""
    path = re.search(r'<path[^>]*class="qrline"[^>]*\sd="([^"]+)"', svg) or re.search(r'\sd="([^"]+)"', svg)
    x = y = 0.0
    dark: set[tuple[int, int]] = set()
    for command, numbers in re.findall(r"([MmHhVv])([-\d. ]+)", path.group(1)):
        values = [float(n) for n in numbers.split()]
        if command == "M":
            x, y = values
        elif command == "m":
            x, y = x + values[0], y + values[1]
        elif command == "h":
            dark.update((int(x) + i, int(y)) for i in range(int(values[0])))
            x += values[0]
        else:
            raise AssertionError(f"unexpected path command {command}")
    return dark


def modules_of_png(png: bytes) -> set[tuple[int, int]]:
    """The dark modules of a 1-bit greyscale PNG of a QR code with a quiet zone of 4 modules."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    position, chunks, data = 8, {}, b""
    while position < len(png):
        length, kind = struct.unpack(">I4s", png[position:position + 8])
        body = png[position + 8:position + 8 + length]
        chunks.setdefault(kind, body)
        data += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", chunks[b"IHDR"][:10])
    assert (depth, colour) == (1, 0), "expected a black-and-white PNG"
    raw, stride, rows, previous = zlib.decompress(data), (width + 7) // 8, [], bytes((width + 7) // 8)
    for row in range(height):
        line = raw[row * (stride + 1):(row + 1) * (stride + 1)]
        kind, line = line[0], line[1:]
        assert kind in (0, 2), f"PNG filter {kind} not handled"
        line = bytes(a + b & 0xFF for a, b in zip(line, previous)) if kind == 2 else line
        rows.append([not (line[x // 8] >> (7 - x % 8)) & 1 for x in range(width)])
        previous = line
    first = next(x for x in range(width) if any(rows[y][x] for y in range(height)))  # the finder's edge
    scale = first // 4
    assert scale and width % scale == 0
    return {(x, y) for y in range(height // scale) for x in range(width // scale)
            if rows[y * scale + scale // 2][x * scale + scale // 2]}


def modules_of(url: str) -> set[tuple[int, int]]:
    """The dark modules of the address's QR code as segno makes it (error level M), with the
    quiet zone of 4 modules around it: what a scanner must read back."""
    matrix = segno.make(url, error="m", micro=False).matrix
    return {(x + 4, y + 4) for y, row in enumerate(matrix) for x, dark in enumerate(row) if dark}


def qr_figures(site, language: str) -> list[dict[str, object]]:
    """Every QR code on the page: its topic, language, address (as shown), drawing and files."""
    tree = parse_html(kit_html(site, language))
    figures = []
    for figure in tree.find_all(lambda e: e.tag == "figure" and "qr-kit__code" in e.attrs.get("class", "")):
        topic = figure.ancestor(lambda e: "qr-kit__topic" in e.attrs.get("class", ""))
        url = figure.find_all(lambda e: "qr-kit__url" in e.attrs.get("class", ""))[0].text()
        figures.append({
            "topic": topic.find_all(lambda e: "qr-kit__title" in e.attrs.get("class", ""))[0].text() if topic else "",
            "url": url,
            "language": figure.find_all(lambda e: "qr-kit__language" in e.attrs.get("class", ""))[0].text(),
            "links": [a.attrs for a in figure.find_all(lambda e: e.tag == "a" and "download" in e.attrs)],
        })
    images = re.findall(r'<figure class="qr-kit__code">\s*(<img [^>]*>)', kit_html(site, language))
    assert len(images) == len(figures)
    page = site / KIT_PAGES[language] / "index.html"
    for figure, image in zip(figures, images):
        attrs = dict(re.findall(r'(\w+)="([^"]*)"', image))
        figure["alt"] = unescape(attrs.get("alt", ""))
        figure["loading"] = attrs.get("loading")
        figure["svg"] = (page.parent / attrs["src"]).resolve().read_text(encoding="utf-8")
    return figures


def expected_qr_addresses() -> set[str]:
    pages = {url_of(p) for p in PAGES if p.name in QR_PAGES}
    return pages | {PHASE_LINKS[lang].format(n) for lang in PHASE_LINKS for n in PHASES}


@pytest.mark.parametrize("language", LANGUAGES)
def test_qr_codes_for_pages_and_phases_encode_exactly_their_address(site, language):
    figures = qr_figures(site, language)
    assert len(figures) == 2 * (len(QR_PAGES) + len(PHASES))
    assert {figure["url"] for figure in figures} == expected_qr_addresses()
    for figure in figures:
        svg, url = figure["svg"], figure["url"]
        # The drawing read back module by module: the code for this address, not another.
        assert modules_of_svg(svg) == modules_of(url), f"the QR code for {url} encodes something else"
        assert modules_of_svg(svg) != modules_of(url + "x")
        # A name for screen readers that says where the code leads, in which language.
        assert figure["alt"].endswith(f"({figure['language']})") and len(figure["alt"]) > len(figure["language"]) + 8, \
            f"the QR code for {url} needs a name for screen readers: {figure['alt']!r}"
        # Shown from its file once its fold opens: 22 drawings are not part of the page's first visit.
        assert figure["loading"] == "lazy"


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_qr_code_can_be_downloaded_as_svg_and_png(site, base_url, language):
    page_url = base_url + KIT_PAGES[language]
    for figure in qr_figures(site, language):
        url = figure["url"]
        kinds = {}
        for link in figure["links"]:
            name = link["download"]
            # A name that says what it is: qr-<language>-<the address's own words>.<kind>.
            assert re.fullmatch(r"qr-(nl|en)-[a-z0-9-]+\.(svg|png)", name), name
            last_words = urllib.parse.urlparse(url).path.strip("/").split("/")[-1]
            assert name.startswith(f"qr-{'en' if '/en/' in url + '/' else 'nl'}-")
            assert last_words in ("", "en") or last_words in name, (name, url)
            response = urllib.request.urlopen(urllib.parse.urljoin(page_url, link["href"]), timeout=5)
            assert response.status == 200
            body = response.read()
            kind = name.rsplit(".", 1)[1]
            if kind == "svg":
                assert response.headers["Content-Type"].startswith("image/svg+xml")
                assert body.startswith(b"<?xml") and b"<svg" in body[:200]
                assert modules_of_svg(body.decode("utf-8")) == modules_of(url), f"{name} is not the code for {url}"
            else:
                assert response.headers["Content-Type"] == "image/png"
                assert modules_of_png(body) == modules_of(url), f"{name} is not the code for {url}"
            kinds[kind] = name
        assert set(kinds) == {"svg", "png"}, f"the code for {url} needs an SVG and a PNG link"
        assert kinds["svg"][:-4] == kinds["png"][:-4]


def test_qr_files_are_named_after_their_address():
    from heuppijn_site.clinicians.clinician_links import qr_file_stem

    assert qr_file_stem("nl", "") == "qr-nl-home"
    assert qr_file_stem("en", "en/") == "qr-en-home"
    assert qr_file_stem("nl", "fase-2/") == "qr-nl-fase-2"
    assert qr_file_stem("en", "en/phase-2/") == "qr-en-phase-2"
    assert qr_file_stem("nl", "herstel/#fase-2") == "qr-nl-herstel-fase-2"


def test_an_address_is_cut_into_pieces_only_after_a_slash_or_before_a_dot():
    from heuppijn_site.clinicians.clinician_links import url_pieces

    url = "https://heuppijn.example.org/en/when-to-get-help/"
    pieces = url_pieces(url)
    assert "".join(pieces) == url
    assert pieces == ["https://", "heuppijn", ".example", ".org/", "en/", "when-to-get-help/"]


def test_a_phase_paragraph_without_the_phase_link_or_with_an_unknown_word_stops_the_build(tmp_path):
    source = (ROOT / "data" / "clinician_kit.yml").read_text(encoding="utf-8")
    pages = {p.name for p in PAGES}
    broken = tmp_path / "kit.yml"
    assert "lees je op {phase-link}" in source and "van je herstel:\n    {phase-name}" in source
    broken.write_text(source.replace("lees je op {phase-link}", "lees je op {herstel.md}"), encoding="utf-8")
    with pytest.raises(KitError, match=r"referral_phase\.nl.*\{phase-link\}"):
        load_kit(broken, "data/clinician_kit.yml", LANGUAGES, pages)
    broken.write_text(source.replace("van je herstel:\n    {phase-name}", "van je herstel:\n    {fase-naam}"),
                      encoding="utf-8")
    with pytest.raises(KitError, match=r"referral_phase\.nl.*\{fase-naam\}"):
        load_kit(broken, "data/clinician_kit.yml", LANGUAGES, pages)


def test_a_kit_without_a_languages_name_stops_the_build_and_says_what_to_add(tmp_path):
    """The kit names each language in every language (language_<code>): a language added to the
    site without its name in the kit is an editor's mistake the build names, not a blank label."""
    source = (ROOT / "data" / "clinician_kit.yml").read_text(encoding="utf-8")
    broken = tmp_path / "kit.yml"
    assert source.count("    language_en: ") == 2
    broken.write_text(source.replace("    language_en: ", "    language_english: "), encoding="utf-8")
    with pytest.raises(KitError, match=r"texts\.nl\.language_en' is missing.*language_<code>"):
        load_kit(broken, "data/clinician_kit.yml", LANGUAGES, {p.name for p in PAGES})


# --- In the browser ----------------------------------------------------------------------------

@pytest.mark.browser
def test_copying_a_link_says_so_on_the_button_itself_at_phone_width(browser, base_url):
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto(base_url + "verwijzers/")
    page.wait_for_function(PAGE_SETTLED)  # a reader taps once the page has settled
    page.locator("ul.link-kit summary", has_text="De pijnregel").click()  # the topic's fold
    button = page.locator(f'button[data-copy="{SITE_URL}pijnregel/"]')
    button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}pijnregel/"
    # Seen on the button, where the eyes are…
    assert button.inner_text() == "Gekopieerd ✓"
    assert in_view_and_on_top(page, button)
    # …and heard: the live region right after the button names what was copied.
    feedback = button.locator("xpath=following-sibling::*[1]")
    assert feedback.get_attribute("role") == "status"
    expect(feedback).to_have_text("Link naar De pijnregel (Nederlands) gekopieerd")
    # For a moment, then the button is ready again.
    expect(button).to_have_text(re.compile(r"^Kopieer"), use_inner_text=True, timeout=6000)
    assert button.inner_text() == "Kopieer"
    context.close()


@pytest.mark.browser
def test_an_english_phase_2_paragraph_is_copied_with_its_link_and_confirmed(browser, base_url):
    """The issue's case: a physiotherapist sends an English-speaking patient the phase-2 text."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_settled(page, base_url + "en/for-clinicians/")
    page.locator("details.referral-phase summary", has_text="Phase 2").click()
    button = page.locator('button[data-copy-from="referral-phase-2-en"]')
    button.click()
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("You have pain on the outside of the hip.")
    assert f"{SITE_URL}en/phase-2/" in copied and "  " not in copied and "\n" not in copied
    assert button.inner_text() == "Copied ✓"
    assert in_view_and_on_top(page, button)
    expect(button.locator("xpath=following-sibling::*[1]")).to_have_text("Referral text for Phase 2 in English copied")
    # The phase's short link itself, in the phases list.
    link_button = page.locator(f'button[data-copy="{SITE_URL}en/phase-2/"]')
    link_button.click()
    assert page.evaluate("navigator.clipboard.readText()") == f"{SITE_URL}en/phase-2/"
    assert link_button.inner_text() == "Copied ✓" and in_view_and_on_top(page, link_button)
    results = Axe().run(page)  # the confirmed state is accessible too
    assert results.violations_count == 0, results.generate_report()
    context.close()


# Where a line ends inside an address, in the reader's view. Allowed: after "/" or before ".".
LINE_BREAKS_INSIDE_ADDRESSES = """element => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    const chars = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (let i = 0; i < node.data.length; i++) chars.push([node, i, node.data[i]]);
    }
    const text = chars.map(c => c[2]).join("");
    const breaks = [];
    for (const match of text.matchAll(/https?:\\/\\/\\S+/g)) {
        let top = null;
        for (let i = match.index; i < match.index + match[0].length; i++) {
            const range = document.createRange();
            range.setStart(chars[i][0], chars[i][1]);
            range.setEnd(chars[i][0], chars[i][1] + 1);
            const box = range.getClientRects()[0];
            if (!box) continue;
            if (top !== null && box.top > top + 2) breaks.push(text.slice(i - 12, i) + "|" + text.slice(i, i + 12));
            top = box.top;
        }
    }
    return {breaks, overflow: element.scrollWidth > element.clientWidth + 1};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_address_breaks_mid_word_at_phone_width(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    open_settled(page, base_url + KIT_PAGES[language])
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    checked, wrong = 0, []
    for selector in (".qr-kit__url", ".link-kit__url", ".referral-text__body"):
        for element in page.locator(selector).all():
            result = element.evaluate(LINE_BREAKS_INSIDE_ADDRESSES)
            checked += 1
            wrong += [f"{selector}: {b}" for b in result["breaks"] if not re.search(r"/\||\|\.", b)]
            if result["overflow"]:
                wrong.append(f"{selector}: wider than its box: {element.inner_text()}")
    context.close()
    assert checked >= 2 * (len(QR_PAGES) + len(PHASES))
    assert wrong == [], "\n".join(wrong)


@pytest.mark.browser
def test_without_javascript_the_addresses_are_there_and_no_dead_buttons(browser, base_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "en/for-clinicians/")
    # The folds open without JavaScript: a topic's addresses, …
    page.locator("ul.link-kit summary", has_text="The pain rule").click()
    assert page.locator(f'.link-kit__url[href="{SITE_URL}en/pain-rule/"]').is_visible()
    assert page.locator(".copy-button:visible").count() == 0
    # …the phase paragraphs, and a topic's QR codes, whose files are plain download links.
    page.locator("details.referral-phase summary", has_text="Phase 2").click()
    assert page.locator("#referral-phase-2-en").is_visible()
    assert f"{SITE_URL}en/phase-2/" in page.locator("#referral-phase-2-en").inner_text()
    page.locator("details.qr-kit__topic summary", has_text="The pain rule").click()
    assert page.locator("details.qr-kit__topic[open] a.qr-kit__file[download]").first.is_visible()
    context.close()


def test_qr_codes_are_drawn_once_then_read_from_the_cache(tmp_path, monkeypatch):
    from heuppijn_site.clinicians import clinician_links

    url = "https://heuppijn.example.org/fase-2/"
    first = clinician_links.QrCodes(tmp_path / "qr")
    drawn = first.download_files(url), first.svg(url, "Fase 2")
    assert sorted(path.suffix for path in (tmp_path / "qr").iterdir()) == [".png", ".svg", ".svg"]

    def no_drawing(*args, **kwargs):
        raise AssertionError("drawn again")

    monkeypatch.setattr(clinician_links, "_qr_code", no_drawing)  # what every drawing starts with
    again = clinician_links.QrCodes(tmp_path / "qr")
    assert (again.download_files(url), again.svg(url, "Fase 2")) == drawn
    # Another title is another drawing: not taken from the cache.
    with pytest.raises(AssertionError, match="drawn again"):
        again.svg(url, "Phase 2")


def test_a_cache_that_cannot_be_written_is_no_cache(tmp_path):
    from heuppijn_site.clinicians.clinician_links import QrCodes

    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    url = "https://heuppijn.example.org/en/phase-2/"
    assert QrCodes(blocked / "qr").download_files(url) == QrCodes(None).download_files(url)


def test_a_part_of_the_referrers_page_without_an_id_stops_the_build():
    from heuppijn_site.clinicians.kit import page_sections

    assert page_sections("# T\n\n## Links {#links}\n\n### Sub {#sub}\n\n## QR codes {#qr-codes}\n",
                         "docs/en/verwijzers.md") == [{"id": "links", "title": "Links"},
                                                      {"id": "qr-codes", "title": "QR codes"}]
    with pytest.raises(KitError, match=r"docs/en/verwijzers\.md: the heading '## Posters' has no id — write it "
                                       r"as '## Posters \{#a-short-name\}'"):
        page_sections("## Links {#links}\n\n## Posters\n", "docs/en/verwijzers.md")
