"""The pain diary's advice, without a browser: each reason fires exactly at its boundary (1 point
higher, 20 against 21 days, one entry too few in a window), the most serious level wins, the form
never stores half an entry, and the diary's file is checked."""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.diary_rules import (
    DIARY_REASONS,
    PAGE_TEXTS,
    SCRIPT_TEXTS,
    DiaryError,
    load_pain_diary,
    page_data,
)
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.tools.site_tools import ROOT
from support.diary_oracle import Entry, diary_advice, diary_reasons, entry_problems, span_days, windows
from support.site import LANGUAGES

DIARY_FILE = ROOT / "data" / "pain_diary.yml"
SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
DIARY = load_pain_diary(DIARY_FILE, LANGUAGES, RULES)
RULE = DIARY.rule
LIMIT = RULES.pain_limit
DAY_ONE = date(2026, 3, 1)


def day(number: int) -> date:
    """Day 1 is DAY_ONE, day 21 three weeks later."""
    return DAY_ONE + timedelta(days=number - 1)


def diary(*pains: tuple[int, int] | tuple[int, int, str]) -> list[Entry]:
    """Entries from (day, pain) or (day, pain, morning)."""
    return [Entry(day(item[0]), item[1], item[2] if len(item) > 2 else None) for item in pains]


def advice(entries):
    result = diary_advice(entries, DIARY)
    return (result.level, result.reasons) if result else None


def weekly(entries):
    """The reasons over the weeks only: whatever the limit, the pain in these diaries is then
    beside the point (a clinic may set another limit)."""
    return tuple(reason for reason in diary_reasons(entries, RULE, RULES) if reason in ("worsening", "not_improving"))


def test_the_numbers_come_from_the_data():
    data = yaml.safe_load(DIARY_FILE.read_text(encoding="utf-8"))["rule"]
    assert dataclasses.asdict(RULE) == data
    # What the issue describes: weeks of 7 days, 1 point, 2 entries a week, 21 days.
    assert (RULE.window_days, RULE.worsening_points, RULE.window_entries, RULE.not_improving_days) == (7, 1, 2, 21)


def test_an_empty_diary_gives_no_advice():
    assert advice([]) is None
    assert diary_reasons([], RULE, RULES) == ()


def test_one_calm_entry_says_carry_on():
    assert advice(diary((1, LIMIT, "same"))) == ("continue", ())


def test_pain_above_the_limit_in_the_latest_entry_only():
    assert advice(diary((1, LIMIT))) == ("continue", ())
    assert advice(diary((1, LIMIT + 1))) == ("adjust", ("pain_above_limit",))
    # An earlier entry above the limit no longer counts once a later one is within it.
    assert advice(diary((1, LIMIT + 3), (2, LIMIT))) == ("continue", ())
    # The order they were written in does not matter: the latest date is the latest entry.
    assert advice(list(reversed(diary((1, 1), (2, LIMIT + 1))))) == ("adjust", ("pain_above_limit",))


def test_a_worse_morning_in_the_latest_entry_only():
    assert advice(diary((1, 2, "more"))) == ("adjust", ("next_day_worse",))
    assert advice(diary((1, 2, "same"))) == ("continue", ())
    assert advice(diary((1, 2, "more"), (2, 2, "less"))) == ("continue", ())
    # Not answered yet: no reason, until it is.
    assert advice(diary((1, 2, "more"), (2, 2))) == ("continue", ())


def test_worsening_at_exactly_one_point_higher():
    # The 7 days ending on day 14 (days 8–14) against days 1–7.
    assert weekly(diary((1, 2), (3, 2), (8, 3), (14, 3))) == ("worsening",)
    # Under 1 point: 2.5 against 5/3 (0.83 higher).
    assert weekly(diary((1, 2), (2, 2), (3, 1), (8, 3), (14, 2))) == ()
    # Exactly 1 point with means that are not whole numbers: 10/3 against 7/3.
    assert weekly(diary((1, 2), (2, 2), (3, 3), (8, 3), (9, 3), (14, 4))) == ("worsening",)
    assert weekly(diary((1, 2), (2, 2), (3, 3), (8, 3), (9, 3), (14, 3))) == ()


def test_worsening_needs_two_entries_in_each_window():
    # One entry in the earlier week: no mean to compare with, however much higher.
    assert weekly(diary((1, 0), (8, 4), (14, 4))) == ()
    # One entry in the last week: the same.
    assert weekly(diary((1, 0), (2, 0), (14, 4))) == ()
    assert weekly(diary((1, 0), (2, 0), (13, 4), (14, 4))) == ("worsening",)


def test_the_windows_are_the_7_days_ending_on_the_latest_entry_and_the_7_before():
    entries = diary((1, 1), (7, 2), (8, 3), (14, 4), (15, 5))
    scores = windows(entries, RULE)
    assert scores == {"recent": [4, 5], "before": [2, 3], "first": [1, 2]}
    # An entry 14 days before the latest is outside both windows.
    assert windows(diary((1, 9), (2, 1), (3, 1), (14, 3), (15, 3)), RULE)["before"] == [1, 1]


