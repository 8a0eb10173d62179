"""The pain diary as a patient uses it, in Debian's Chromium: add, reload, switch language, add
the morning answer later, delete, undo, export, print, delete everything; bad input; storage
blocked, full or damaged; the keyboard only; a slow phone; axe with entries present. And the
page's script gives the same advice as the Python rule for the same diary."""

from __future__ import annotations

import csv
import io
import json
import random
from datetime import date, timedelta

import pytest
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.diary_rules import load_pain_diary
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.tools.site_tools import DESKTOP, PHONE, ROOT
from support.diary_oracle import Entry, diary_advice
from support.site import LANGUAGES, PAGE_SETTLED, STILL, at_page, slow_cpu

pytestmark = pytest.mark.browser

SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
DIARY = load_pain_diary(ROOT / "data" / "pain_diary.yml", LANGUAGES, RULES)
LIMIT = RULES.pain_limit
SEVERE = RULES.severe_pain_from
KEY = "heuppijn.pain-diary"
APART = KEY + ".unreadable"
PAGES = {"nl": "pijndagboek/", "en": "en/pain-diary/"}
OTHER = {"nl": "en", "en": "nl"}
SWITCH = {"nl": "English", "en": "Nederlands"}  # the header's link to the other language
TODAY = """() => { const d = new Date();
    return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate())).toISOString().slice(0, 10); }"""
# An init script: this browser will not let the page store anything.
BLOCKED = """Object.defineProperty(window, "localStorage", {
    get() { throw new DOMException("The operation is insecure.", "SecurityError"); } });"""
# An init script: storage works, but is full.
FULL = """Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };"""


@pytest.fixture
def context(browser):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    errors: list[str] = []
    context.on("weberror", lambda error: errors.append(str(error.error)))
    yield context
    context.close()
    assert errors == [], f"script errors: {errors}"


@pytest.fixture
def page(context):
    return context.new_page()


def texts(language):
    return DIARY.texts[language]


def open_diary(page, base_url, language):
    page.goto(base_url + PAGES[language])
    diary = page.locator("[data-pain-diary]")
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    return diary


def today(page) -> date:
    return date.fromisoformat(page.evaluate(TODAY))


def rows(diary):
    """The entries in the table (not the undo left where one was deleted)."""
    return diary.locator("[data-pain-diary-table] tbody tr[data-date]")


def add(diary, *, day: date | None = None, pain: int | None = None, morning: str | None = None,
        activity: str = "") -> None:
    """Fill in the form as a patient does and save."""
    form = diary.locator("[data-pain-diary-form]")
    if day is not None:
        form.locator("input[name=date]").fill(day.isoformat())
    if activity:
        form.locator("input[name=activity]").fill(activity)
    if pain is not None:
        form.locator(f"label:has(input[name=pain][value='{pain}'])").click()
    if morning is not None:
        form.locator(f"label:has(input[name=morning][value='{morning}'])").click()
    form.locator("[data-pain-diary-submit]").click()


def advice(diary):
    box = diary.locator("[data-pain-diary-advice]")
    return box.get_attribute("data-level"), box.get_attribute("data-reasons")


def stored(page):
    raw = page.evaluate(f"() => localStorage.getItem({KEY!r})")
    return json.loads(raw) if raw is not None else None


def put(page, value: str | None, key: str = KEY) -> None:
    """What an earlier visit left in the browser (then the page is opened again). Once the open
    page's own script has run: before, on a busy machine, it read the value as this visit's and
    acted on it (it set damaged data apart), which was not the visit the test meant."""
    page.wait_for_function(PAGE_SETTLED)
    if value is None:
        page.evaluate(f"() => localStorage.removeItem({key!r})")
    else:
        page.evaluate(f"value => localStorage.setItem({key!r}, value)", value)


def diary_of(entries) -> str:
    return json.dumps({"version": 1, "entries": entries})


