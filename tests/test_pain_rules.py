"""The pain rule as a decision, without a browser: every answer gives exactly one advice, each
reason fires exactly at its boundary, and the rules file is checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from pain_rules import (
    LEVELS,
    NEXT_DAY_VALUES,
    PAIN_VALUES,
    TREND_VALUES,
    WEEKS_VALUES,
    Answers,
    PainRulesError,
    advice_table,
    all_answers,
    answer_key,
    evaluate,
    load_pain_rules,
    lookup_table,
)
from site_tools import ROOT

RULES_FILE = ROOT / "data" / "pain_rules.yml"
RULES = load_pain_rules(RULES_FILE, ["nl", "en"])


def complete(pain=2, next_day="same", trend="better", weeks="under-2", flags=()):
    return Answers(pain, next_day, trend, weeks, frozenset(flags))


def test_the_limit_comes_from_the_data():
    assert RULES.pain_limit == 4


def test_every_complete_answer_gives_exactly_one_level():
    import itertools

    combinations = list(itertools.product(PAIN_VALUES, NEXT_DAY_VALUES, TREND_VALUES, WEEKS_VALUES))
    assert len(combinations) == 11 * 3 * 3 * 2
    for pain, next_day, trend, weeks in combinations:
        advice = evaluate(Answers(pain, next_day, trend, weeks), RULES)
        assert advice is not None and advice.level in LEVELS


def test_nothing_is_advised_until_all_four_questions_are_answered():
    for missing in ("pain", "next_day", "trend", "weeks"):
        answers = dataclasses.replace(complete(), **{missing: None})
        assert evaluate(answers, RULES) is None


def test_a_red_flag_gives_urgent_at_once_whatever_else_is_answered():
    for answers in all_answers(RULES):
        if answers.red_flags:
            advice = evaluate(answers, RULES)
            assert advice is not None and advice.level == "urgent"
            assert advice.reasons[0] == "red_flag"


def test_pain_boundary_is_the_limit():
    assert evaluate(complete(pain=4), RULES).reasons == ()
    assert evaluate(complete(pain=4), RULES).level == "continue"
    assert evaluate(complete(pain=5), RULES).reasons == ("pain_above_limit",)
    assert evaluate(complete(pain=5), RULES).level == "adjust"


def test_not_improving_needs_two_weeks_or_more():
    assert evaluate(complete(trend="same", weeks="under-2"), RULES).level == "continue"
    advice = evaluate(complete(trend="same", weeks="2-or-more"), RULES)
    assert (advice.level, advice.reasons) == ("contact", ("not_improving",))


def test_worsening_and_next_day_worse():
    assert evaluate(complete(trend="worse"), RULES) == evaluate(complete(trend="worse", weeks="2-or-more"), RULES)
    assert evaluate(complete(trend="worse"), RULES).reasons == ("worsening",)
    advice = evaluate(complete(next_day="more"), RULES)
    assert (advice.level, advice.reasons) == ("adjust", ("next_day_worse",))
    assert evaluate(complete(next_day="less"), RULES).level == "continue"


def test_the_most_serious_level_wins_and_every_reason_is_listed():
    advice = evaluate(complete(pain=9, next_day="more", trend="worse", weeks="2-or-more"), RULES)
    assert advice.level == "contact"
    assert advice.reasons == ("worsening", "pain_above_limit", "next_day_worse")
    advice = evaluate(complete(pain=9, trend="worse", flags={"fever"}), RULES)
    assert advice.level == "urgent"
    assert advice.reasons == ("red_flag", "worsening", "pain_above_limit")


def test_another_limit_changes_the_outcome():
    stricter = dataclasses.replace(RULES, pain_limit=2)
    assert evaluate(complete(pain=3), RULES).level == "continue"
    assert evaluate(complete(pain=3), stricter).level == "adjust"


def test_the_table_holds_the_advice_for_every_answer_that_gets_one():
    table = advice_table(RULES)
    for answers in all_answers(RULES):
        advice = evaluate(answers, RULES)
        key = answer_key(answers)
        if advice is None:
            assert key not in table
        else:
            assert table[key] == " ".join((advice.level, *advice.reasons))
    assert table["5|more|worse|2-or-more|0"] == "contact worsening pain_above_limit next_day_worse"
    assert table["|||" "|1"] == "urgent red_flag"


def test_the_compact_table_on_the_page_gives_the_same_advice():
    compact = lookup_table(RULES)
    options = compact["options"]
    for answers in all_answers(RULES):
        cell = compact["table"][1 if answers.red_flags else 0]
        for name in ("pain", "next_day", "trend", "weeks"):
            value = getattr(answers, name)
            cell = cell[0 if value is None else options[name].index(str(value)) + 1]
        advice = evaluate(answers, RULES)
        if advice is None:
            assert cell == -1
        else:
            assert compact["outcomes"][cell] == " ".join((advice.level, *advice.reasons))


def test_every_text_exists_in_both_languages():
    for language in ("nl", "en"):
        assert set(RULES.level_texts[language]) == set(LEVELS)
        assert "4" in RULES.reason_texts[language]["pain_above_limit"]["text"]
        assert len(RULES.red_flag_texts[language]) == 6


def broken_rules(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "pain_rules.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(pain_limit=11), "'pain_limit' must be a whole number from 0 to 10 (got 11)"),
        (lambda d: d.update(pain_limit="4"), "'pain_limit' must be a whole number from 0 to 10 (got '4')"),
        (lambda d: d["reasons"]["worsening"].update(level="soon"),
         "'reasons.worsening.level' 'soon' is not a level — use one of urgent, contact, adjust, continue"),
        (lambda d: d["levels"]["adjust"]["message"].pop("en"),
         "'levels.adjust.message.en' is missing — add the text in that language"),
        (lambda d: d["levels"].update(later={"title": {"nl": "x", "en": "x"}}),
         "'levels.later' is not a level"),
        (lambda d: d["texts"].pop("privacy"), "'texts.privacy' must have a text per language"),
        (lambda d: d["red_flags"].append(dict(d["red_flags"][0])), "'red_flags[7].id' 'fever' is used twice"),
        (lambda d: d["reasons"]["red_flag"].update(level="contact"), "'reasons.red_flag.level' must be urgent"),
    ],
)
def test_invalid_rules_files_name_the_file_and_field(tmp_path, change, message):
    with pytest.raises(PainRulesError) as error:
        load_pain_rules(broken_rules(tmp_path, change), ["nl", "en"], "data/pain_rules.yml")
    assert str(error.value).startswith("data/pain_rules.yml: ")
    assert message in str(error.value)
