"""The pain diary in the built site: the page in both languages, the markup that clinics'
instructions and the tests rely on, the rule's numbers and words on the page equal to the
Python rule's, a blank diary and the rule in words without JavaScript, the script on the diary
page only and small, and the links that lead to the diary."""

from __future__ import annotations

import gzip
import json

import markdown
import pytest
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.diary_extension import DiaryExtension
from heuppijn_site.pain_rule.diary_rules import DIARY_REASONS, WEEKS_ON_PAPER, load_pain_diary, page_data
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import ROOT, all_page_metadata, mkdocs_build, page_output
from support.project_copy import warm_copy
from support.site import DOCS, LANGUAGES

from support.html_tree import parse_html

SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
DIARY = load_pain_diary(ROOT / "data" / "pain_diary.yml", LANGUAGES, RULES)
TEXTS = site_texts(ROOT, LANGUAGES)
PAGES = {"nl": "pijndagboek/", "en": "en/pain-diary/"}
SCRIPT = DOCS / "assets" / "javascripts" / "pain-diary.js"
SCRIPT_BUDGET = 8 * 1024  # bytes, gzip-compressed (level 6, as deploy/nginx sends it)


def diary_page(site, language):
    return parse_html((site / PAGES[language] / "index.html").read_text(encoding="utf-8"))


def the(root, attribute):
    (element,) = root.with_attr(attribute)
    return element


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_diary_is_on_its_page_in_both_languages(site, language):
    page = diary_page(site, language)
    assert page.find_all(lambda e: e.tag == "html")[0].attrs["lang"] == language
    diary = the(page, "data-pain-diary")
    assert diary.tag == "section" and diary.attrs["aria-label"] == DIARY.texts[language]["heading"]
    # One sentence says where the entries are kept, visible with and without the script.
    assert DIARY.texts[language]["privacy"] in diary.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_markup_contract(site, language):
    diary = the(diary_page(site, language), "data-pain-diary")
    form = the(diary, "data-pain-diary-form")
    inputs = form.find_all(lambda e: e.tag == "input")

    def values(name, kind):
        return [e.attrs["value"] for e in inputs if e.attrs.get("name") == name and e.attrs.get("type") == kind]

    assert [e.attrs["type"] for e in inputs if e.attrs.get("name") == "date"] == ["date"]
    assert values("pain", "radio") == [str(value) for value in range(11)]
    assert values("morning", "radio") == ["less", "same", "more"]
    assert [e.attrs.get("type") for e in inputs if e.attrs.get("name") == "activity"] == ["text"]
    assert [e for e in form.find_all(lambda e: e.tag == "button") if e.attrs.get("type") == "submit"]
    table = the(diary, "data-pain-diary-table")
    assert table.tag == "table" and table.find_all(lambda e: e.tag == "tbody")
    advice = the(diary, "data-pain-diary-advice")
    assert advice.attrs["data-level"] == "" and advice.attrs["data-reasons"] == ""
    assert advice.attrs["aria-live"] == "polite"
    assert the(diary, "data-pain-diary-chart").tag == "figure"
    assert the(diary, "data-pain-diary-export").tag == "button"
    assert the(diary, "data-pain-diary-clear").tag == "button"
    # Every form control has a name a screen reader says.
    labels = {e.attrs["for"] for e in form.find_all(lambda e: e.tag == "label" and "for" in e.attrs)}
    assert {"pain-diary-date", "pain-diary-activity"} <= labels


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_carries_the_python_rule_and_the_checkers_words(site, language):
    data = json.loads(_script_text(site, language))
    locale = TEXTS[language].locale.replace("_", "-")
    assert data == {**page_data(DIARY, language), "locale": locale}
    assert data["rule"] == {"windowDays": DIARY.rule.window_days, "worseningPoints": DIARY.rule.worsening_points,
                            "windowEntries": DIARY.rule.window_entries,
                            "notImprovingDays": DIARY.rule.not_improving_days,
                            "notImprovingAbove": DIARY.rule.not_improving_above}
    assert data["limit"] == RULES.pain_limit
    assert data["severe"] == RULES.severe_pain_from


def _script_text(site, language) -> str:
    html = (site / PAGES[language] / "index.html").read_text(encoding="utf-8")
    return html.split("data-pain-diary-data data-search-exclude>", 1)[1].split("</script>", 1)[0]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_a_blank_diary_and_the_rule_in_words(site, language):
    diary = the(diary_page(site, language), "data-pain-diary")
    # The diary itself waits for its script; the blank diary and the rule do not.
    assert "hidden" in the(diary, "data-pain-diary-app").attrs
    blank = the(diary, "data-pain-diary-blank")
    assert "hidden" not in blank.attrs
    texts = DIARY.texts[language]
    weeks = blank.find_all(lambda e: e.tag == "table")
    assert len(weeks) == WEEKS_ON_PAPER
    for number, week in enumerate(weeks, start=1):
        assert week.find_all(lambda e: e.tag == "caption")[0].text() == f"{texts['blank_week']} {number}"
        heads = [e.text() for e in week.find_all(lambda e: e.tag == "th" and e.attrs.get("scope") == "col")]
        assert heads[:3] == [texts["col_date"], texts["col_activity"], texts["col_pain"]]
        assert heads[3].startswith(texts["col_morning"]) and heads[3].endswith(texts["blank_morning"])
        assert len(heads) == 4
        rows = [row for row in week.find_all(lambda e: e.tag == "tr") if row.find_all(lambda e: e.tag == "td")]
        assert len(rows) == 7
    rule = diary.find_all(lambda e: e.tag == "table" and "pain-diary__rule" in e.attrs.get("class", ""))[0].text()
    for reason in DIARY_REASONS:
        assert DIARY.when[language][reason] in rule
        assert RULES.level_texts[language][RULES.reason_levels[reason]]["title"] in rule
    assert RULES.level_texts[language]["continue"]["title"] in rule