@pytest.mark.parametrize("language", LANGUAGES)
def test_add_reload_and_the_same_diary_in_the_other_language(page, base_url, language):
    diary = open_diary(page, base_url, language)
    now = today(page)
    # The date is today unless the patient picks another.
    assert diary.locator("input[name=date]").input_value() == now.isoformat()
    assert rows(diary).count() == 0 and advice(diary) == ("", "")
    assert diary.locator("[data-pain-diary-empty]").is_visible()
    add(diary, day=now - timedelta(days=2), pain=3, morning="less", activity="Oefeningen")
    add(diary, pain=LIMIT + 1, activity="Lange wandeling")
    assert rows(diary).count() == 2
    assert diary.locator("[data-pain-diary-status]").inner_text() != ""
    assert advice(diary) == ("adjust", "pain_above_limit")
    assert diary.locator("[data-pain-diary-title]").inner_text() == RULES.level_texts[language]["adjust"]["title"]
    assert diary.locator("[data-pain-diary-reasons] li").all_inner_texts() == [
        RULES.reason_texts[language]["pain_above_limit"]["text"]]
    assert stored(page) == {"version": 1, "entries": [
        {"date": (now - timedelta(days=2)).isoformat(), "pain": 3, "morning": "less", "activity": "Oefeningen"},
        {"date": now.isoformat(), "pain": LIMIT + 1, "morning": None, "activity": "Lange wandeling"},
    ]}
    # After closing and opening again.
    page.reload()
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    assert rows(diary).count() == 2 and advice(diary) == ("adjust", "pain_above_limit")
    # The other language's page: the same diary, in that language's words.
    page.locator(".md-header").get_by_role("link", name=SWITCH[language], exact=True).click()
    page.wait_for_url(at_page(base_url + PAGES[OTHER[language]]))
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    assert rows(diary).count() == 2
    first = rows(diary).first
    assert "Oefeningen" in first.inner_text()
    assert RULES.texts[OTHER[language]]["next_day_less"] in first.inner_text()
    assert advice(diary) == ("adjust", "pain_above_limit")
    assert diary.locator("[data-pain-diary-title]").inner_text() == \
        RULES.level_texts[OTHER[language]]["adjust"]["title"]


def test_a_change_in_the_other_languages_tab_shows_at_once(context, base_url):
    dutch, english = context.new_page(), context.new_page()
    in_dutch, in_english = open_diary(dutch, base_url, "nl"), open_diary(english, base_url, "en")
    add(in_dutch, pain=2, morning="same")
    english.wait_for_function("document.querySelectorAll('[data-pain-diary-table] tbody tr').length === 1")
    assert advice(in_english) == ("continue", "")
    in_english.locator("[data-pain-diary-delete]").click()
    dutch.wait_for_function("document.querySelectorAll('[data-pain-diary-table] tbody tr').length === 0")
    assert rows(in_dutch).count() == 0 and advice(in_dutch) == ("", "")


@pytest.mark.parametrize("language", LANGUAGES)
def test_edit_an_entry_to_add_the_morning_answer(page, base_url, language):
    diary = open_diary(page, base_url, language)
    now = today(page)
    add(diary, day=now - timedelta(days=1), pain=2, activity="Traplopen")
    assert advice(diary) == ("continue", "")
    reminder = diary.locator("[data-pain-diary-morning-open]")
    assert reminder.is_visible() and texts(language)["edit"] in reminder.inner_text()
    rows(diary).first.locator("[data-pain-diary-edit]").click()
    heading = diary.locator("[data-pain-diary-form-heading]")
    assert heading.evaluate("h => h === document.activeElement")
    assert heading.inner_text().startswith(texts(language)["form_edit"].split("{date}")[0])
    form = diary.locator("[data-pain-diary-form]")
    assert form.locator("input[name=date]").input_value() == (now - timedelta(days=1)).isoformat()
    assert form.locator("input[name=pain]:checked").get_attribute("value") == "2"
    assert form.locator("input[name=activity]").input_value() == "Traplopen"
    assert form.locator("[data-pain-diary-submit]").inner_text() == texts(language)["save_edit"]
    form.locator("label:has(input[name=morning][value=more])").click()
    form.locator("[data-pain-diary-submit]").click()
    assert rows(diary).count() == 1
    assert RULES.texts[language]["next_day_more"] in rows(diary).first.inner_text()
    assert advice(diary) == ("adjust", "next_day_worse")
    assert not reminder.is_visible()
    assert stored(page)["entries"] == [
        {"date": (now - timedelta(days=1)).isoformat(), "pain": 2, "morning": "more", "activity": "Traplopen"}]
    # Back to a new entry, and focus back on the row that was changed.
    assert form.locator("[data-pain-diary-submit]").inner_text() == texts(language)["save"]
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-edit')")
    # Cancel leaves an entry as it was.
    rows(diary).first.locator("[data-pain-diary-edit]").click()
    form.locator("label:has(input[name=pain][value='9'])").click()
    form.locator("[data-pain-diary-cancel]").click()
    assert stored(page)["entries"][0]["pain"] == 2 and form.locator("input[name=pain]:checked").count() == 0


