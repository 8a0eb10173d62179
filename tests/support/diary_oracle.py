"""The pain diary's rule in Python, for the tests only: the oracle the browser tests hold the
page's script (docs/assets/javascripts/pain-diary.js) to, and which the rule's own tests state the
rule's cases with. The rule's numbers and words are the build's (heuppijn_site.pain_rule.
diary_rules: data/pain_diary.yml, with the pain rule's levels and reasons); patients run the
script's copy of these conditions.

A day counts from the first entry to the latest, both included: entries on 1 and 21 March
span 21 days. "The 7 days ending on" a date include that date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from heuppijn_site.pain_rule.diary_rules import DIARY_REASONS, DiaryError, DiaryRule, PainDiary
from heuppijn_site.pain_rule.pain_rules import LEVELS, PAIN_VALUES, Advice, PainRules

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Why the form does not store an entry, by field (the words are in data/pain_diary.yml).
PROBLEMS = {"date": ("date_missing", "date_future", "date_taken"), "pain": ("pain_missing",)}


@dataclass(frozen=True)
class Entry:
    """One day in the diary: the pain during what the patient did, and (once known) how pain
    and stiffness were the next morning compared with before."""

    day: date
    pain: int
    morning: str | None = None
    activity: str = ""


# The rule ------------------------------------------------------------------------------------

def _between(entries: Sequence[Entry], first: date, last: date) -> list[int]:
    return [entry.pain for entry in entries if first <= entry.day <= last]


def _mean_at_least(higher: list[int], lower: list[int], points: int) -> bool:
    """mean(higher) - mean(lower) >= points, in whole numbers (no rounding at the boundary)."""
    return sum(higher) * len(lower) - sum(lower) * len(higher) >= points * len(higher) * len(lower)


def windows(entries: Sequence[Entry], rule: DiaryRule) -> dict[str, list[int]]:
    """The pain scores in each window the rule compares: `recent` (the days ending on the latest
    entry), `before` (the same number of days before those) and `first` (from the first entry)."""
    ordered = sorted(entries, key=lambda entry: entry.day)
    first, latest = ordered[0].day, ordered[-1].day
    span = timedelta(days=rule.window_days - 1)
    recent_start = latest - span
    return {
        "recent": _between(ordered, recent_start, latest),
        "before": _between(ordered, recent_start - timedelta(days=rule.window_days), recent_start - timedelta(days=1)),
        "first": _between(ordered, first, first + span),
    }


def span_days(entries: Sequence[Entry]) -> int:
    """The days from the first entry to the latest, both included."""
    days = [entry.day for entry in entries]
    return (max(days) - min(days)).days + 1


def diary_reasons(entries: Sequence[Entry], rule: DiaryRule, rules: PainRules) -> tuple[str, ...]:
    """Every reason that applies to the diary, in the order of DIARY_REASONS."""
    if not entries:
        return ()
    days = [entry.day for entry in entries]
    if len(set(days)) != len(days):
        twice = sorted({day for day in days if days.count(day) > 1})
        raise DiaryError(f"one entry per date: {twice[0].isoformat()} has more than one")
    latest = max(entries, key=lambda entry: entry.day)
    scores = windows(entries, rule)
    recent, before, first = scores["recent"], scores["before"], scores["first"]
    fired = {
        "worsening": len(recent) >= rule.window_entries and len(before) >= rule.window_entries
        and _mean_at_least(recent, before, rule.worsening_points),
        # The source: get in touch when the pain has not eased after 2–3 weeks; not when it was
        # low all along (a mean above not_improving_above, in whole numbers: no rounding).
        "not_improving": span_days(entries) >= rule.not_improving_days and _mean_at_least(recent, first, 0)
        and sum(recent) > rule.not_improving_above * len(recent),
        "pain_severe": latest.pain >= rules.severe_pain_from,
        "pain_above_limit": latest.pain > rules.pain_limit,
        "next_day_worse": latest.morning == "more",
    }
    return tuple(reason for reason in DIARY_REASONS if fired[reason])


def diary_advice(entries: Sequence[Entry], diary: PainDiary) -> Advice | None:
    """The advice for the diary, or None while it has no entries: the most serious level of the
    reasons that apply, with all of them; "carry on" when none does."""
    if not entries:
        return None
    reasons = diary_reasons(entries, diary.rule, diary.rules)
    levels = [diary.rules.reason_levels[reason] for reason in reasons]
    return Advice(level=min(levels, key=LEVELS.index) if levels else "continue", reasons=reasons)


def entry_problems(
    date_text: str,
    pain: str | None,
    existing: Iterable[date],
    today: date,
    editing: date | None = None,
) -> dict[str, str]:
    """Why the form cannot store an entry, by field ({} when it can): no date (or not a date),
    a date after today, a date that has an entry already (other than the one being changed),
    no pain score. Nothing is stored while any applies: never half an entry."""
    problems: dict[str, str] = {}
    day = parse_day(date_text)
    if day is None:
        problems["date"] = "date_missing"
    elif day > today:
        problems["date"] = "date_future"
    elif day != editing and day in set(existing):
        problems["date"] = "date_taken"
    if pain not in {str(value) for value in PAIN_VALUES}:
        problems["pain"] = "pain_missing"
    return problems


def parse_day(text: str) -> date | None:
    """A date written as the form and the storage write it (2026-03-01), or None."""
    if not ISO_DATE.match(text or ""):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None
