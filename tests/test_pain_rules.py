"""The pain rule as a decision, without a browser: every answer gives exactly one advice, each
reason fires exactly at its boundary, and the rules file is checked."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from heuppijn_site.pain_rule.pain_rules import (
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
from heuppijn_site.tools.site_tools import ROOT
from heuppijn_site.content.warning_signs import load_warning_signs
from support.site import LANGUAGES

RULES_FILE = ROOT / "data" / "pain_rules.yml"
SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(RULES_FILE, LANGUAGES, SIGNS)
LIMIT = RULES.pain_limit


def complete(pain=2, next_day="same", trend="better", weeks="under-2", signs=()):
    return Answers(pain, next_day, trend, weeks, frozenset(signs))


def first_sign(level):
    return next(sign.id for sign in RULES.signs if sign.level == level)


def test_the_limit_comes_from_the_data():
    data = yaml.safe_load(RULES_FILE.read_text(encoding="utf-8"))
    assert RULES.pain_limit == data["pain_limit"]


def test_every_complete_answer_gives_exactly_one_level():
    import itertools

    combinations = list(itertools.product(PAIN_VALUES, NEXT_DAY_VALUES, TREND_VALUES, WEEKS_VALUES))
    assert len(combinations) == 11 * 3 * 3 * 3
    for pain, next_day, trend, weeks in combinations:
        advice = evaluate(Answers(pain, next_day, trend, weeks), RULES)
        assert advice is not None and advice.level in LEVELS


def test_carry_on_is_never_said_before_all_four_questions_are_answered():
    for missing in ("pain", "next_day", "trend", "weeks"):
        answers = dataclasses.replace(complete(), **{missing: None})
        assert evaluate(answers, RULES) is None
    for answers in all_answers(RULES):
        advice = evaluate(answers, RULES)
        if advice is not None and advice.level == "continue":
            assert answers.complete


def test_advice_comes_as_soon_as_an_answer_calls_for_it():
    # Pain above the limit: reduce the load now, without waiting for the next morning.
    advice = evaluate(Answers(pain=LIMIT + 1), RULES)
    assert (advice.level, advice.reasons) == ("adjust", ("pain_above_limit",))
    assert evaluate(Answers(pain=LIMIT), RULES) is None
    # Worse over the weeks: contact, whatever else is still open.
    assert evaluate(Answers(trend="worse"), RULES).level == "contact"
    # A later answer can only make it more serious, never take a reason away.
    for answers in all_answers(RULES):
        advice = evaluate(answers, RULES)
        if advice is None or answers.signs:
            continue
        for name in ("pain", "next_day", "trend", "weeks"):
            if getattr(answers, name) is None:
                values = {"pain": PAIN_VALUES, "next_day": NEXT_DAY_VALUES, "trend": TREND_VALUES,
                          "weeks": WEEKS_VALUES}[name]
                for value in values:
                    later = evaluate(dataclasses.replace(answers, **{name: value}), RULES)
                    assert set(advice.reasons) <= set(later.reasons)
                    assert LEVELS.index(later.level) <= LEVELS.index(advice.level)


def test_the_checker_asks_about_every_urgent_sign_in_the_data_and_no_other():
    boxed = {sign.id for sign in RULES.signs}
    urgent_in_data = {sign.id for sign in SIGNS.signs if sign.level in ("emergency", "urgent", "soon")}
    assert boxed == urgent_in_data
    assert {"fall-cannot-stand", "leg-weak-or-numb", "saddle-numbness", "fall-pain-walking", "fever-hip-pain"} <= boxed


def test_a_ticked_sign_gives_its_own_level_at_once_whatever_else_is_answered():
    for answers in all_answers(RULES):
        if answers.signs:
            (sign_id,) = answers.signs
            advice = evaluate(answers, RULES)
            assert advice is not None
            assert advice.level == SIGNS.sign(sign_id).level
            # Nothing about exercise next to a warning sign: only the sign's own advice.
            assert advice.reasons == ("warning_sign",)


def test_a_fall_a_weak_or_cold_leg_and_fever_are_never_left_until_tomorrow():
    for sign_id in ("fall-cannot-stand", "leg-weak-or-numb", "cold-pale-leg", "saddle-numbness"):
        assert evaluate(Answers(signs=frozenset({sign_id})), RULES).level == "emergency", sign_id
    for sign_id in ("fall-pain-walking", "fever-hip-pain", "fever-at-risk", "sudden-severe-pain",
                    "cannot-walk-or-move-hip", "leg-getting-weaker", "stress-fracture-limping"):
        assert evaluate(complete(signs={sign_id}), RULES).level == "urgent", sign_id


def test_with_several_signs_ticked_the_most_urgent_wins():
    soon, urgent, emergency = first_sign("soon"), first_sign("urgent"), first_sign("emergency")
    assert evaluate(complete(pain=9, signs={soon, urgent}), RULES).level == "urgent"
    assert evaluate(complete(signs={soon, emergency, urgent}), RULES).level == "emergency"
    assert evaluate(Answers(signs=frozenset({soon})), RULES).level == "soon"


def test_the_words_of_a_level_are_those_of_the_warning_signs_data():
    for language in LANGUAGES:
        for name, level in SIGNS.levels.items():
            assert RULES.level_texts[language][name] == {
                "title": level.title[language], "message": level.instruction[language]}
    assert RULES.level_texts["nl"]["emergency"]["title"].startswith("Bel nu 112")
    assert RULES.level_texts["en"]["emergency"]["title"].startswith("Call 112 now")


def test_pain_boundary_is_the_limit():
    assert evaluate(complete(pain=LIMIT), RULES).reasons == ()
    assert evaluate(complete(pain=LIMIT), RULES).level == "continue"
    assert evaluate(complete(pain=LIMIT + 1), RULES).reasons == ("pain_above_limit",)
    assert evaluate(complete(pain=LIMIT + 1), RULES).level == "adjust"


def test_not_improving_after_two_to_three_weeks_as_the_rest_of_the_site_says():
    assert evaluate(complete(trend="same", weeks="under-2"), RULES).level == "continue"
    for weeks in ("2-to-3", "over-3"):
        advice = evaluate(complete(trend="same", weeks=weeks), RULES)
        assert (advice.level, advice.reasons) == ("contact", ("not_improving",))
    sign = SIGNS.sign("not-improving")
    assert "2" in sign.text["nl"] and "3" in sign.text["nl"]
    assert RULES.reason_texts["nl"]["not_improving"]["text"] == sign.text["nl"]


def test_worsening_and_next_day_worse():
    assert evaluate(complete(trend="worse"), RULES) == evaluate(complete(trend="worse", weeks="over-3"), RULES)
    assert evaluate(complete(trend="worse"), RULES).reasons == ("worsening",)
    advice = evaluate(complete(next_day="more"), RULES)
    assert (advice.level, advice.reasons) == ("adjust", ("next_day_worse",))
    assert evaluate(complete(next_day="less"), RULES).level == "continue"


def test_the_most_serious_level_wins_and_every_reason_is_listed():
    advice = evaluate(complete(pain=9, next_day="more", trend="worse", weeks="over-3"), RULES)
    assert advice.level == "contact"
    assert advice.reasons == ("worsening", "pain_severe", "pain_above_limit", "next_day_worse")


SEVERE = RULES.severe_pain_from


def test_severe_pain_means_stop_this_exercise_today_from_the_threshold_only():
    assert LIMIT < SEVERE <= 10
    below = evaluate(complete(pain=SEVERE - 1), RULES)
    assert (below.level, below.reasons) == ("adjust" if SEVERE - 1 > LIMIT else "continue",
                                            ("pain_above_limit",) if SEVERE - 1 > LIMIT else ())
    for pain in range(SEVERE, 11):
        advice = evaluate(complete(pain=pain), RULES)
        assert (advice.level, advice.reasons) == ("stop", ("pain_severe", "pain_above_limit")), pain
        # …at once, without waiting for the next morning.
        assert evaluate(Answers(pain=pain), RULES).level == "stop"
    # Never milder than "make it a bit lighter", never hiding a care level: under "contact your
    # physiotherapist or GP" the severe pain is still a reason, whose words say to stop today.
    assert LEVELS.index("contact") < LEVELS.index("stop") < LEVELS.index("adjust")
    advice = evaluate(complete(pain=10, trend="worse"), RULES)
    assert advice.level == "contact" and "pain_severe" in advice.reasons


def test_the_stop_advice_says_stop_today_and_when_to_get_in_touch():
    stop = RULES.level_texts
    assert "vandaag" in stop["nl"]["stop"]["title"] and "today" in stop["en"]["stop"]["title"]
    assert "volgende dag" in stop["nl"]["stop"]["message"] and "fysiotherapeut of huisarts" in stop["nl"]["stop"]["message"]
    assert "next day" in stop["en"]["stop"]["message"] and "physiotherapist or GP" in stop["en"]["stop"]["message"]
    for language, stop in (("nl", "stop vandaag"), ("en", "stop this exercise or activity for today")):
        reason = RULES.reason_texts[language]["pain_severe"]
        assert str(SEVERE) in reason["text"]
        # The reason says what to do, so the advice says it under a more serious level too.
        assert stop in reason["text"]
        # The table without JavaScript says it is the site's own rule.
        assert ("deze site" if language == "nl" else "this site") in reason["when"]
    # A rule of this site, not of the sources: it cites none of them.
    assert RULES.reason_sources["pain_severe"] == ""


def test_another_severe_threshold_moves_the_boundary():
    lower = dataclasses.replace(RULES, severe_pain_from=LIMIT + 1)
    assert evaluate(complete(pain=LIMIT + 1), lower).level == "stop"
    assert evaluate(complete(pain=LIMIT + 1), RULES).level == "adjust"


def test_a_sign_linked_reason_follows_its_sign_when_an_editor_changes_the_level():
    changed = dataclasses.replace(SIGNS, signs=tuple(
        dataclasses.replace(sign, level="soon") if sign.id == "worsening" else sign for sign in SIGNS.signs))
    rules = load_pain_rules(RULES_FILE, LANGUAGES, changed)
    assert evaluate(complete(trend="worse"), rules).level == "soon"
    # …and it is still asked as a question, not as a box as well.
    assert "worsening" not in {sign.id for sign in rules.signs}


def test_another_limit_changes_the_outcome():
    stricter = dataclasses.replace(RULES, pain_limit=LIMIT - 1)
    assert evaluate(complete(pain=LIMIT), RULES).level == "continue"
    assert evaluate(complete(pain=LIMIT), stricter).level == "adjust"


def test_the_table_holds_the_advice_for_every_answer_that_gets_one():
    table = advice_table(RULES)
    for answers in all_answers(RULES):
        advice = evaluate(answers, RULES)
        key = answer_key(answers, RULES)
        if advice is None:
            assert key not in table
        else:
            assert table[key] == " ".join((advice.level, *advice.reasons))
    assert table[f"{LIMIT + 1}|more|worse|over-3|"] == "contact worsening pain_above_limit next_day_worse"
    assert table["||||emergency"] == "emergency warning_sign"
    assert table["||||soon"] == "soon warning_sign"


def test_the_compact_table_on_the_page_gives_the_same_advice():
    compact = lookup_table(RULES)
    options = compact["options"]
    assert options["signs"] == ["emergency", "urgent", "soon"]
    for answers in all_answers(RULES):
        level = RULES.level_of_signs(answers.signs)
        cell = compact["table"][0 if level is None else options["signs"].index(level) + 1]
        for name in ("pain", "next_day", "trend", "weeks"):
            value = getattr(answers, name)
            cell = cell[0 if value is None else options[name].index(str(value)) + 1]
        advice = evaluate(answers, RULES)
        if advice is None:
            assert cell == -1
        else:
            assert compact["outcomes"][cell] == " ".join((advice.level, *advice.reasons))


def test_every_text_exists_in_both_languages():
    for language in LANGUAGES:
        assert set(RULES.level_texts[language]) == set(LEVELS)
        assert str(LIMIT) in RULES.reason_texts[language]["pain_above_limit"]["text"]
        for sign in RULES.signs:
            assert sign.text[language]


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
        (lambda d: d["reasons"]["pain_above_limit"].update(level="soon"),
         "'reasons.pain_above_limit.level' 'soon' is not a level — use one of stop, adjust, continue"),
        (lambda d: d.update(severe_pain_from=d["pain_limit"]),
         f"'severe_pain_from' must be a whole number above pain_limit ({LIMIT}) and at most 10 (got {LIMIT})"),
        (lambda d: d.pop("severe_pain_from"),
         f"'severe_pain_from' must be a whole number above pain_limit ({LIMIT}) and at most 10 (got None)"),
        (lambda d: d["reasons"]["pain_severe"].update(own_rule="yes"),
         "'reasons.pain_severe.own_rule' must be true or false (got 'yes')"),
        (lambda d: d["reasons"]["worsening"].update(sign="worse"),
         "'reasons.worsening.sign' 'worse' is not a sign in data/warning_signs.yml — use one of "),
        (lambda d: d["levels"]["adjust"]["message"].pop("en"),
         "'levels.adjust.message.en' is missing — add the text in that language"),
        (lambda d: d["levels"].update(later={"title": {"nl": "x", "en": "x"}}),
         "'levels.later' is not a level"),
        (lambda d: d["levels"].update(urgent={"title": {"nl": "x", "en": "x"}}),
         "'levels.urgent' is written in data/warning_signs.yml — remove it here"),
        (lambda d: d["texts"].pop("privacy"), "'texts.privacy' must have a text per language"),
    ],
)
def test_invalid_rules_files_name_the_file_and_field(tmp_path, change, message):
    with pytest.raises(PainRulesError) as error:
        load_pain_rules(broken_rules(tmp_path, change), LANGUAGES, SIGNS, "data/pain_rules.yml")
    assert str(error.value).startswith("data/pain_rules.yml: ")
    assert message in str(error.value)