@pytest.mark.parametrize("language", LANGUAGES)
def test_bad_input_is_said_next_to_its_field_and_nothing_half_is_stored(page, base_url, language):
    diary = open_diary(page, base_url, language)
    now = today(page)
    date_error = diary.locator("[data-pain-diary-error=date]")
    pain_error = diary.locator("[data-pain-diary-error=pain]")
    # No pain score.
    add(diary)
    assert pain_error.inner_text() == texts(language)["pain_missing"] and pain_error.is_visible()
    assert page.evaluate("document.activeElement.name") == "pain"
    assert diary.locator("input[name=pain]").first.get_attribute("aria-invalid") == "true"
    assert rows(diary).count() == 0 and stored(page) is None
    # Choosing a score takes the message away.
    diary.locator("label:has(input[name=pain][value='3'])").click()
    assert not pain_error.is_visible()
    # A day that has not happened yet.
    add(diary, day=now + timedelta(days=1), pain=3)
    assert date_error.inner_text() == texts(language)["date_future"]
    assert page.evaluate("document.activeElement.name") == "date"
    assert diary.locator("input[name=date]").get_attribute("aria-invalid") == "true"
    assert rows(diary).count() == 0 and stored(page) is None
    # No date.
    diary.locator("input[name=date]").fill("")
    diary.locator("[data-pain-diary-submit]").click()
    assert date_error.inner_text() == texts(language)["date_missing"]
    assert stored(page) is None
    # A day that has an entry already: change that one instead.
    add(diary, day=now, pain=3)
    assert rows(diary).count() == 1 and not date_error.is_visible()
    add(diary, day=now, pain=5, morning="less")
    assert date_error.inner_text() == texts(language)["date_taken"]
    assert rows(diary).count() == 1 and stored(page)["entries"][0]["pain"] == 3
    # The message is next to the field it is about.
    assert diary.locator("input[name=date]").get_attribute("aria-describedby") == date_error.get_attribute("id")
    # What was typed is kept, so nothing needs doing again.
    assert diary.locator("input[name=pain]:checked").get_attribute("value") == "5"


@pytest.mark.parametrize("language", LANGUAGES)
def test_delete_one_entry_and_undo(page, base_url, language):
    diary = open_diary(page, base_url, language)
    now = today(page)
    for days_ago, pain in ((4, 2), (2, 3), (0, 4)):
        add(diary, day=now - timedelta(days=days_ago), pain=pain)
    assert rows(diary).count() == 3
    rows(diary).nth(1).locator("[data-pain-diary-delete]").click()
    assert rows(diary).count() == 2
    assert [entry["pain"] for entry in stored(page)["entries"]] == [2, 4]
    status = diary.locator("[data-pain-diary-status]")
    assert texts(language)["deleted"].split("{date}")[0] in status.inner_text()
    # The keyboard stays in the table: on the undo in the deleted row's place (not on the next
    # row's delete button; tests/test_diary_phone.py has the rest).
    undo_row = diary.locator(f'[data-pain-diary-table] tr[data-deleted="{(now - timedelta(days=2)).isoformat()}"]')
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-undo')")
    undo_row.get_by_role("button", name=texts(language)["undo"]).click()
    assert rows(diary).count() == 3
    assert [entry["pain"] for entry in stored(page)["entries"]] == [2, 3, 4]


