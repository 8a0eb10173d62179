"""Printed pages, as patients print them and clinics hand them out: no screen chrome, the page's
address and review date on paper, link targets after links, sources kept, the checker as its
rule and table, with the patient's answers and advice once there is advice, and no page left
nearly blank. Rendered to PDF by Chromium and read back with pdftotext (poppler). Every page's
layout in print media (chrome, address, review date, licence, sources, link targets) is checked
at both widths by test_every_page.py, from the crawls."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from playwright.sync_api import expect
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.content.front_matter import review_line
from heuppijn_site.tools.site_tools import page_path
from heuppijn_site.site_texts import site_texts
from support.site import LANGUAGES as SITE_LANGUAGES, open_settled, url_of, pages
from heuppijn_site.tools.site_tools import ROOT as PROJECT

TEXTS = site_texts(PROJECT, SITE_LANGUAGES)  # data/labels.yml, data/languages.yml

pytestmark = pytest.mark.browser

PAGES = pages()
RULES = load_pain_rules(PROJECT / "data" / "pain_rules.yml", SITE_LANGUAGES,
                        load_warning_signs(PROJECT / "data" / "warning_signs.yml", SITE_LANGUAGES))
PAIN_RULE = {"nl": "pijnregel/", "en": "en/pain-rule/"}


@pytest.fixture(scope="module")
def print_page(browser):
    page = browser.new_page()
    page.emulate_media(media="print")
    yield page
    page.close()


@pytest.mark.parametrize("path", ["pijnregel/", "en/pain-rule/"])
def test_the_checker_prints_as_its_rule_and_table(print_page, base_url, path):
    open_settled(print_page, base_url + path)
    assert not print_page.locator("[data-pain-check-form]").is_visible()
    assert print_page.locator(".pain-check__table").is_visible()


@pytest.mark.parametrize("path", ["pijnregel/", "en/recovery/"])
def test_a_pdf_of_the_page_reads_right(browser, base_url, tmp_path, path):
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: run `make test`", pytrace=False)
    page = browser.new_page()
    open_settled(page, base_url + path)
    pdf = tmp_path / "page.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    page.close()
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    metadata = next(p for p in PAGES if page_path(p) == path)
    line = review_line(metadata, TEXTS[metadata.locale])  # "Laatst beoordeeld op 30 november 2026", from the front matter
    review = f"{line.reviewed_label} {line.reviewed_text}"
    flat = " ".join(text.split())
    assert url_of(metadata) in flat
    assert review in flat
    assert metadata.title.split(":")[0] in flat
    assert ("Bronnen" if metadata.locale == "nl" else "Sources") in flat
    # The licence and the line to name the source by (mkdocs.yml extra.licence).
    footer = TEXTS[metadata.locale].footer
    assert f"{footer['licence']} CC BY 4.0" in flat
    publisher = "Patiëntinformatie heuppijn" if metadata.locale == "nl" else "Hip pain patient information"
    assert f"{publisher}, {url_of(metadata)}, CC BY 4.0" in flat
    assert "Zoeken" not in flat and "Search" not in flat


def page_fill(pdf) -> list[float]:
    """For each page of the PDF, how far down its text reaches (0 blank, 1 the bottom edge)."""
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    fill = []
    for height, words in re.findall(r'<page width="[\d.]+" height="([\d.]+)">(.*?)</page>', boxes, re.S):
        bottoms = [float(y) for y in re.findall(r'yMax="([\d.]+)"', words)]
        fill.append(max(bottoms, default=0) / float(height))
    return fill


def no_page_left_mostly_blank(pdf) -> None:
    """Every page but the last has text at least 60 % of the way down."""
    fill = page_fill(pdf)
    assert all(part > 0.6 for part in fill[:-1]), (
        f"{pdf.name}: a page is left mostly blank: text reaches {[round(part, 2) for part in fill]} of each page")


@pytest.mark.parametrize("language", SITE_LANGUAGES)
def test_the_pain_rule_prints_with_no_blank_page_and_with_the_patients_answers_and_advice(
        slow_phone, base_url, tmp_path, language):
    """On a phone the patient answers the checker, then prints the page (A4) to take along."""
    if not shutil.which("pdftotext"):
        pytest.fail("pdftotext (poppler-utils) is missing: run `make test`", pytrace=False)
    page = slow_phone  # conftest.py: 390 px, touch, a slow CPU
    page.goto(base_url + PAIN_RULE[language])
    checker = page.locator("[data-pain-check]")
    checker.locator("form").wait_for(state="visible")
    # Printed before answering: the rule and its table, and no page left nearly blank.
    before = tmp_path / "before.pdf"
    page.pdf(path=str(before), format="A4", print_background=True)
    no_page_left_mostly_blank(before)
    answers = {"pain": "6", "next_day": "more", "trend": "same"}
    for name, value in answers.items():
        checker.locator(f"label:has(input[name='{name}'][value='{value}'])").tap()
    expect(checker.locator("[data-pain-check-result]")).to_have_attribute(
        "data-reasons", "pain_above_limit next_day_worse")
    after = tmp_path / "after.pdf"
    page.pdf(path=str(after), format="A4", print_background=True)
    # On paper (print media): only the answers chosen, not every choice.
    page.emulate_media(media="print")
    expect(checker.locator("label:visible")).to_have_count(len(answers))
    no_page_left_mostly_blank(after)
    printed = " ".join(subprocess.run(["pdftotext", str(after), "-"], capture_output=True, text=True,
                                      check=True).stdout.split())
    texts = RULES.texts[language]
    # The questions answered, each with the answer chosen; the advice with its reasons.
    for words in (texts["pain_legend"], texts["next_day_legend"], texts["next_day_more"], texts["trend_legend"],
                  texts["result_label"].upper(), RULES.level_texts[language]["adjust"]["title"],
                  RULES.reason_texts[language]["pain_above_limit"]["text"],
                  RULES.reason_texts[language]["next_day_worse"]["text"]):
        assert words in printed, f"{words!r} is not on paper"
    # Not what is for the screen.
    for words in (texts["show_advice"], texts["privacy"], texts["weeks_legend"]):
        assert words not in printed, f"{words!r} is printed"