def test_worsening_compares_weeks_not_the_day_it_is_now():
    # A gap: the windows end on the latest entry's date, whenever the diary is looked at.
    entries = diary((1, 1), (2, 1), (40, 2), (41, 3))
    assert windows(entries, RULE)["before"] == []
    assert weekly(entries) == ("not_improving",)


def test_not_improving_at_20_against_21_days():
    # Days 1 and 20 span 20 days; days 1 and 21 span 21 (both days counted).
    assert span_days(diary((1, 3), (20, 3))) == 20
    assert span_days(diary((1, 3), (21, 3))) == 21
    assert weekly(diary((1, 3), (3, 3), (20, 3))) == ()
    assert weekly(diary((1, 3), (3, 3), (21, 3))) == ("not_improving",)


def test_not_improving_means_the_last_week_is_not_lower_than_the_first():
    assert weekly(diary((1, 3), (3, 3), (21, 2))) == ()  # lower: improving
    assert weekly(diary((1, 3), (3, 3), (21, 4))) == ("not_improving",)  # higher
    # Means, not single days: first week 3 and 4 (3.5), last week 4 and 3 (3.5): not lower.
    assert weekly(diary((1, 3), (2, 4), (20, 4), (21, 3))) == ("not_improving",)
    # 3.5 against 3.33: lower, so improving.
    assert weekly(diary((1, 3), (2, 4), (19, 3), (20, 4), (21, 3))) == ()


def test_not_improving_only_while_the_last_week_averages_above_the_threshold():
    above = RULE.not_improving_above
    assert above == 2  # what the issue asks: above 2 out of 10
    # Three weeks at 0 out of 10: nothing to get in touch about.
    assert weekly(diary((1, 0), (8, 0), (15, 0), (21, 0))) == ()
    # Last week's mean exactly at the threshold: not yet; just above it (2.5): get in touch.
    assert weekly(diary((1, above), (3, above), (21, above))) == ()
    assert weekly(diary((1, above), (3, above), (20, above), (21, above + 1))) == ("not_improving",)
    # Means with fractions at the boundary: 7/3 is above 2, 6/3 is not.
    assert weekly(diary((1, 2), (19, 2), (20, 2), (21, 3))) == ("not_improving",)
    assert weekly(diary((1, 2), (19, 1), (20, 2), (21, 3))) == ()


def test_severe_pain_in_the_latest_entry_means_stop_this_exercise_today():
    severe = RULES.severe_pain_from
    assert advice(diary((1, severe))) == ("stop", ("pain_severe", "pain_above_limit"))
    assert advice(diary((1, 10))) == ("stop", ("pain_severe", "pain_above_limit"))
    assert advice(diary((1, severe - 1))) == ("adjust", ("pain_above_limit",))
    # Only the latest entry counts, as for the limit.
    assert advice(diary((1, 10), (2, 2))) == ("continue", ())
    for language in LANGUAGES:
        assert f" {severe} " in DIARY.when[language]["pain_severe"]


def test_the_most_serious_level_wins_and_every_reason_is_listed():
    entries = diary((1, 2), (2, 2), (8, 2), (9, 2), (15, LIMIT + 1), (21, LIMIT + 1, "more"))
    assert advice(entries) == ("contact", ("worsening", "not_improving", "pain_above_limit", "next_day_worse"))
    assert advice(diary((1, 3), (21, LIMIT + 1))) == ("contact", ("not_improving", "pain_above_limit"))
    assert advice(diary((1, 0), (2, 0), (13, 1), (14, 1))) == ("contact", ("worsening",))
    assert advice(diary((1, 1), (2, LIMIT + 1, "more"))) == ("adjust", ("pain_above_limit", "next_day_worse"))


def test_the_levels_are_the_checkers():
    # Getting worse or not better: contact (the warning signs' level); the session: adjust.
    assert {reason: RULES.reason_levels[reason] for reason in DIARY_REASONS} == {
        "worsening": "contact", "not_improving": "contact", "pain_severe": "stop", "pain_above_limit": "adjust",
        "next_day_worse": "adjust"}


def test_one_entry_per_date():
    with pytest.raises(DiaryError, match="2026-03-02"):
        diary_reasons(diary((1, 2), (2, 2), (2, 3)), RULE, RULES)


