"""The pain diary's rule as data for its page: the numbers in its conditions (how long a window
is, how much higher the mean must be, how many entries a window needs, how long the diary must
run) and the diary's own words, read and checked from data/pain_diary.yml, with the pain rule's
own levels, reasons and words (pain_rules.py, data/pain_rules.yml).

The page's script (docs/assets/javascripts/pain-diary.js) applies the conditions to the entries
it keeps in the browser: that is the copy patients run. The tests state the rule's cases with a
Python copy, their oracle (tests/support/diary_oracle.py), and a browser test holds the script
to the same answers. Pure logic; no MkDocs import.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_mapping, texts_per_language
from heuppijn_site.pain_rule.pain_rules import LEVELS, NEXT_DAY_VALUES, REASONS, PainRules

# The reasons the diary can give, in the checker's order (a warning sign is the checker's alone).
DIARY_REASONS = tuple(reason for reason in REASONS if reason != "warning_sign")
# The morning answer, as the checker's next-day question: less, same or more pain and stiffness.
MORNING_VALUES = NEXT_DAY_VALUES
ACTIVITY_LENGTH = 80  # characters: "what did you do" is a short note
WEEKS_ON_PAPER = 4  # the blank diary to print: four weeks of empty rows


class DiaryError(SiteError):
    """A mistake in the diary's file, or entries the rule cannot read; the message says which."""


@dataclass(frozen=True)
class DiaryRule:
    """The numbers in the diary's conditions (data/pain_diary.yml, `rule:`)."""

    window_days: int  # a "week": the 7 days ending on the latest entry, and so on
    worsening_points: int  # the recent mean at least this much higher than the one before
    window_entries: int  # entries each window needs before its mean counts for "worsening"
    not_improving_days: int  # how long the diary must run before "not improving" can apply
    not_improving_above: int  # …and the recent mean must be above this (0 for three weeks is fine)


@dataclass(frozen=True)
class PainDiary:
    """The diary's rule and words, with the pain rules whose levels and texts it shows."""

    rule: DiaryRule
    rules: PainRules
    texts: dict[str, dict[str, str]]  # [language][name]
    when: dict[str, dict[str, str]]  # [language][reason]: when it applies, for the table on the page


def page_data(diary: PainDiary, language: str) -> dict[str, Any]:
    """What the page's script needs to apply the rule and word the advice, in one language."""
    rules = diary.rules
    used = sorted({rules.reason_levels[reason] for reason in DIARY_REASONS} | {"continue"}, key=LEVELS.index)
    return {
        "limit": rules.pain_limit,
        "severe": rules.severe_pain_from,
        "rule": {
            "windowDays": diary.rule.window_days,
            "worseningPoints": diary.rule.worsening_points,
            "windowEntries": diary.rule.window_entries,
            "notImprovingDays": diary.rule.not_improving_days,
            "notImprovingAbove": diary.rule.not_improving_above,
        },
        "reasons": list(DIARY_REASONS),
        "reasonLevels": {reason: rules.reason_levels[reason] for reason in DIARY_REASONS},
        "levels": list(LEVELS),  # most serious first
        "levelTexts": {level: rules.level_texts[language][level] for level in used},
        "reasonTexts": {reason: rules.reason_texts[language][reason]["text"] for reason in DIARY_REASONS},
        "morning": {value: rules.texts[language][f"next_day_{value}"] for value in MORNING_VALUES},
        "activityLength": ACTIVITY_LENGTH,
        "texts": {name: diary.texts[language][name] for name in SCRIPT_TEXTS},
    }


# Loading and checking data/pain_diary.yml ---------------------------------------------------

