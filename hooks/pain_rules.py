"""The pain rule as a decision: from a patient's answers to one level of advice and its reasons.

The conditions live here, once; the limit, the level of each reason and every text live in
data/pain_rules.yml. `advice_table` evaluates every possible set of answers (the space is small)
so the page's script only looks answers up. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from data_files import read_yaml

LEVELS = ("urgent", "contact", "adjust", "continue")  # most serious first
PAIN_VALUES = tuple(range(0, 11))
NEXT_DAY_VALUES = ("less", "same", "more")
TREND_VALUES = ("better", "same", "worse")
WEEKS_VALUES = ("under-2", "2-or-more")
REASONS = ("red_flag", "worsening", "not_improving", "pain_above_limit", "next_day_worse")
QUESTIONS = ("pain", "next_day", "trend", "weeks")
FLAG_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class PainRulesError(ValueError):
    """A mistake in the rules file; the message names the file and the field."""


@dataclass(frozen=True)
class Answers:
    """What the patient answered; None where a question is not answered yet."""

    pain: int | None = None
    next_day: str | None = None
    trend: str | None = None
    weeks: str | None = None
    red_flags: frozenset[str] = field(default_factory=frozenset)

    @property
    def complete(self) -> bool:
        return None not in (self.pain, self.next_day, self.trend, self.weeks)


@dataclass(frozen=True)
class Advice:
    level: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class PainRules:
    pain_limit: int
    pain_limit_source: str
    reason_levels: dict[str, str]
    red_flag_ids: tuple[str, ...]
    red_flags_source: str
    # texts[language][name]: every word the checker shows, per language
    texts: dict[str, dict[str, str]]
    level_texts: dict[str, dict[str, dict[str, str]]]  # [language][level] -> title, message
    reason_texts: dict[str, dict[str, dict[str, str]]]  # [language][reason] -> text, when
    red_flag_texts: dict[str, dict[str, str]]  # [language][flag id] -> text


def reasons_for(answers: Answers, rules: PainRules) -> tuple[str, ...]:
    """Every reason that applies to the answers, in the order of REASONS."""
    fired = {
        "red_flag": bool(answers.red_flags),
        "worsening": answers.trend == "worse",
        # The source: get in touch when complaints do not decrease after 2–3 weeks.
        "not_improving": answers.trend == "same" and answers.weeks == "2-or-more",
        "pain_above_limit": answers.pain is not None and answers.pain > rules.pain_limit,
        "next_day_worse": answers.next_day == "more",
    }
    return tuple(reason for reason in REASONS if fired[reason])


def evaluate(answers: Answers, rules: PainRules) -> Advice | None:
    """The advice for the answers, or None while it cannot be given yet.

    A ticked red flag gives advice at once; otherwise all four questions must be answered.
    The level is the most serious of the reasons that apply, or "continue" when none does.
    """
    if not answers.red_flags and not answers.complete:
        return None
    reasons = reasons_for(answers, rules)
    levels = [rules.reason_levels[reason] for reason in reasons]
    level = min(levels, key=LEVELS.index) if levels else "continue"
    return Advice(level=level, reasons=reasons)


def answer_key(answers: Answers) -> str:
    """The lookup key the page's script builds from the form: "pain|next_day|trend|weeks|flag"."""
    parts = [answers.pain, answers.next_day, answers.trend, answers.weeks]
    return "|".join("" if part is None else str(part) for part in parts) + (
        "|1" if answers.red_flags else "|0"
    )


def all_answers(rules: PainRules) -> Iterator[Answers]:
    """Every distinguishable set of answers, unanswered questions included."""
    flag_choices = (frozenset(), frozenset(rules.red_flag_ids[:1]))
    for pain, next_day, trend, weeks, flags in itertools.product(
        (None, *PAIN_VALUES),
        (None, *NEXT_DAY_VALUES),
        (None, *TREND_VALUES),
        (None, *WEEKS_VALUES),
        flag_choices,
    ):
        yield Answers(pain, next_day, trend, weeks, flags)


def advice_table(rules: PainRules) -> dict[str, str]:
    """{answer key: "level reason reason"} for every set of answers that gets advice.

    Which red flag is ticked does not change the advice, so the key only says whether any is.
    """
    table: dict[str, str] = {}
    for answers in all_answers(rules):
        advice = evaluate(answers, rules)
        if advice is not None:
            table[answer_key(answers)] = " ".join((advice.level, *advice.reasons))
    return table


def lookup_table(rules: PainRules) -> dict[str, Any]:
    """The advice table in the compact form the page carries.

    `table[flag][pain][next_day][trend][weeks]` is an index into `outcomes` ("level reason …"),
    or -1 while no advice can be given. Each answer's index is its position in `options` plus
    one; 0 means not answered. `flag` is 1 when any red flag is ticked.
    """
    options = {
        "pain": [str(value) for value in PAIN_VALUES],
        "next_day": list(NEXT_DAY_VALUES),
        "trend": list(TREND_VALUES),
        "weeks": list(WEEKS_VALUES),
    }
    table = advice_table(rules)
    outcomes = sorted(set(table.values()), key=lambda o: (LEVELS.index(o.split()[0]), o))
    index = {outcome: number for number, outcome in enumerate(outcomes)}

    def cell(pain: str, next_day: str, trend: str, weeks: str, flag: str) -> int:
        outcome = table.get("|".join((pain, next_day, trend, weeks, flag)))
        return -1 if outcome is None else index[outcome]

    nested = [
        [
            [
                [
                    [cell(p, n, t, w, flag) for w in ("", *options["weeks"])]
                    for t in ("", *options["trend"])
                ]
                for n in ("", *options["next_day"])
            ]
            for p in ("", *options["pain"])
        ]
        for flag in ("0", "1")
    ]
    return {"options": options, "outcomes": outcomes, "table": nested}


