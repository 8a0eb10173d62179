"""The exercises: every dose is the LEAP protocol's, the step check gives the rule's answer for
every set of answers, an editor's mistake in data/exercises.yml names the line and the fix, and
the built pages show each exercise with its drawing, steps and dose, in both languages, with a
printable card per phase whose QR code leads to that phase."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from support.html_tree import Element, parse_html
from heuppijn_site.clinicians.clinician_links import qr_path, qr_svg
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.exercises.programme import PHASES, ExercisesError, Range, load_exercises
from heuppijn_site.exercises.step_rule import (
    EFFORT_VALUES,
    NEXT_DAY_VALUES,
    PAIN_VALUES,
    StepAnswers,
    all_step_answers,
    step_for,
    step_table,
)
from heuppijn_site.pain_rule.pain_rules import load_pain_rules
from heuppijn_site.tools.site_tools import ROOT, page_output
from support.site import DOCS, LANGUAGES, pages

EXERCISES_FILE = ROOT / "data" / "exercises.yml"
SIGNS = load_warning_signs(ROOT / "data" / "warning_signs.yml", LANGUAGES)
RULES = load_pain_rules(ROOT / "data" / "pain_rules.yml", LANGUAGES, SIGNS)
LIMIT, SEVERE = RULES.pain_limit, RULES.severe_pain_from
PROGRAMME = load_exercises(EXERCISES_FILE, LANGUAGES, LIMIT, SEVERE, "data/exercises.yml")
PAGES = {page.locale: page for page in pages() if page.name == "oefeningen.md"}
CARDS = {page.locale: page for page in pages() if page.name == "oefenkaarten.md"}

# Table 3 of the LEAP protocol (Mellor et al. 2016, BMC Musculoskelet Disord 17:196), "Exercise
# Dosage and Progressions", as read from the journal's table: stage -> exercise -> (effort, speed,
# hold in seconds, reps, whether the reps are "each" (True: each way, "leg": with each leg), sets,
# per day). The web table is flattened: each row's
# numbers stand on the line of the heading above the exercise's name. An empty cell is None.
# "Maintain as per week 1" for the static abduction in weeks 2 and 3-8.
LEAP_TABLE_3 = {
    "week-1": {
        "static-abduction-lying": ("light", "slow-onset", "5-10", "10", False, "1-2", 2),
        "static-abduction-standing": ("light", "slow-onset", "5-15", "3-5", False, "1", 2),
        "bridge": ("light", "moderate", None, "10", False, "1", 1),
        "squat": ("light-somewhat-hard", "slow", None, "10", False, "1", None),
        "side-step": ("light", "moderate", None, "10", True, "1", 1),
    },
    "week-2": {
        "static-abduction-lying": ("light", "slow-onset", "5-10", "10", False, "1-2", 2),
        "static-abduction-standing": ("light", "slow-onset", "5-15", "3-5", False, "1", 2),
        "bridge": ("light", "slow", None, "10", False, "1", 1),
        "offset-bridge": ("somewhat-hard", "slow", None, "5", False, "1", None),
        "squat": ("light", "slow", None, "10", False, "1", 1),
        "offset-squat": ("somewhat-hard", "slow", None, "5", False, "1", None),
        "side-step": ("light", "moderate", None, "15", True, "1", 1),
    },
    "weeks-3-8": {
        "static-abduction-lying": ("light", "slow-onset", "5-10", "10", False, "1-2", 2),
        "static-abduction-standing": ("light", "slow-onset", "5-15", "3-5", False, "1", 2),
        "bridge": ("light", "slow", None, "5", False, "1", 1),
        "single-leg-bridge": ("somewhat-hard-hard", None, None, "5-10", False, "2", 1),
        "squat": ("light", "slow", None, "5", False, "1", None),
        "single-leg-squat": ("somewhat-hard-hard", None, None, "5-10", False, "2", None),
        "side-step": ("light", "moderate", None, "10", True, "1", 1),
        "band-side-slide": ("somewhat-hard-hard", None, None, "5-10", "leg", "1-2", 1),
    },
}
# The trial's exercises, by the ids the issue names for them.
TRIAL_IDS = ["static-abduction-lying", "static-abduction-standing", "bridge", "offset-bridge", "single-leg-bridge",
             "squat", "offset-squat", "single-leg-squat", "side-step", "band-side-slide"]


def as_range(text: str | None) -> Range | None:
    if text is None:
        return None
    low, _, high = text.partition("-")
    return Range(int(low), int(high or low))


# The data ----------------------------------------------------------------------------------

def test_every_dose_is_the_protocols():
    assert [exercise.id for exercise in PROGRAMME.exercises] == TRIAL_IDS
    for stage, exercises in LEAP_TABLE_3.items():
        in_data = {exercise.id: dose for exercise, dose in PROGRAMME.in_stage(stage)}
        assert set(in_data) == set(exercises), stage
        for exercise_id, (effort, speed, hold, reps, each, sets, per_day) in exercises.items():
            dose = in_data[exercise_id]
            assert (dose.effort, dose.speed, dose.hold, dose.reps, dose.each_side, dose.each_leg, dose.sets,
                    dose.per_day) == (effort, speed, as_range(hold), as_range(reps), each is True, each == "leg",
                                      as_range(sets), per_day), f"{exercise_id} in {stage}"


def test_the_stages_fall_in_the_phases_the_page_says():
    assert [(stage.id, stage.phase) for stage in PROGRAMME.stages] == [("week-1", 1), ("week-2", 1), ("weeks-3-8", 2)]
    # After the trial: phases 3 and 4 carry on with its last stage.
    assert [stage.id for stage in PROGRAMME.stages_of(3)] == ["weeks-3-8"] == [s.id for s in PROGRAMME.stages_of(4)]
    assert PROGRAMME.beyond_trial(3) and PROGRAMME.beyond_trial(4) and not PROGRAMME.beyond_trial(2)


def test_the_easier_and_harder_versions_follow_the_tables_progressions():
    chain = {exercise.id: (exercise.easier, exercise.harder) for exercise in PROGRAMME.exercises}
    assert chain["bridge"] == (None, "offset-bridge")
    assert chain["offset-bridge"] == ("bridge", "single-leg-bridge")
    assert chain["single-leg-bridge"] == ("offset-bridge", None)
    assert chain["squat"] == (None, "offset-squat")
    assert chain["offset-squat"] == ("squat", "single-leg-squat")
    assert chain["single-leg-squat"] == ("offset-squat", None)


def test_every_exercise_has_its_texts_in_both_languages_and_the_same_number_of_steps():
    for exercise in PROGRAMME.exercises:
        assert len(exercise.steps["nl"]) == len(exercise.steps["en"]) >= 3, exercise.id
        for language in LANGUAGES:
            words = exercise.texts[language]
            assert all(words[name] for name in ("name", "alt", "feel", "mistake")), exercise.id
            # The alt text says the movement: a drawing of a person, then what they do.
            assert words["alt"].startswith("Tekening van iemand" if language == "nl" else "Drawing of a person")
            assert ("Daarna" if language == "nl" else "Then") in words["alt"], exercise.id


def test_every_drawing_is_the_sites_own_line_art_with_no_words_in_it():
    for exercise in PROGRAMME.exercises:
        svg = (DOCS / "assets" / "images" / exercise.drawing).read_text(encoding="utf-8")
        assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 150"'), exercise.drawing
        assert "<text" not in svg and "<image" not in svg and "href" not in svg, exercise.drawing


def test_a_dose_in_words():
    lying = PROGRAMME.exercise("static-abduction-lying").doses["week-1"]
    assert PROGRAMME.dose_line(lying, "nl") == "10 keer · 5–10 seconden vasthouden · 1–2 series · 2 keer per dag"
    assert PROGRAMME.dose_line(lying, "en") == "10 times · hold for 5–10 seconds · 1–2 sets · twice a day"
    side = PROGRAMME.exercise("side-step").doses["week-2"]
    assert PROGRAMME.dose_line(side, "en") == "15 times each way · 1 set · every day"
    squat = PROGRAMME.exercise("squat").doses["week-1"]
    # Where the table says nothing about how often, the page says so and who to ask.
    assert PROGRAMME.dose_line(squat, "nl").endswith("hoe vaak: vraag je fysiotherapeut")
    assert PROGRAMME.effort_line(squat, "en") == "Effort: light to somewhat hard · slowly"
    slide = PROGRAMME.exercise("band-side-slide").doses["weeks-3-8"]
    assert PROGRAMME.dose_line(slide, "en") == "5–10 times with each leg · 1–2 sets · every day"


# An editor's mistakes ----------------------------------------------------------------------

def broken(tmp_path: Path, old: str, new: str) -> tuple[Path, int]:
    text = EXERCISES_FILE.read_text(encoding="utf-8")
    assert old in text, old
    changed = text.replace(old, new, 1)
    line = text[: text.index(old)].count("\n") + 1  # where the change starts, the same in both
    path = tmp_path / "exercises.yml"
    path.write_text(changed, encoding="utf-8")
    return path, line


@pytest.mark.parametrize(("old", "new", "message"), [
    ("reps: 10, sets: 1-2, per_day: 2}", "reps: ten, sets: 1-2, per_day: 2}",
     "exercise static-abduction-lying: doses.week-1.reps must be a number or a range like 5-10 (got 'ten')"),
    ("{effort: light, speed: slow-onset, hold: 5-10", "{effort: easy, speed: slow-onset, hold: 5-10",
     "doses.week-1.effort must be one of light, light-somewhat-hard, somewhat-hard, somewhat-hard-hard (got 'easy')"),
    ("      week-2: {same_as: week-1}\n      weeks-3-8: {same_as: week-1}\n\n  - id: static-abduction-standing",
     "      week-2: {same_as: week-3}\n      weeks-3-8: {same_as: week-1}\n\n  - id: static-abduction-standing",
     "'same_as' names an earlier stage of this exercise (week-1) and stands alone"),
    ("    harder: offset-bridge\n", "    harder: offset-brigde\n",
     "exercise bridge: 'harder' names 'offset-brigde', which is not an exercise here"),
    ("      week-1: {effort: light, speed: moderate, reps: 10, sets: 1, per_day: 1}",
     "      week-1: {effort: light, speed: moderate, reps: 10, sets: 1, per_day: 3}",
     "doses.week-1.per_day must be 1 (daily) or 2 (twice a day)"),
    ("  - id: single-leg-squat\n", "  - id: squat\n", "the id 'squat' is used twice"),
    ("    drawing: oefening-brug.svg\n", "    drawing: oefening brug.png\n",
     "exercise bridge: 'drawing' must be an SVG file name in docs/assets/images/"),
    ("      weeks-3-8: {effort: light, speed: slow, reps: 5, sets: 1, per_day: 1}\n\n  - id: offset-bridge",
     "      weeks-9-12: {effort: light, speed: slow, reps: 5, sets: 1, per_day: 1}\n\n  - id: offset-bridge",
     "exercise bridge: 'weeks-9-12' is not a stage — use week-1, week-2, weeks-3-8"),
    ("    mistake:\n      nl: Te hard duwen.", "    mistake:\n      xx: Te hard duwen.",
     "exercise static-abduction-lying: 'mistake'.nl is missing — write it"),
    ("    steps_heading: Zo doe je het\n", "    steps_headng: Zo doe je het\n",
     "'texts.nl.steps_headng' is not a text the page shows — check the spelling"),
])
def test_a_mistake_names_the_file_the_line_and_the_fix(tmp_path, old, new, message):
    path, line = broken(tmp_path, old, new)
    with pytest.raises(ExercisesError) as error:
        load_exercises(path, LANGUAGES, LIMIT, SEVERE, "data/exercises.yml")
    assert message in str(error.value)
    where = re.match(r"data/exercises\.yml:(\d+): ", str(error.value))
    assert where, str(error.value)
    # The line of the mistake, or of the item it belongs to (never line 1 of the file).
    assert 1 < int(where.group(1)) <= line + 3, (where.group(1), line)


def test_broken_yaml_names_its_line(tmp_path):
    path = tmp_path / "exercises.yml"
    path.write_text("source: x\nstages: [\n", encoding="utf-8")
    with pytest.raises(ExercisesError, match=r"^data/exercises\.yml:\d+: not valid YAML"):
        load_exercises(path, LANGUAGES, LIMIT, SEVERE, "data/exercises.yml")


# The step check's rule ---------------------------------------------------------------------

def expected_step(pain, next_day, effort):
    """The rule as the page states it, written out again: back when the pain was above the limit
    or the next morning was worse; up when within, not worse and light; stay otherwise; unknown
    while a needed answer is missing."""
    if (pain is not None and pain > LIMIT) or next_day == "more":
        return "down"
    if None in (pain, next_day, effort):
        return None
    return "up" if effort == "light" else "stay"


def test_the_step_for_every_set_of_answers():
    answers = list(all_step_answers())
    assert len(answers) == 12 * 4 * 4
    for answer in answers:
        step = step_for(answer, LIMIT, SEVERE)
        assert (step.step if step else None) == expected_step(answer.pain, answer.next_day, answer.effort), answer
        if step is not None:
            assert ("pain_severe" in step.reasons) == (answer.pain is not None and answer.pain >= SEVERE)
            assert ("pain_above_limit" in step.reasons) == (answer.pain is not None and answer.pain > LIMIT)
            assert ("next_day_worse" in step.reasons) == (answer.next_day == "more")


def test_the_boundaries():
    assert step_for(StepAnswers(LIMIT, "same", "light"), LIMIT, SEVERE).step == "up"
    assert step_for(StepAnswers(LIMIT + 1), LIMIT, SEVERE) == step_for(StepAnswers(LIMIT + 1, "less", "light"),
                                                                       LIMIT, SEVERE)
    assert step_for(StepAnswers(LIMIT + 1), LIMIT, SEVERE).reasons == ("pain_above_limit",)
    assert step_for(StepAnswers(SEVERE), LIMIT, SEVERE).reasons == ("pain_severe", "pain_above_limit")
    assert step_for(StepAnswers(LIMIT, "same", "moderate"), LIMIT, SEVERE).step == "stay"
    assert step_for(StepAnswers(0, None, "light"), LIMIT, SEVERE) is None


def test_the_table_on_the_page_gives_the_same_step():
    table = step_table(LIMIT, SEVERE)
    for pain, next_day, effort in itertools.product((None, *PAIN_VALUES), (None, *NEXT_DAY_VALUES),
                                                    (None, *EFFORT_VALUES)):
        cell = table["table"][0 if pain is None else pain + 1]
        cell = cell[0 if next_day is None else NEXT_DAY_VALUES.index(next_day) + 1]
        cell = cell[0 if effort is None else EFFORT_VALUES.index(effort) + 1]
        step = step_for(StepAnswers(pain, next_day, effort), LIMIT, SEVERE)
        assert (table["outcomes"][cell] if cell >= 0 else None) == (
            " ".join((step.step, *step.reasons)) if step else None)


# The built pages ---------------------------------------------------------------------------

def html_of(site: Path, page) -> Element:
    return parse_html(page_output(site, page).read_text(encoding="utf-8"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_shows_every_exercise_with_its_drawing_steps_and_dose(site, language):
    tree = html_of(site, PAGES[language])
    shown = tree.with_attr("data-exercise")
    assert sorted(element.attrs["data-exercise"] for element in shown) == sorted(TRIAL_IDS)
    for element in shown:
        exercise = PROGRAMME.exercise(element.attrs["data-exercise"])
        (image,) = element.find_all(lambda e: e.tag == "img")
        assert image.attrs["alt"] == exercise.texts[language]["alt"]
        assert image.attrs["src"].endswith(f"assets/images/{exercise.drawing}")
        (steps,) = element.find_all(lambda e: e.tag == "ol")
        assert [item.text() for item in steps.find_all(lambda e: e.tag == "li")] == list(exercise.steps[language])
        (dose,) = element.with_attr("data-exercise-dose")
        for stage_id, stage_dose in exercise.doses.items():
            assert PROGRAMME.dose_line(stage_dose, language) in dose.text(), (exercise.id, stage_id)
            assert PROGRAMME.effort_line(stage_dose, language) in dose.text()
        # The pain rule, with this site's numbers.
        assert f"{LIMIT}" in element.text() and f"{SEVERE}" in element.text()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_phase_links_to_its_printable_card(site, language):
    tree = html_of(site, PAGES[language])
    cards = html_of(site, CARDS[language])
    card_ids = {element.attrs["id"] for element in cards.find_all(lambda e: e.tag == "h2" and "id" in e.attrs)}
    phases = tree.with_attr("data-exercise-phase")
    assert [int(element.attrs["data-exercise-phase"]) for element in phases] == list(PHASES)
    for element in phases:
        (link,) = element.with_attr("data-exercise-card")
        page, _, anchor = link.attrs["href"].partition("#")
        assert anchor in card_ids, link.attrs["href"]
        assert (page_output(site, PAGES[language]).parent / page / "index.html").resolve() == \
            page_output(site, CARDS[language]).resolve()


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_card_has_its_phases_exercises_a_week_to_tick_and_a_qr_code_to_its_phase(site, language):
    tree = html_of(site, CARDS[language])
    sections = [e for e in tree.find_all(lambda e: e.tag == "section" and "data-exercise-card-phase" in e.attrs)]
    assert len(sections) == len(PHASES)
    address = f"https://heuppijn.example.org/{'' if language == 'nl' else 'en/'}{PAGES[language].slug}/"
    for section in sections:
        phase = int(section.attrs["data-exercise-card-phase"])
        exercises = {exercise.id for stage in PROGRAMME.stages_of(phase) for exercise, _ in PROGRAMME.in_stage(stage.id)}
        names = [PROGRAMME.exercise(exercise_id).texts[language]["name"] for exercise_id in exercises]
        rows = section.find_all(lambda e: e.tag == "tr" and e.find_all(lambda c: c.tag == "th" and
                                                                        c.attrs.get("scope") == "row"))
        assert sorted(row.find_all(lambda e: e.tag == "th")[0].text() for row in rows) == sorted(names)
        for row in rows:
            # A week of tick boxes: two a day for what the trial did twice a day.
            name = row.find_all(lambda e: e.tag == "th")[0].text()
            exercise = next(e for e in PROGRAMME.exercises if e.texts[language]["name"] == name)
            times = PROGRAMME.times_a_day(exercise, PROGRAMME.stages_of(phase))
            assert len(row.with_attr("class", "exercise-card__box")) == 7 * times
            assert times == (2 if exercise.id.startswith("static-abduction") else 1)
        anchor = f"{'fase' if language == 'nl' else 'phase'}-{phase}"
        (link,) = [a for a in section.find_all(lambda e: e.tag == "a") if a.attrs["href"].endswith(f"#{anchor}")]
        assert link.text() == f"{address}#{anchor}"
        svg = section.find_all(lambda e: e.tag == "svg")[0]
        title = svg.find_all(lambda e: e.tag == "title")[0].text()
        drawn = re.search(r' d="([^"]+)"', page_output(site, CARDS[language]).read_text(encoding="utf-8")
                          .split(f'data-exercise-card-phase="{phase}"', 1)[1]).group(1)
        assert drawn == qr_path(qr_svg(f"{address}#{anchor}", title)), f"phase {phase}: not the code for its address"


def test_the_step_check_reads_without_javascript_and_carries_every_answer(site):
    for language in LANGUAGES:
        tree = html_of(site, PAGES[language])
        (check,) = tree.with_attr("data-exercise-progress")
        (form,) = check.with_attr("data-exercise-progress-form")
        assert "hidden" in form.attrs  # shown by the script; the table says it all without
        for name, values in (("pain", PAIN_VALUES), ("next_day", NEXT_DAY_VALUES), ("effort", EFFORT_VALUES)):
            inputs = [e for e in check.with_attr("name", name) if e.tag == "input"]
            assert [e.attrs["value"] for e in inputs] == [str(v) for v in values]
        (table,) = check.find_all(lambda e: e.tag == "table")
        text = table.text()
        texts = PROGRAMME.step_texts[language]
        assert all(texts[step]["title"] in text for step in ("up", "stay", "down", "stop"))
        assert f"{LIMIT} " in text and f"{SEVERE} " in text