RULE_FIELDS = ("window_days", "worsening_points", "window_entries", "not_improving_days", "not_improving_above")
# The diary's words on the page (the template) …
PAGE_TEXTS = (
    "heading", "privacy", "form_add", "date_label", "activity_label", "activity_optional", "activity_hint",
    "morning_hint", "save", "cancel", "advice_heading", "empty", "table_caption", "col_day", "col_date",
    "col_activity", "col_pain", "col_morning", "col_actions", "chart_caption", "export", "print", "clear", "clear_yes",
    "clear_no", "damaged_download", "damaged_discard", "storage_off", "damaged", "blank_intro",
    "blank_caption", "blank_week", "blank_morning", "rule_caption", "rule_note", "jump", "print_hint",
)
# … and those the script puts in ({date}, {count}, … filled in there).
SCRIPT_TEXTS = (
    "form_edit", "save", "save_edit", "date_missing", "date_future", "date_taken", "pain_missing", "saved",
    "changed", "deleted", "undo", "restored", "means", "morning_open", "edit", "delete", "morning_unknown",
    "chart_title", "chart_limit", "clear_question", "cleared", "printed", "csv_file", "csv_separator",
    "damaged_file", "col_date", "col_activity", "col_pain", "col_morning",
)
TEXT_NAMES = tuple(dict.fromkeys((*PAGE_TEXTS, *SCRIPT_TEXTS)))


def load_pain_diary(path: Path, languages: Iterable[str], rules: PainRules, display_path: str | None = None) -> PainDiary:
    """Read and check the diary's file, joined with the (already checked) pain rules. Raises
    DiaryError naming the file, the field and the fix."""
    where = display_path or path.as_posix()
    languages = tuple(languages)
    data, fail = read_mapping(path, where, DiaryError)

    node = data.get("rule")
    if not isinstance(node, dict):
        raise fail("rule", f"must give the rule's numbers: {', '.join(RULE_FIELDS)}")
    for name in node:
        if name not in RULE_FIELDS:
            raise fail(f"rule.{name}", f"is not one of the rule's numbers ({', '.join(RULE_FIELDS)})")
    limits = {"window_days": (1, 31), "worsening_points": (1, 10), "window_entries": (1, 31),
              "not_improving_days": (2, 366), "not_improving_above": (0, 9)}
    numbers = {}
    for name, (low, high) in limits.items():
        value = node.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise fail(f"rule.{name}", f"must be a whole number from {low} to {high} (got {value!r})")
        numbers[name] = value
    rule = DiaryRule(**numbers)
    if rule.window_entries > rule.window_days:
        raise fail("rule.window_entries", f"cannot be more than window_days ({rule.window_days}): "
                                          f"there is one entry per day")
    if rule.not_improving_days < 2 * rule.window_days:
        raise fail("rule.not_improving_days", f"must be at least twice window_days ({2 * rule.window_days}), "
                                              f"so the first and the last {rule.window_days} days do not overlap")

    filled = {"{limit}": rules.pain_limit, "{severe}": rules.severe_pain_from, "{above}": rule.not_improving_above,
              "{days}": rule.window_days, "{points}": rule.worsening_points,
              "{entries}": rule.window_entries, "{span}": rule.not_improving_days, "{weeks}": WEEKS_ON_PAPER}

    def text(value: Any, field_name: str) -> dict[str, str]:
        texts = texts_per_language(value, field_name, languages, fail, "the page's own text")
        for placeholder, number in filled.items():
            texts = {language: line.replace(placeholder, str(number)) for language, line in texts.items()}
        return texts

    texts_node = data.get("texts")
    if not isinstance(texts_node, dict):
        raise fail("texts", "must hold the diary's words")
    unknown = [name for name in texts_node if name not in TEXT_NAMES]
    if unknown:
        raise fail(f"texts.{unknown[0]}", "is not a text the diary shows — check the spelling")
    texts: dict[str, dict[str, str]] = {language: {} for language in languages}
    for name in TEXT_NAMES:
        for language, value in text(texts_node.get(name), f"texts.{name}").items():
            texts[language][name] = value

    when_node = data.get("when")
    if not isinstance(when_node, dict):
        raise fail("when", f"must say when each reason applies: {', '.join(DIARY_REASONS)}")
    when: dict[str, dict[str, str]] = {language: {} for language in languages}
    for reason in DIARY_REASONS:
        for language, value in text(when_node.get(reason), f"when.{reason}").items():
            when[language][reason] = value
    return PainDiary(rule=rule, rules=rules, texts=texts, when=when)
