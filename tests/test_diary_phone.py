"""The pain diary on a phone (issue 25): 390 px wide, touch, the processor slowed down, as a
62-year-old patient used it. Deleting an entry offers its undo where the finger is; the form is
one tap away, fits the screen and comes back into view after saving; without JavaScript the
blank diary says how to print it."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.diary_rules import load_pain_diary
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.tools.site_tools import PHONE, ROOT
from support.site import LANGUAGES

pytestmark = pytest.mark.browser

SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
DIARY = load_pain_diary(ROOT / "data" / "pain_diary.yml", LANGUAGES, RULES)
KEY = "heuppijn.pain-diary"
PAGES = {"nl": "pijndagboek/", "en": "en/pain-diary/"}
# The theme's sticky header: what is under it cannot be seen.
HEADER = "() => document.querySelector('.md-header').getBoundingClientRect().bottom"


def texts(language: str) -> dict[str, str]:
    return DIARY.texts[language]


def open_diary(page, base_url, language, entries=None):
    """The diary's page; with `entries`, as a patient who kept them on an earlier visit."""
    page.goto(base_url + PAGES[language])
    if entries is not None:
        page.evaluate(f"value => localStorage.setItem({KEY!r}, value)",
                      json.dumps({"version": 1, "entries": entries}))
        page.reload()
    diary = page.locator("[data-pain-diary]")
    expect(diary.locator("[data-pain-diary-form]")).to_be_visible()
    return diary


def stored(page) -> list[dict]:
    raw = page.evaluate(f"() => localStorage.getItem({KEY!r})")
    return json.loads(raw)["entries"] if raw is not None else []


