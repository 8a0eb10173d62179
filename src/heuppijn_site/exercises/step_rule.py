"""After a session: step up, stay, or step back — for one exercise, from three answers.

The site's way of joining the leaflet's pain rule (the limit in data/pain_rules.yml, and the
next morning) with the LEAP trial's effort-based stages (light, somewhat hard, hard); not a rule
from research, and the page says so:

- step back (down) when the pain was above the limit or the next morning was worse;
- step up when the pain stayed within the limit, the next morning was not worse, and it felt light;
- stay otherwise.

From the severe score (severe_pain_from) the advice also says to stop the exercise for today.
Every possible set of answers is worked out here, at build time; the page's script only looks
the answer up. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

# The pain scale and the next-morning answers are the pain rule's, the same as the checker's.
from heuppijn_site.pain_rule.pain_rules import NEXT_DAY_VALUES, PAIN_VALUES

EFFORT_VALUES = ("light", "moderate", "hard")  # the trial's light, somewhat hard, hard
STEPS = ("down", "stay", "up")
# What the page says: the step, or, when the pain reached the severe score, to stop for today
# (and then step back: the page's data-step stays "down").
ADVICE = (*STEPS, "stop")
# Why, in the order the page lists them.
REASONS = ("pain_severe", "pain_above_limit", "next_day_worse", "within_and_light", "not_light")


@dataclass(frozen=True)
class StepAnswers:
    pain: int | None = None
    next_day: str | None = None
    effort: str | None = None

    @property
    def complete(self) -> bool:
        return None not in (self.pain, self.next_day, self.effort)


@dataclass(frozen=True)
class Step:
    step: str  # down, stay or up
    reasons: tuple[str, ...]


def step_for(answers: StepAnswers, limit: int, severe: int) -> Step | None:
    """The step for the answers, or None while it cannot be known yet. Stepping back is known as
    soon as one answer calls for it; up and stay need all three."""
    above = answers.pain is not None and answers.pain > limit
    worse = answers.next_day == "more"
    if above or worse:
        reasons = []
        if answers.pain is not None and answers.pain >= severe:
            reasons.append("pain_severe")
        if above:
            reasons.append("pain_above_limit")
        if worse:
            reasons.append("next_day_worse")
        return Step("down", tuple(reasons))
    if not answers.complete:
        return None
    if answers.effort == "light":
        return Step("up", ("within_and_light",))
    return Step("stay", ("not_light",))


def all_step_answers() -> Iterator[StepAnswers]:
    """Every set of answers, unanswered questions included."""
    for pain, next_day, effort in itertools.product((None, *PAIN_VALUES), (None, *NEXT_DAY_VALUES),
                                                    (None, *EFFORT_VALUES)):
        yield StepAnswers(pain, next_day, effort)


def step_table(limit: int, severe: int) -> dict[str, Any]:
    """The advice for every set of answers, in the compact form the page carries:
    `table[pain][next_day][effort]` is an index into `outcomes` ("step reason …"), or -1 while
    no advice can be given; each answer's index is its place in `options` plus one (0: not
    answered)."""
    options = {"pain": [str(value) for value in PAIN_VALUES], "next_day": list(NEXT_DAY_VALUES),
               "effort": list(EFFORT_VALUES)}
    found: dict[tuple[Any, ...], str] = {}
    for answers in all_step_answers():
        step = step_for(answers, limit, severe)
        if step is not None:
            found[(answers.pain, answers.next_day, answers.effort)] = " ".join((step.step, *step.reasons))
    outcomes = sorted(set(found.values()), key=lambda outcome: (STEPS.index(outcome.split()[0]), outcome))
    index = {outcome: number for number, outcome in enumerate(outcomes)}
    table = [
        [
            [
                index[found[(pain, next_day, effort)]] if (pain, next_day, effort) in found else -1
                for effort in (None, *EFFORT_VALUES)
            ]
            for next_day in (None, *NEXT_DAY_VALUES)
        ]
        for pain in (None, *PAIN_VALUES)
    ]
    return {"options": options, "outcomes": outcomes, "table": table}