# Loading and checking data/pain_rules.yml ---------------------------------------------------

TEXT_NAMES = (
    "heading", "intro", "privacy", "pain_legend", "pain_hint", "next_day_legend",
    *(f"next_day_{value}" for value in NEXT_DAY_VALUES), "trend_legend", "trend_hint",
    *(f"trend_{value}" for value in TREND_VALUES), "weeks_legend",
    *(f"weeks_{value}" for value in WEEKS_VALUES), "red_flag_legend", "waiting", "remaining",
    "reasons_heading", "always", "start_again", "result_label", "table_caption", "table_when",
    "table_what", "table_otherwise",
)


def load_pain_rules(path: Path, languages: Iterable[str], display_path: str | None = None) -> PainRules:
    """Read and check the rules file. Raises PainRulesError naming the file, field and fix."""
    where = display_path or path.as_posix()
    languages = tuple(languages)
    data = read_yaml(path, where, PainRulesError)
    if not isinstance(data, dict):
        raise PainRulesError(f"{where}: the file must be a set of 'field: value' lines")

    def fail(field_name: str, problem: str) -> PainRulesError:
        return PainRulesError(f"{where}: '{field_name}' {problem}")

    limit = data.get("pain_limit")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 10:
        raise fail("pain_limit", f"must be a whole number from 0 to 10 (got {limit!r})")

    def text(node: Any, field_name: str) -> dict[str, str]:
        if not isinstance(node, dict):
            raise fail(field_name, f"must have a text per language ({', '.join(languages)})")
        result = {}
        for language in languages:
            value = node.get(language)
            if not isinstance(value, str) or not value.strip():
                raise fail(f"{field_name}.{language}", "is missing — add the text in that language")
            if "[@" in value:
                raise fail(f"{field_name}.{language}", "cannot cite: put citations in "
                           "pain_limit_source or red_flags_source")
            result[language] = value.strip().replace("{limit}", str(limit))
        return result

    def texts_of(key: str, names: tuple[str, ...], parts: tuple[str, ...], noun: str, needs: str):
        """A mapping of exactly `names`, each with texts for `parts` in every language."""
        node = data.get(key)
        if not isinstance(node, dict):
            raise fail(key, f"must list the {key} {', '.join(names)}")
        for name in node:
            if name not in names:
                raise fail(f"{key}.{name}", f"is not {noun} ({', '.join(names)})")
        found: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in languages}
        for name in names:
            if not isinstance(node.get(name), dict):
                raise fail(f"{key}.{name}", f"is missing — {needs}")
            for part in parts:
                for lang, value in text(node[name].get(part), f"{key}.{name}.{part}").items():
                    found[lang].setdefault(name, {})[part] = value
        return node, found

    _, level_texts = texts_of("levels", LEVELS, ("title", "message"), "a level",
                              "every level needs a title and a message")
    reasons, reason_texts = texts_of("reasons", REASONS, ("text", "when"), "a reason the checker knows",
                                     "give it a level, a text and a when")
    reason_levels: dict[str, str] = {}
    for reason in REASONS:
        level = reasons[reason].get("level")
        if level not in LEVELS:
            raise fail(f"reasons.{reason}.level", f"{level!r} is not a level — use one of {', '.join(LEVELS)}")
        reason_levels[reason] = level
    if reason_levels["red_flag"] != "urgent":
        raise fail("reasons.red_flag.level", "must be urgent: a warning sign always means calling the GP today")

    flags = data.get("red_flags")
    if not isinstance(flags, list) or not flags:
        raise fail("red_flags", "must list the warning signs, each with an id and a text per language")
    red_flag_texts: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    ids: list[str] = []
    for number, flag in enumerate(flags, start=1):
        flag_id = flag.get("id") if isinstance(flag, dict) else None
        if not isinstance(flag_id, str) or not FLAG_ID.match(flag_id):
            raise fail(f"red_flags[{number}].id", "must be lowercase words joined by hyphens")
        if flag_id in ids:
            raise fail(f"red_flags[{number}].id", f"'{flag_id}' is used twice")
        ids.append(flag_id)
        for lang, value in text(flag, f"red_flags.{flag_id}").items():
            red_flag_texts[lang][flag_id] = value

    texts_node = data.get("texts")
    if not isinstance(texts_node, dict):
        raise fail("texts", "must hold the checker's words")
    texts: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    for name in TEXT_NAMES:
        for lang, value in text(texts_node.get(name), f"texts.{name}").items():
            texts[lang][name] = value

    return PainRules(
        pain_limit=limit,
        pain_limit_source=str(data.get("pain_limit_source", "") or ""),
        reason_levels=reason_levels,
        red_flag_ids=tuple(ids),
        red_flags_source=str(data.get("red_flags_source", "") or ""),
        texts=texts,
        level_texts=level_texts,
        reason_texts=reason_texts,
        red_flag_texts=red_flag_texts,
    )