def in_view(page, locator) -> bool:
    """Wholly on the screen, below the sticky header."""
    box = locator.bounding_box()
    return box is not None and box["y"] >= page.evaluate(HEADER) - 1 and box["y"] + box["height"] <= PHONE["height"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_undo_is_where_the_deleted_row_was(slow_phone, base_url, language):
    page = slow_phone
    first = date.today() - timedelta(days=6)
    entries = [{"date": (first + timedelta(days=n)).isoformat(), "pain": pain, "morning": morning, "activity": activity}
               for n, pain, morning, activity in ((0, 2, "less", "Oefeningen"), (1, 5, "more", "Lange wandeling"),
                                                  (2, 3, None, ""), (3, 4, "same", "Fietsen"))]
    diary = open_diary(page, base_url, language, entries)
    table = diary.locator("[data-pain-diary-table] tbody")
    second, third = (table.locator(f'tr[data-date="{entries[n]["date"]}"]') for n in (1, 2))
    delete = second.locator("[data-pain-diary-delete]")
    delete.scroll_into_view_if_needed()
    day = second.locator(".pain-diary__day").inner_text()
    tapped = delete.bounding_box()
    delete.tap()

    # In the row's place: what happened, and Undo, under the finger that tapped delete.
    undo_row = table.locator(f'tr[data-deleted="{entries[1]["date"]}"]')
    expect(undo_row).to_be_visible()
    expect(undo_row).to_contain_text(texts(language)["deleted"].replace("{date}", day))
    assert [row.get_attribute("data-date") or row.get_attribute("data-deleted")
            for row in table.locator("tr").all()] == [entry["date"] for entry in entries]
    undo = undo_row.get_by_role("button", name=texts(language)["undo"])
    box = undo.bounding_box()
    assert box["y"] < tapped["y"] + tapped["height"] and tapped["y"] < box["y"] + box["height"]
    assert in_view(page, undo)
    # The keyboard is on Undo, not on the next row's delete button; a screen reader hears it.
    expect(undo).to_be_focused()
    assert page.evaluate("document.activeElement.getAttribute('aria-describedby')") == \
        undo_row.locator("span").get_attribute("id")
    status = diary.locator("[data-pain-diary-status]")
    assert status.get_attribute("role") == "status"
    expect(status).to_contain_text(texts(language)["deleted"].split("{date}")[0].strip())
    assert stored(page) == [entries[n] for n in (0, 2, 3)]

    # Another delete: the first undo stays in its place, nothing moves up under the finger.
    third.locator("[data-pain-diary-delete]").tap()
    expect(table.locator(f'tr[data-deleted="{entries[2]["date"]}"] button')).to_be_focused()
    expect(undo_row).to_be_visible()
    assert stored(page) == [entries[n] for n in (0, 3)]

    # Back, by keyboard: exactly as it was, also in storage, and the keyboard on its row.
    undo.focus()
    page.keyboard.press("Enter")
    expect(second).to_be_visible()
    expect(undo_row).to_have_count(0)
    expect(second.locator("[data-pain-diary-delete]")).to_be_focused()
    expect(status).to_contain_text(texts(language)["restored"].split("{date}")[0].strip())
    assert stored(page) == [entries[n] for n in (0, 1, 3)]
    assert RULES.texts[language]["next_day_more"] in second.inner_text() and "Lange wandeling" in second.inner_text()
    # After a reload the deleted one is gone and the restored one is there.
    page.reload()
    expect(diary.locator("[data-pain-diary-table] tbody tr")).to_have_count(3)
    assert stored(page) == [entries[n] for n in (0, 1, 3)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_undo_of_the_last_entry_stays_on_screen(slow_phone, base_url, language):
    page = slow_phone
    entry = {"date": (date.today() - timedelta(days=1)).isoformat(), "pain": 6, "morning": "same", "activity": "Tuin"}
    diary = open_diary(page, base_url, language, [entry])
    diary.locator("[data-pain-diary-delete]").tap()
    undo = diary.locator("[data-pain-diary-table]").get_by_role("button", name=texts(language)["undo"])
    expect(undo).to_be_focused()
    assert in_view(page, undo) and stored(page) == []
    undo.tap()
    expect(diary.locator("[data-pain-diary-table] tbody tr[data-date]")).to_have_count(1)
    assert stored(page) == [entry]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_form_is_one_tap_away_fits_the_screen_and_comes_back_after_saving(slow_phone, base_url, language):
    page = slow_phone
    diary = open_diary(page, base_url, language)
    form = diary.locator("[data-pain-diary-form]")
    heading = form.locator("[data-pain-diary-form-heading]")
    save = form.locator("[data-pain-diary-submit]")
    assert not in_view(page, heading)  # a few screens down
    # At the top of the page: straight to a new entry.
    jump = page.get_by_role("link", name=texts(language)["jump"], exact=True)
    assert in_view(page, jump)
    jump.tap()
    page.wait_for_function(f"() => {{ const top = document.querySelector('[data-pain-diary-form-heading]')"
                           f".getBoundingClientRect().top; return top >= ({HEADER})() && top < 200; }}")
    # The whole form on one screen, from its heading to its Save button; the three answers about
    # the next morning side by side.
    assert in_view(page, heading) and in_view(page, save)
    tops = {round(option.bounding_box()["y"]) for option in form.locator(".pain-diary__morning label").all()}
    assert len(tops) == 1
    form.locator("label:has(input[name=pain][value='3'])").tap()
    form.locator("label:has(input[name=morning][value=less])").tap()
    # The patient scrolls down a little, as they do to reach the button, and saves.
    page.evaluate("window.scrollBy(0, 300)")
    page.wait_for_function(f"() => document.querySelector('[data-pain-diary-form-heading]').getBoundingClientRect().top"
                           f" < ({HEADER})()")
    save.tap()
    # The form, empty again, back in view with what happened under its heading.
    status = form.locator("[data-pain-diary-status]")
    expect(status).to_contain_text(texts(language)["saved"].split("{date}")[0].strip())
    page.wait_for_function(f"() => document.querySelector('[data-pain-diary-form-heading]').getBoundingClientRect().top"
                           f" >= ({HEADER})()")
    assert in_view(page, heading) and in_view(page, status)
    expect(heading).to_be_focused()
    expect(form.locator("input[name=pain]:checked")).to_have_count(0)
    expect(diary.locator("[data-pain-diary-table] tbody tr")).to_have_count(1)
    assert [entry["pain"] for entry in stored(page)] == [3]


@pytest.mark.parametrize("language", LANGUAGES)
def test_without_javascript_the_blank_diary_says_how_to_print_it(browser, base_url, language):
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=True, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGES[language])
    # The link at the top leads to the blank diary; there, how to print it.
    page.get_by_role("link", name=texts(language)["jump"], exact=True).tap()
    hint = page.locator("[data-pain-diary-print-hint]")
    expect(hint).to_have_text(texts(language)["print_hint"])
    expect(hint).to_be_in_viewport()
    assert in_view(page, hint)
    # Not on the paper itself, which has the four weeks to fill in.
    page.emulate_media(media="print")
    expect(hint).to_be_hidden()
    expect(page.locator("[data-pain-diary-blank] table")).to_have_count(4)
    expect(page.locator("[data-pain-diary-blank] table").first).to_be_visible()
    context.close()
