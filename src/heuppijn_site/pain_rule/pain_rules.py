"""The pain rule as a decision: from a patient's answers to one level of advice and its reasons.

The conditions live here, once; the limit, the level of each reason and every text live in
data/pain_rules.yml. The warning signs the checker asks about, their levels and the words of
those levels come from data/warning_signs.yml (warning_signs.py), so the checker says what every
page says. `advice_table` evaluates every possible set of answers (the space is small) so the
page's script only looks answers up. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import dataclasses

import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from heuppijn_site.errors import SiteError
from heuppijn_site.content.front_matter import PageMetadata
from heuppijn_site.data_files import read_mapping, texts_per_language
from heuppijn_site.content.warning_signs import LEVELS as CARE_LEVELS
from heuppijn_site.content.warning_signs import Sign, WarningSigns

# Most serious first: the four levels of the warning signs, then the exercise advice.
EXERCISE_LEVELS = ("stop", "adjust", "continue")
LEVELS = (*CARE_LEVELS, *EXERCISE_LEVELS)
PAIN_VALUES = tuple(range(0, 11))
NEXT_DAY_VALUES = ("less", "same", "more")
TREND_VALUES = ("better", "same", "worse")
WEEKS_VALUES = ("under-2", "2-to-3", "over-3")
REASONS = ("warning_sign", "worsening", "not_improving", "pain_severe", "pain_above_limit", "next_day_worse")
# Reasons that are warning signs themselves: their level and words come from that sign.
SIGN_REASONS = ("worsening", "not_improving")
QUESTIONS = ("pain", "next_day", "trend", "weeks")


class PainRulesError(SiteError):
    """A mistake in the rules file; the message names the file and the field."""


@dataclass(frozen=True)
class Answers:
    """What the patient answered; None where a question is not answered yet."""

    pain: int | None = None
    next_day: str | None = None
    trend: str | None = None
    weeks: str | None = None
    signs: frozenset[str] = field(default_factory=frozenset)  # ids of the ticked warning signs

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
    # From this pain score during an exercise: stop that exercise today (a site rule, above the limit).
    severe_pain_from: int
    reason_levels: dict[str, str]  # every reason but warning_sign, whose level is the sign's
    # The warning signs the checker asks about (ticked in a box): those more urgent than
    # "contact" that no question covers, in the order of the data.
    signs: tuple[Sign, ...]
    signs_source: str
    # texts[language][name]: every word the checker shows, per language
    texts: dict[str, dict[str, str]]
    level_texts: dict[str, dict[str, dict[str, str]]]  # [language][level] -> title, message
    reason_texts: dict[str, dict[str, dict[str, str]]]  # [language][reason] -> text, when
    # Where each reason comes from (citation syntax): its warning sign's source, or the rule's.
    reason_sources: dict[str, str] = field(default_factory=dict)

    @property
    def sign_levels(self) -> tuple[str, ...]:
        """The levels the ticked signs can give, most urgent first."""
        return tuple(level for level in LEVELS if any(sign.level == level for sign in self.signs))

    def level_of_signs(self, sign_ids: frozenset[str]) -> str | None:
        """The most urgent level of the ticked signs, or None when none is ticked."""
        levels = [sign.level for sign in self.signs if sign.id in sign_ids]
        return min(levels, key=LEVELS.index) if levels else None


def reasons_for(answers: Answers, rules: PainRules) -> tuple[str, ...]:
    """Every reason that applies to the answers, in the order of REASONS."""
    fired = {
        "warning_sign": bool(answers.signs),
        "worsening": answers.trend == "worse",
        # The source: get in touch when complaints do not decrease after 2–3 weeks.
        "not_improving": answers.trend == "same" and answers.weeks in ("2-to-3", "over-3"),
        "pain_severe": answers.pain is not None and answers.pain >= rules.severe_pain_from,
        "pain_above_limit": answers.pain is not None and answers.pain > rules.pain_limit,
        "next_day_worse": answers.next_day == "more",
    }
    return tuple(reason for reason in REASONS if fired[reason])


def evaluate(answers: Answers, rules: PainRules) -> Advice | None:
    """The advice for the answers, or None while it cannot be given yet.

    A ticked warning sign gives that sign's level at once (the most urgent one when several are
    ticked), and nothing else: the person should act on it before anything about exercise.
    Otherwise the advice comes as soon as an answer calls for it (pain above the limit: reduce
    the load, without waiting for the next morning), from the reasons that apply so far, the
    most serious level first; the questions still open can only add to it. "Carry on" needs
    all four answers.
    """
    sign_level = rules.level_of_signs(answers.signs)
    if sign_level is not None:
        return Advice(level=sign_level, reasons=("warning_sign",))
    reasons = reasons_for(answers, rules)
    if not reasons and not answers.complete:
        return None
    levels = [rules.reason_levels[reason] for reason in reasons]
    level = min(levels, key=LEVELS.index) if levels else "continue"
    return Advice(level=level, reasons=reasons)


def answer_key(answers: Answers, rules: PainRules) -> str:
    """The lookup key the page's script builds from the form: "pain|next_day|trend|weeks|signs",
    where signs is the most urgent level of the ticked warning signs, or empty."""
    parts = [answers.pain, answers.next_day, answers.trend, answers.weeks]
    return "|".join("" if part is None else str(part) for part in parts) + (
        "|" + (rules.level_of_signs(answers.signs) or "")
    )


def all_answers(rules: PainRules) -> Iterator[Answers]:
    """Every distinguishable set of answers, unanswered questions included: no sign ticked,
    or one sign of each level the signs have."""
    sign_choices = [frozenset()] + [
        frozenset({next(sign.id for sign in rules.signs if sign.level == level)})
        for level in rules.sign_levels
    ]
    for pain, next_day, trend, weeks, signs in itertools.product(
        (None, *PAIN_VALUES),
        (None, *NEXT_DAY_VALUES),
        (None, *TREND_VALUES),
        (None, *WEEKS_VALUES),
        sign_choices,
    ):
        yield Answers(pain, next_day, trend, weeks, signs)


def advice_table(rules: PainRules) -> dict[str, str]:
    """{answer key: "level reason reason"} for every set of answers that gets advice.

    Which signs are ticked matters only through the most urgent level among them, so the key
    holds that level.
    """
    table: dict[str, str] = {}
    for answers in all_answers(rules):
        advice = evaluate(answers, rules)
        if advice is not None:
            table[answer_key(answers, rules)] = " ".join((advice.level, *advice.reasons))
    return table


def lookup_table(rules: PainRules) -> dict[str, Any]:
    """The advice table in the compact form the page carries.

    `table[signs][pain][next_day][trend][weeks]` is an index into `outcomes` ("level reason …"),
    or -1 while no advice can be given. Each answer's index is its position in `options` plus
    one; 0 means not answered. `signs` is likewise the position of the most urgent ticked
    sign's level in `options["signs"]` plus one, or 0 when no sign is ticked.
    """
    options = {
        "pain": [str(value) for value in PAIN_VALUES],
        "next_day": list(NEXT_DAY_VALUES),
        "trend": list(TREND_VALUES),
        "weeks": list(WEEKS_VALUES),
        "signs": list(rules.sign_levels),
    }
    table = advice_table(rules)
    outcomes = sorted(set(table.values()), key=lambda o: (LEVELS.index(o.split()[0]), o))
    index = {outcome: number for number, outcome in enumerate(outcomes)}

    def cell(pain: str, next_day: str, trend: str, weeks: str, signs: str) -> int:
        outcome = table.get("|".join((pain, next_day, trend, weeks, signs)))
        return -1 if outcome is None else index[outcome]

    nested = [
        [
            [
                [
                    [cell(p, n, t, w, signs) for w in ("", *options["weeks"])]
                    for t in ("", *options["trend"])
                ]
                for n in ("", *options["next_day"])
            ]
            for p in ("", *options["pain"])
        ]
        for signs in ("", *options["signs"])
    ]
    return {"options": options, "outcomes": outcomes, "table": nested}


# The limit on the pages ---------------------------------------------------------------------

# Pages state the limit as {{ pain_limit }} (and the first number above it as
# {{ pain_limit + 1 }}), so the one number in data/pain_rules.yml changes every sentence. The
# score from which to stop an exercise for today is {{ severe_pain_from }}.
PLACEHOLDER = re.compile(r"\{\{\s*(.*?)\s*\}\}")
PLACEHOLDER_VALUES = {"pain_limit": 0, "pain_limit + 1": 1}
SEVERE_PLACEHOLDER = "severe_pain_from"


class PlaceholderError(SiteError):
    """An unknown {{ … }} in a page; the message names the line and the placeholders there are."""


def fill_pain_limit(text: str, limit: int, first_line: int = 1, severe_from: int | None = None) -> str:
    """The text with every {{ pain_limit }} and {{ pain_limit + 1 }} replaced by the number, and
    {{ severe_pain_from }} by that one where it is given."""

    def value(match: re.Match[str]) -> str:
        name = " ".join(match.group(1).replace("+", " + ").split())
        if name == SEVERE_PLACEHOLDER and severe_from is not None:
            return str(severe_from)
        if name not in PLACEHOLDER_VALUES:
            line = first_line + text.count("\n", 0, match.start())
            also = f", {{{{ {SEVERE_PLACEHOLDER} }}}}" if severe_from is not None else ""
            raise PlaceholderError(
                f"{line}: unknown placeholder '{match.group(0)}' — write {{{{ pain_limit }}}}{also} "
                f"or {{{{ pain_limit + 1 }}}}")
        return str(limit + PLACEHOLDER_VALUES[name])

    return PLACEHOLDER.sub(value, text)


def page_with_pain_limit(page: PageMetadata, limit: int, severe_from: int | None = None) -> PageMetadata:
    """The page's front matter as readers see it: {{ pain_limit }} (and {{ severe_pain_from }})
    in its title and description filled in (raises PlaceholderError naming the placeholder)."""
    return dataclasses.replace(page, title=fill_pain_limit(page.title, limit, severe_from=severe_from),
                               description=fill_pain_limit(page.description, limit, severe_from=severe_from))


# Loading and checking data/pain_rules.yml ---------------------------------------------------

TEXT_NAMES = (
    "heading", "intro", "privacy", "pain_legend", "pain_hint", "pain_within", "next_day_legend", "next_day_hint",
    *(f"next_day_{value}" for value in NEXT_DAY_VALUES), "trend_legend", "trend_hint",
    *(f"trend_{value}" for value in TREND_VALUES), "weeks_legend",
    *(f"weeks_{value}" for value in WEEKS_VALUES), "red_flag_legend", "red_flag_none", "waiting",
    "remaining", "partial", "pain_name", "next_day_name", "trend_name", "weeks_name", "reasons_heading", "always", "diary_link", "show_advice", "start_again", "result_label", "table_caption",
    "table_when", "table_what", "table_otherwise",
)


def load_pain_rules(
    path: Path,
    languages: Iterable[str],
    warning_signs: WarningSigns,
    display_path: str | None = None,
) -> PainRules:
    """Read and check the rules file, joined with the checked warning signs. Raises
    PainRulesError naming the file, field and fix."""
    where = display_path or path.as_posix()
    languages = tuple(languages)
    data, fail = read_mapping(path, where, PainRulesError)

    limit = data.get("pain_limit")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 0 <= limit <= 10:
        raise fail("pain_limit", f"must be a whole number from 0 to 10 (got {limit!r})")
    severe = data.get("severe_pain_from")
    if isinstance(severe, bool) or not isinstance(severe, int) or not limit < severe <= 10:
        raise fail("severe_pain_from", f"must be a whole number above pain_limit ({limit}) and at most 10 "
                                       f"(got {severe!r})")

    def text(node: Any, field_name: str) -> dict[str, str]:
        texts = texts_per_language(node, field_name, languages, fail, "pain_limit_source")
        return {language: value.replace("{limit}", str(limit)).replace("{severe}", str(severe))
                for language, value in texts.items()}

    # The exercise levels are written here; the care levels in data/warning_signs.yml.
    levels_node = data.get("levels")
    if not isinstance(levels_node, dict):
        raise fail("levels", f"must list the levels {', '.join(EXERCISE_LEVELS)}")
    for name in levels_node:
        if name in CARE_LEVELS:
            raise fail(f"levels.{name}", "is written in data/warning_signs.yml — remove it here")
        if name not in EXERCISE_LEVELS:
            raise fail(f"levels.{name}", f"is not a level ({', '.join(EXERCISE_LEVELS)})")
    level_texts: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in languages}
    for name in CARE_LEVELS:
        level = warning_signs.levels[name]
        for lang in languages:
            level_texts[lang][name] = {"title": level.title[lang], "message": level.instruction[lang]}
    for name in EXERCISE_LEVELS:
        if not isinstance(levels_node.get(name), dict):
            raise fail(f"levels.{name}", "is missing — every level needs a title and a message")
        for part in ("title", "message"):
            for lang, value in text(levels_node[name].get(part), f"levels.{name}.{part}").items():
                level_texts[lang].setdefault(name, {})[part] = value

    # The reasons: a warning sign's (its level and words from that sign), or the pain rule's own.
    reasons_node = data.get("reasons")
    rule_reasons = tuple(reason for reason in REASONS if reason != "warning_sign")
    if not isinstance(reasons_node, dict):
        raise fail("reasons", f"must list the reasons {', '.join(rule_reasons)}")
    for name in reasons_node:
        if name not in rule_reasons:
            raise fail(f"reasons.{name}", f"is not a reason the checker knows ({', '.join(rule_reasons)})")
    reason_levels: dict[str, str] = {}
    reason_sources: dict[str, str] = {}
    reason_texts: dict[str, dict[str, dict[str, str]]] = {lang: {} for lang in languages}
    linked_signs: set[str] = set()
    for reason in rule_reasons:
        node = reasons_node.get(reason)
        if not isinstance(node, dict):
            raise fail(f"reasons.{reason}", "is missing — give it a level, a text and a when"
                       if reason not in SIGN_REASONS else "is missing — give it the id of its warning sign")
        if reason in SIGN_REASONS:
            sign_id = node.get("sign")
            try:
                sign = warning_signs.sign(str(sign_id))
            except KeyError:
                known = ", ".join(s.id for s in warning_signs.signs)
                raise fail(f"reasons.{reason}.sign",
                           f"{sign_id!r} is not a sign in data/warning_signs.yml — use one of {known}") from None
            linked_signs.add(sign.id)
            reason_levels[reason] = sign.level
            reason_sources[reason] = sign.source
            for lang in languages:
                reason_texts[lang][reason] = {"text": sign.text[lang], "when": sign.text[lang]}
            continue
        level = node.get("level")
        if level not in EXERCISE_LEVELS:
            raise fail(f"reasons.{reason}.level",
                       f"{level!r} is not a level — use one of {', '.join(EXERCISE_LEVELS)}")
        reason_levels[reason] = level
        own_rule = node.get("own_rule", False)
        if not isinstance(own_rule, bool):
            raise fail(f"reasons.{reason}.own_rule", f"must be true or false (got {own_rule!r})")
        # The site's own rule cites nothing (the pages say so); the others the rule's sources.
        reason_sources[reason] = "" if own_rule else str(data.get("pain_limit_source", "") or "")
        for part in ("text", "when"):
            for lang, value in text(node.get(part), f"reasons.{reason}.{part}").items():
                reason_texts[lang].setdefault(reason, {})[part] = value

    texts_node = data.get("texts")
    if not isinstance(texts_node, dict):
        raise fail("texts", "must hold the checker's words")
    texts: dict[str, dict[str, str]] = {lang: {} for lang in languages}
    for name in TEXT_NAMES:
        for lang, value in text(texts_node.get(name), f"texts.{name}").items():
            texts[lang][name] = value

    # The signs ticked in boxes: the urgent ones that no question already asks about.
    boxed = tuple(
        sign for sign in warning_signs.signs
        if LEVELS.index(sign.level) < LEVELS.index("contact") and sign.id not in linked_signs
    )
    return PainRules(
        pain_limit=limit,
        pain_limit_source=str(data.get("pain_limit_source", "") or ""),
        severe_pain_from=severe,
        reason_levels=reason_levels,
        signs=boxed,
        signs_source=warning_signs.sources(boxed),
        texts=texts,
        level_texts=level_texts,
        reason_texts=reason_texts,
        reason_sources=reason_sources,
    )