def test_the_script_loads_on_the_diary_page_only(site):
    for page in all_page_metadata():
        html = page_output(site, page).read_text(encoding="utf-8")
        count = html.count("javascripts/pain-diary.js")
        assert count == (1 if page.name == "pijndagboek.md" else 0), page.path


def test_the_script_stays_small():
    size = len(gzip.compress(SCRIPT.read_bytes(), 6))
    assert size <= SCRIPT_BUDGET, f"pain-diary.js is {size} bytes gzipped; the budget is {SCRIPT_BUDGET}"


def test_the_script_holds_no_limit_or_words_of_its_own():
    script = SCRIPT.read_text(encoding="utf-8")
    for language in LANGUAGES:
        for text in (RULES.level_texts[language]["adjust"]["title"], DIARY.texts[language]["save"]):
            assert text not in script
    assert "windowDays" in script and "notImprovingDays" in script


@pytest.mark.parametrize(("language", "path", "target"), [
    ("nl", "pijnregel/", "../pijndagboek/"), ("en", "en/pain-rule/", "../pain-diary/"),
    ("nl", "herstel/", "../pijndagboek/"), ("en", "en/recovery/", "../pain-diary/"),
])
def test_the_pain_rule_page_its_checker_and_the_recovery_page_lead_to_the_diary(site, language, path, target):
    page = parse_html((site / path / "index.html").read_text(encoding="utf-8"))
    article = page.find_all(lambda e: e.tag == "article")[0]
    links = [e for e in article.find_all(lambda e: e.tag == "a") if e.attrs.get("href") == target]
    assert links
    if "pain" in path or "pijn" in path:
        checker = the(page, "data-pain-check-result")
        diary_links = [e for e in checker.find_all(lambda e: e.tag == "a") if e.attrs.get("href") == target]
        assert [e.text() for e in diary_links] == [RULES.texts[language]["diary_link"]]


def test_the_extension_works_in_plain_python_markdown(monkeypatch):
    monkeypatch.chdir(ROOT)  # the default data paths are relative: data/…, overrides/
    for language in LANGUAGES:
        html = markdown.markdown("<!-- pain-diary -->\n", extensions=[DiaryExtension(language=language)])
        assert "data-pain-diary" in html and "<!-- pain-diary" not in html
        data = json.loads(html.split("data-pain-diary-data data-search-exclude>", 1)[1].split("</script>", 1)[0])
        assert data == {**page_data(DIARY, language), "locale": language}
        assert DIARY.texts[language]["rule_caption"] in html
    # A page without the marker is left as it is.
    assert markdown.markdown("Hallo", extensions=[DiaryExtension(language="nl")]) == "<p>Hallo</p>"


def test_the_link_to_the_diary_leads_to_it(monkeypatch):
    monkeypatch.chdir(ROOT)
    for language in LANGUAGES:
        html = markdown.markdown("# Dagboek\n\n<!-- pain-diary-jump -->\n\nTekst\n\n<!-- pain-diary -->\n",
                                 extensions=[DiaryExtension(language=language)])
        jump = parse_html(html).find_all(lambda e: e.tag == "a" and e.text() == DIARY.texts[language]["jump"])
        assert len(jump) == 1 and f'id="{jump[0].attrs["href"][1:]}"' in html
    # Only on the diary's own page: elsewhere it would lead nowhere.
    with pytest.raises(ValueError, match=r"^docs/nl/x\.md:13: <!-- pain-diary-jump --> leads to the pain diary, but "
                                         r"this page has no <!-- pain-diary --> — put the diary on this page too"):
        markdown.markdown("Tekst\n\n<!-- pain-diary-jump -->\n", extensions=[
            DiaryExtension(language="nl", source_path="docs/nl/x.md", first_line=11)])


def test_a_mistake_in_the_diarys_file_stops_the_build_with_its_name(tmp_path):
    (tmp_path / "project").mkdir()
    project = warm_copy(tmp_path / "project")
    data = project / "data" / "pain_diary.yml"
    data.write_text(data.read_text(encoding="utf-8").replace("  window_days: 7\n", "  window_days: a week\n"),
                    encoding="utf-8")
    result = mkdocs_build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    assert "data/pain_diary.yml: 'rule.window_days' must be a whole number from 1 to 31 (got 'a week')" in output