def test_the_form_never_stores_half_an_entry():
    today = day(10)
    existing = [day(3), day(5)]
    assert entry_problems(day(10).isoformat(), "3", existing, today) == {}
    assert entry_problems("", "3", existing, today) == {"date": "date_missing"}
    assert entry_problems("2026-02-30", "3", existing, today) == {"date": "date_missing"}
    assert entry_problems("1-3-2026", "3", existing, today) == {"date": "date_missing"}
    # Tomorrow has not happened yet; today has.
    assert entry_problems(day(11).isoformat(), "3", existing, today) == {"date": "date_future"}
    # A date that has an entry: change that one instead …
    assert entry_problems(day(5).isoformat(), "3", existing, today) == {"date": "date_taken"}
    # … unless it is the entry being changed.
    assert entry_problems(day(5).isoformat(), "3", existing, today, editing=day(5)) == {}
    assert entry_problems(day(3).isoformat(), "3", existing, today, editing=day(5)) == {"date": "date_taken"}
    # No pain score, or one off the scale.
    for pain in (None, "", "11", "-1", "2.5"):
        assert entry_problems(day(4).isoformat(), pain, existing, today) == {"pain": "pain_missing"}
    assert entry_problems("", None, existing, today) == {"date": "date_missing", "pain": "pain_missing"}


def test_the_page_gets_the_rule_and_the_checkers_words():
    for language in LANGUAGES:
        data = page_data(DIARY, language)
        assert data["limit"] == LIMIT
        assert data["rule"] == {"windowDays": 7, "worseningPoints": 1, "windowEntries": 2, "notImprovingDays": 21,
                                "notImprovingAbove": RULE.not_improving_above}
        assert data["severe"] == RULES.severe_pain_from
        assert data["reasons"] == list(DIARY_REASONS)
        for reason in DIARY_REASONS:
            assert data["reasonTexts"][reason] == RULES.reason_texts[language][reason]["text"]
            level = RULES.reason_levels[reason]
            assert data["levelTexts"][level] == RULES.level_texts[language][level]
        assert data["levelTexts"]["continue"] == RULES.level_texts[language]["continue"]
        assert data["morning"] == {value: RULES.texts[language][f"next_day_{value}"] for value in ("less", "same", "more")}
        assert set(data["texts"]) == set(SCRIPT_TEXTS)


def test_every_text_exists_in_both_languages_with_the_numbers_filled_in():
    for language in LANGUAGES:
        texts = DIARY.texts[language]
        assert set(texts) == set(PAGE_TEXTS) | set(SCRIPT_TEXTS)
        assert all(text.strip() for text in texts.values())
        for reason in DIARY_REASONS:
            when = DIARY.when[language][reason]
            assert "{" not in when, when
        assert f" {RULE.window_days} " in DIARY.when[language]["worsening"]
        assert f" {RULE.not_improving_days} " in DIARY.when[language]["not_improving"]
        assert f" {LIMIT} " in DIARY.when[language]["pain_above_limit"]
    assert DIARY.texts["nl"]["csv_separator"] == ";" and DIARY.texts["en"]["csv_separator"] == ","


def write_changed(tmp_path: Path, old: str, new: str) -> Path:
    text = DIARY_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "pain_diary.yml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "message"), [
    ("  window_days: 7\n", "  window_days: seven\n", "'rule.window_days' must be a whole number from 1 to 31"),
    ("  worsening_points: 1\n", "  worsening_points: 0.5\n", "'rule.worsening_points' must be a whole number"),
    ("  window_entries: 2\n", "  window_entries: 8\n", "'rule.window_entries' cannot be more than window_days"),
    ("  not_improving_days: 21\n", "  not_improving_days: 10\n",
     "'rule.not_improving_days' must be at least twice window_days (14)"),
    ("  window_days: 7\n", "  window_days: 7\n  weeks: 3\n", "'rule.weeks' is not one of the rule's numbers"),
    ("    en: Save entry\n", "", "'texts.save.en' is missing"),
    ("  undo:\n", "  undoo:\n", "'texts.undoo' is not a text the diary shows"),
    ("  next_day_worse:\n    nl: In je laatste", "  next_day_worse:\n    nl: \"\"\n    xx: In je laatste",
     "'when.next_day_worse.nl' is missing"),
    ("rule:\n", "rule: [\n", "data/pain_diary.yml:"),
])
def test_a_mistake_in_the_file_names_the_file_and_the_field(tmp_path, old, new, message):
    path = write_changed(tmp_path, old, new)
    with pytest.raises(DiaryError) as error:
        load_pain_diary(path, LANGUAGES, RULES, "data/pain_diary.yml")
    assert str(error.value).startswith("data/pain_diary.yml")
    assert message in str(error.value)


def test_other_numbers_in_the_file_change_the_rule(tmp_path):
    path = write_changed(tmp_path, "  not_improving_days: 21\n", "  not_improving_days: 28\n")
    other = load_pain_diary(path, LANGUAGES, RULES)
    assert diary_reasons(diary((1, 3), (21, 3)), other.rule, RULES) == ()
    assert diary_reasons(diary((1, 3), (28, 3)), other.rule, RULES) == ("not_improving",)
    assert " 28 " in other.when["en"]["not_improving"]