@pytest.mark.parametrize("language", LANGUAGES)
def test_export_downloads_the_diary_as_csv(page, base_url, language):
    diary = open_diary(page, base_url, language)
    now = today(page)
    add(diary, day=now - timedelta(days=3), pain=2, morning="less", activity='Wandeling; 20 min "rustig"')
    add(diary, day=now - timedelta(days=1), pain=6, morning="more", activity="=1+1")
    add(diary, day=now, pain=1)
    with page.expect_download() as info:
        diary.locator("[data-pain-diary-export]").click()
    download = info.value
    assert download.suggested_filename == f"{texts(language)['csv_file']}-{now.isoformat()}.csv"
    content = open(download.path(), encoding="utf-8").read()
    assert content.startswith("\ufeff")  # spreadsheets then read the accents right
    table = list(csv.reader(io.StringIO(content[1:], newline=""), delimiter=texts(language)["csv_separator"]))
    words = RULES.texts[language]
    assert table == [
        [texts(language)[name] for name in ("col_date", "col_activity", "col_pain", "col_morning")],
        [(now - timedelta(days=3)).isoformat(), 'Wandeling; 20 min "rustig"', "2", words["next_day_less"]],
        [(now - timedelta(days=1)).isoformat(), "'=1+1", "6", words["next_day_more"]],  # never a formula
        [now.isoformat(), "", "1", ""],
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_delete_everything_asks_first(page, base_url, language):
    diary = open_diary(page, base_url, language)
    add(diary, pain=2)
    add(diary, day=today(page) - timedelta(days=1), pain=3)
    clear = diary.locator("[data-pain-diary-clear]")
    confirm = diary.locator("[data-pain-diary-confirm]")
    assert not confirm.is_visible()
    clear.click()
    assert confirm.is_visible() and clear.get_attribute("aria-expanded") == "true"
    assert texts(language)["clear_question"] in confirm.inner_text()
    # "No" is where the keyboard is: a stray Enter keeps the diary.
    page.keyboard.press("Enter")
    assert not confirm.is_visible() and rows(diary).count() == 2
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-clear')")
    clear.click()
    confirm.get_by_role("button", name=texts(language)["clear_yes"]).click()
    assert rows(diary).count() == 0 and stored(page) is None
    assert advice(diary) == ("", "")
    assert diary.locator("[data-pain-diary-status]").inner_text() == texts(language)["cleared"]
    assert not diary.locator("[data-pain-diary-entries]").is_visible()


# Every script error on the page: the diary's, and the theme's (its inline script in every
# page's head reads localStorage too; overrides/partials/javascripts/base.html keeps it quiet).
PAGE_ERRORS = """window.pageErrors = [];
window.addEventListener("error", event => window.pageErrors.push(`${event.filename}: ${event.message}`));"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_storage_blocked_works_for_the_visit_and_says_so(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, accept_downloads=True)
    context.add_init_script(PAGE_ERRORS)
    context.add_init_script(BLOCKED)
    page = context.new_page()
    diary = open_diary(page, base_url, language)
    notice = diary.locator("[data-pain-diary-storage]")
    assert notice.is_visible() and notice.inner_text() == texts(language)["storage_off"]
    add(diary, pain=LIMIT + 2, morning="more")
    assert rows(diary).count() == 1 and advice(diary) == ("adjust", "pain_above_limit next_day_worse")
    with page.expect_download() as info:  # the way to keep them: download
        diary.locator("[data-pain-diary-export]").click()
    assert str(LIMIT + 2) in open(info.value.path(), encoding="utf-8").read()
    page.reload()
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    assert rows(diary).count() == 0 and notice.is_visible()
    assert page.evaluate("window.pageErrors") == []
    context.close()


def test_storage_full_keeps_the_entries_for_the_visit_and_says_so(context, base_url):
    page = context.new_page()
    diary = open_diary(page, base_url, "nl")
    add(diary, pain=2)
    page.evaluate(f"() => {{ {FULL} }}")
    notice = diary.locator("[data-pain-diary-storage]")
    assert not notice.is_visible()
    add(diary, day=today(page) - timedelta(days=1), pain=3)
    assert notice.is_visible() and rows(diary).count() == 2
    assert len(stored(page)["entries"]) == 1  # what was kept before stays kept


@pytest.mark.parametrize(("value", "readable"), [
    ("{this is not json", 0),
    (json.dumps({"version": 99, "entries": [{"date": "2026-11-01", "pain": 3}]}), 0),  # a newer site's
    (json.dumps([{"date": "2026-11-01", "pain": 3}]), 0),  # no version
    (json.dumps({"version": 1, "entries": [{"date": "2026-11-01", "pain": 3, "morning": "less", "activity": ""},
                                           {"date": "2026-11-02", "pain": 12},
                                           {"date": "2026-11-01", "pain": 5}]}), 1),
], ids=["not-json", "newer-version", "no-version", "one-good-entry"])
def test_what_cannot_be_read_is_offered_for_download_and_never_lost(page, base_url, value, readable):
    page.goto(base_url + PAGES["nl"])
    put(page, value)
    diary = open_diary(page, base_url, "nl")
    notice = diary.locator("[data-pain-diary-damaged]")
    assert notice.is_visible() and texts("nl")["damaged"] in notice.inner_text()
    assert rows(diary).count() == readable
    # Kept apart before anything else is stored.
    assert json.loads(page.evaluate(f"() => localStorage.getItem({APART!r})")) == [value]
    with page.expect_download() as info:
        notice.get_by_role("link", name=texts("nl")["damaged_download"]).click()
    assert open(info.value.path(), encoding="utf-8").read() == value
    # The diary goes on; the unreadable part is still offered on the next visit.
    add(diary, pain=1)
    assert len(stored(page)["entries"]) == readable + 1
    page.reload()
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    assert notice.is_visible() and rows(diary).count() == readable + 1
    # Until the patient throws it away.
    notice.get_by_role("button", name=texts("nl")["damaged_discard"]).click()
    assert not notice.is_visible()
    assert page.evaluate(f"() => localStorage.getItem({APART!r})") is None
    page.reload()
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    assert not notice.is_visible()


def test_damaged_data_with_storage_full_is_not_overwritten(context, base_url):
    page = context.new_page()
    page.goto(base_url + PAGES["nl"])
    put(page, "{damaged")
    context.add_init_script(FULL)
    diary = open_diary(page, base_url, "nl")
    assert diary.locator("[data-pain-diary-damaged]").is_visible()
    add(diary, pain=2)
    assert rows(diary).count() == 1 and diary.locator("[data-pain-diary-storage]").is_visible()
    assert page.evaluate(f"() => localStorage.getItem({KEY!r})") == "{damaged"


def test_no_request_leaves_the_page_while_using_the_diary(page, base_url):
    diary = open_diary(page, base_url, "nl")
    page.wait_for_function(PAGE_SETTLED)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    now = today(page)
    add(diary, day=now - timedelta(days=1), pain=3)
    add(diary, pain=5, activity="Fietsen")
    rows(diary).first.locator("[data-pain-diary-edit]").click()
    diary.locator("label:has(input[name=morning][value=same])").click()
    diary.locator("[data-pain-diary-submit]").click()
    with page.expect_download():
        diary.locator("[data-pain-diary-export]").click()
    rows(diary).first.locator("[data-pain-diary-delete]").click()
    diary.locator("[data-pain-diary-clear]").click()
    diary.locator("[data-pain-diary-clear-confirm]").click()
    assert rows(diary).count() == 0
    assert [url for url in requests if not url.startswith(("blob:", "data:"))] == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_keyboard_only(page, base_url, language):
    diary = open_diary(page, base_url, language)
    diary.locator("input[name=date]").focus()
    for _ in range(5):  # the date's day, month and year take a Tab each
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") != "date":
            break
    assert page.evaluate("document.activeElement.name") == "activity"
    page.keyboard.type("Oefeningen")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "pain"
    for _ in range(3):
        page.keyboard.press("ArrowRight")  # 0 -> 3
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "morning"
    page.keyboard.press("Space")  # less
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-submit')")
    page.keyboard.press("Enter")
    assert rows(diary).count() == 1 and advice(diary) == ("continue", "")
    assert stored(page)["entries"][0] | {"date": ""} == {"date": "", "pain": 3, "morning": "less",
                                                          "activity": "Oefeningen"}
    # The form is ready for the next entry (its heading has the keyboard); on to the row's
    # buttons: change, then delete.
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-form-heading')")
    for _ in range(16):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-pain-diary-edit')"):
            break
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-edit')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-form-heading')")
    for _ in range(8):  # through the form to its Cancel button
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.hasAttribute('data-pain-diary-cancel')"):
            break
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-edit')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-delete')")
    page.keyboard.press("Enter")
    assert rows(diary).count() == 0
    # Undo is where the keyboard is.
    assert page.evaluate("document.activeElement.hasAttribute('data-pain-diary-undo')")
    page.keyboard.press("Enter")
    assert rows(diary).count() == 1 and len(stored(page)["entries"]) == 1


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
def test_every_target_is_at_least_44_px(context, base_url, viewport):
    page = context.new_page()
    page.set_viewport_size(viewport)
    page.goto(base_url + PAGES["en"])
    put(page, diary_of([{"date": "2026-11-01", "pain": 3, "morning": None, "activity": "Fietsen"}]))
    diary = open_diary(page, base_url, "en")
    diary.locator("[data-pain-diary-clear]").click()
    targets = diary.locator("[data-pain-diary-form] label:has(input[type=radio]), [data-pain-diary-form] input"
                            ":not([type=radio]), [data-pain-diary] button")
    small = []
    for target in targets.all():
        if target.is_visible():
            box = target.bounding_box()
            if box["width"] < 44 or box["height"] < 44:
                small.append((target.evaluate("e => e.outerHTML.slice(0, 80)"), box))
    assert small == []
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    table = diary.locator(".pain-diary__table-wrap").first
    assert table.evaluate("e => e.scrollWidth <= e.clientWidth")


def test_on_a_slow_phone_the_first_tap_is_kept(context, base_url):
    page = context.new_page()
    slow_cpu(page)
    page.goto(base_url + PAGES["nl"], wait_until="domcontentloaded")
    diary = page.locator("[data-pain-diary]")
    # The form shows once the script is ready for it: a tap as soon as it shows counts.
    diary.locator("[data-pain-diary-form]").wait_for(state="visible")
    diary.locator("label:has(input[name=pain][value='2'])").click()
    diary.locator("[data-pain-diary-submit]").click()
    page.wait_for_function("document.querySelector('[data-pain-diary-advice]').dataset.level === 'continue'")
    assert rows(diary).count() == 1
    assert diary.locator("[data-pain-diary-chart] svg circle").count() == 1


def three_weeks(now: date) -> list[dict]:
    """Three weeks of entries, getting worse: every level of detail the table and chart show."""
    pains = [2, 3, 2, 3, 3, 2, 3, 4, 3, 3, 4, 3, 4, 5, 4, 4, 5, 4, 5, 6, 5]
    entries = []
    for index, pain in enumerate(pains):
        if index % 3 == 1:
            continue
        entries.append({"date": (now - timedelta(days=20 - index)).isoformat(), "pain": pain,
                        "morning": None if index == 20 else ("less", "same", "more")[index % 3],
                        "activity": ("Oefeningen", "Wandeling", "Traplopen")[index % 3]})
    return entries


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_chart_and_the_table_show_every_entry(page, base_url, language):
    page.goto(base_url + PAGES[language])
    entries = three_weeks(today(page))
    put(page, diary_of(entries))
    diary = open_diary(page, base_url, language)
    assert rows(diary).count() == len(entries)
    # Oldest first.
    assert [row.get_attribute("data-date") for row in rows(diary).all()] == [e["date"] for e in entries]
    svg = diary.locator("[data-pain-diary-chart] svg")
    title = svg.locator("title").text_content()
    assert str(len(entries)) in title
    assert svg.get_attribute("role") == "img"
    worse = [e for e in entries if e["morning"] == "more"]
    assert svg.locator(".pain-diary__mark--worse").count() == len(worse)
    assert svg.locator(".pain-diary__mark").count() == len(entries)
    assert svg.locator(".pain-diary__limit").count() == 1
    expected = diary_advice([Entry(date.fromisoformat(e["date"]), e["pain"], e["morning"]) for e in entries], DIARY)
    assert expected.level == "contact" and {"worsening", "not_improving"} <= set(expected.reasons)
    assert advice(diary) == (expected.level, " ".join(expected.reasons))
    means = diary.locator("[data-pain-diary-means]")
    assert means.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_print_shows_the_table_the_chart_the_address_and_the_date(page, base_url, language):
    page.goto(base_url + PAGES[language])
    now = today(page)
    put(page, diary_of(three_weeks(now)))
    diary = open_diary(page, base_url, language)
    page.emulate_media(media="print")
    assert not diary.locator("[data-pain-diary-form]").is_visible()
    assert not diary.locator("[data-pain-diary-export]").is_visible()
    assert not diary.locator("[data-pain-diary-delete]").first.is_visible()
    assert diary.locator("[data-pain-diary-table]").is_visible()
    assert diary.locator("[data-pain-diary-chart] svg").is_visible()
    assert not diary.locator("[data-pain-diary-blank]").is_visible()
    assert page.locator(".print-url").is_visible()
    printed = diary.locator("[data-pain-diary-printed]")
    assert printed.is_visible()
    long_date = page.evaluate(f"() => new Intl.DateTimeFormat({(DIARY_LOCALE[language])!r}, "
                              "{day: 'numeric', month: 'long', year: 'numeric'}).format(new Date())")
    assert printed.inner_text() == texts(language)["printed"].replace("{date}", long_date)
    # An empty diary prints the blank one to fill in by hand.
    page.emulate_media(media="screen")
    diary.locator("[data-pain-diary-clear]").click()
    diary.locator("[data-pain-diary-clear-confirm]").click()
    page.emulate_media(media="print")
    assert diary.locator("[data-pain-diary-blank] table").first.is_visible()
    assert not diary.locator("[data-pain-diary-advice]").is_visible()


DIARY_LOCALE = {"nl": "nl-NL", "en": "en-GB"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_a_blank_diary_to_print(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES[language])
    diary = page.locator("[data-pain-diary]")
    assert not diary.locator("[data-pain-diary-form]").is_visible()
    assert diary.locator("[data-pain-diary-blank] table").count() == 4
    assert diary.locator("[data-pain-diary-blank] tbody tr td:first-child").count() == 28
    assert diary.locator(".pain-diary__rule").is_visible()
    context.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["390px", "1280px"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_axe_finds_nothing_with_entries_present(browser, base_url, language, viewport):
    """axe on the diary (the rest of the page, the same with entries or none, is the crawls':
    tests/test_every_page.py)."""
    from axe_playwright_python.sync_playwright import Axe

    context = browser.new_context(viewport=viewport)
    page = context.new_page()
    page.goto(base_url + PAGES[language])
    put(page, diary_of(three_weeks(today(page))))
    diary = open_diary(page, base_url, language)
    page.wait_for_function(PAGE_SETTLED)
    axe = Axe()
    page.wait_for_function(STILL)
    results = axe.run(page, context="[data-pain-diary]")
    assert results.violations_count == 0, results.generate_report()
    # With messages next to the fields, a status with an undo button, and the question before
    # deleting everything.
    add(diary, day=today(page), pain=None)
    rows(diary).first.locator("[data-pain-diary-delete]").click()
    diary.locator("[data-pain-diary-clear]").click()
    page.wait_for_function(STILL)  # the undo button takes its colour in a transition
    results = axe.run(page, context="[data-pain-diary]")
    context.close()
    assert results.violations_count == 0, results.generate_report()


# The same advice in the browser as in Python ----------------------------------------------

DAY_ONE = date(2026, 3, 1)


def boundary_cases() -> list[list[tuple[int, int, str | None]]]:
    """(day, pain, morning) diaries at each reason's boundary (as in test_pain_diary_rules.py)."""
    return [
        [(1, 2, None), (3, 2, None), (8, 3, None), (14, 3, None)],  # exactly 1 point higher
        [(1, 2, None), (2, 2, None), (3, 3, None), (8, 3, None), (9, 3, None), (14, 4, None)],  # 10/3 - 7/3
        [(1, 2, None), (2, 2, None), (3, 3, None), (8, 3, None), (9, 3, None), (14, 3, None)],
        [(1, 0, None), (8, 4, None), (14, 4, None)],  # one entry in the earlier window
        [(1, 3, None), (3, 3, None), (20, 3, None)],  # 20 days
        [(1, 3, None), (3, 3, None), (21, 3, None)],  # 21 days
        [(1, 3, None), (2, 4, None), (19, 3, None), (20, 4, None), (21, 3, None)],
        [(1, LIMIT, "same")], [(1, LIMIT + 1, "less")], [(1, 1, "more")], [(1, 1, "more"), (2, 1, None)],
        # The last week's mean at, and just above, the not-improving threshold (2 out of 10).
        [(1, 2, None), (3, 2, None), (21, 2, None)], [(1, 2, None), (19, 2, None), (20, 2, None), (21, 3, None)],
        [(1, 0, None), (8, 0, None), (15, 0, None), (21, 0, None)],
        # Just below, at and above the score from which to stop the exercise for today.
        [(1, SEVERE - 1, None)], [(1, SEVERE, None)], [(1, 10, "more")],
    ]


def random_cases(count: int) -> list[list[tuple[int, int, str | None]]]:
    chance = random.Random(15)
    cases = []
    for _ in range(count):
        days = sorted(chance.sample(range(1, chance.choice((10, 25, 40)) + 1), chance.randint(1, 9)))
        base = chance.randint(0, 6)
        cases.append([(day, max(0, min(10, base + chance.randint(-2, 3) + day // 10)),
                       chance.choice((None, "less", "same", "more"))) for day in days])
    return cases


# What the browser tells an open page when another tab has written the diary's store: the page
# reads the store again as it does when it opens (test_a_change_in_the_other_languages_tab_shows_at_once
# has two real tabs).
ANOTHER_TAB_WROTE = f"""() => window.dispatchEvent(new StorageEvent("storage",
  {{key: {KEY!r}, newValue: localStorage.getItem({KEY!r}), storageArea: localStorage}}))"""


def test_the_page_gives_the_python_rules_advice(page, base_url):
    """Each diary once as the page opens with it (the first) and the others as another tab
    writes them: one page load instead of one per diary."""
    page.goto(base_url + PAGES["en"])
    diary = page.locator("[data-pain-diary]")
    mismatches = []
    for number, case in enumerate(boundary_cases() + random_cases(40)):
        entries = [Entry(DAY_ONE + timedelta(days=day - 1), pain, morning) for day, pain, morning in case]
        stored_diary = diary_of([{"date": e.day.isoformat(), "pain": e.pain, "morning": e.morning, "activity": ""}
                                 for e in entries])
        put(page, stored_diary)
        if number == 0:
            page.reload()
            diary.locator("[data-pain-diary-form]").wait_for(state="visible")
        else:
            page.evaluate(ANOTHER_TAB_WROTE)
        expected = diary_advice(entries, DIARY)
        got = advice(diary)
        if got != (expected.level, " ".join(expected.reasons)):
            mismatches.append((case, got, expected))
    assert mismatches == []
