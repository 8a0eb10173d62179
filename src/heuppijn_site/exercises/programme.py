"""The exercise programme as data (data/exercises.yml): the trial's stages and the recovery phase
each falls in, the exercises with their drawings, texts and doses, and the words of a dose.

Every mistake names the file, the line and the fix: the file is read as YAML nodes, which know
their lines. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from heuppijn_site.errors import SiteError
from heuppijn_site.data_files import read_yaml_nodes
from heuppijn_site.exercises.step_rule import ADVICE, REASONS

ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CITATION = re.compile(r"^\[@[^\]]+\]$")
RANGE = re.compile(r"^(\d+)(?:\s*[-–]\s*(\d+))?$")
DRAWING = re.compile(r"^[a-z0-9-]+\.svg$")
PHASES = (1, 2, 3, 4)
EFFORTS = ("light", "light-somewhat-hard", "somewhat-hard", "somewhat-hard-hard")
SPEEDS = ("slow-onset", "slow", "moderate")
DOSE_FIELDS = ("effort", "speed", "hold", "reps", "each_side", "each_leg", "sets", "per_day", "same_as")
EXERCISE_TEXTS = ("name", "alt", "feel", "mistake")
DOSE_TEXTS = ("reps", "reps_each_side", "reps_each_leg", "hold", "sets", "sets_plural", "per_day_1", "per_day_2",
              "per_day_missing", "effort", *EFFORTS, *SPEEDS)
TEXT_NAMES = (
    "steps_heading", "dose_heading", "feel_heading", "mistake_heading", "easier", "harder", "pain_rule",
    "source_line", "continue_caption", "programme_exercise", "programme_dose", "card_link", "check_heading",
    "check_intro", "check_privacy", "pain_legend", "pain_hint", "next_day_legend", "next_day_hint",
    "next_day_less", "next_day_same", "next_day_more", "effort_legend", "effort_light", "effort_moderate",
    "effort_hard", "waiting", "result_label", "reasons_heading", "always", "table_caption", "table_when",
    "table_what", "table_otherwise", "cards_intro", "card_heading", "card_week", "card_days", "card_address",
    "card_qr", "card_print", "card_beyond", "card_warning", "phase_anchor", "card_anchor", "show_advice", "start_again",
)


class ExercisesError(SiteError):
    """A mistake in the exercises file; the message names the file, the line and the fix."""


@dataclass(frozen=True)
class Range:
    """A number or a range of numbers, as the trial's table writes it (10, 5–10)."""

    low: int
    high: int

    def __str__(self) -> str:
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


@dataclass(frozen=True)
class Dose:
    effort: str
    reps: Range
    sets: Range
    speed: str | None = None
    hold: Range | None = None  # seconds, for the held exercises
    each_side: bool = False  # the reps go each way (side-stepping)
    each_leg: bool = False  # the reps are done with each leg
    per_day: int | None = None  # 2: twice a day, 1: daily, None: the table does not say


@dataclass(frozen=True)
class Stage:
    id: str
    phase: int
    label: dict[str, str]  # before a dose: "Week 1"
    title: dict[str, str]  # above a table: "Week 1: wennen aan de oefeningen"


@dataclass(frozen=True)
class Exercise:
    id: str
    drawing: str
    texts: dict[str, dict[str, str]]  # [language][name, alt, feel, mistake]
    steps: dict[str, tuple[str, ...]]  # [language]: the numbered steps
    doses: dict[str, Dose]  # by stage id, in the order of the stages
    easier: str | None = None
    harder: str | None = None

    @property
    def first_stage(self) -> str:
        return next(iter(self.doses))


@dataclass(frozen=True)
class Programme:
    source: str  # citation syntax: where the doses come from
    stages: tuple[Stage, ...]
    exercises: tuple[Exercise, ...]
    dose_texts: dict[str, dict[str, str]]  # [language][name]
    step_texts: dict[str, dict[str, dict[str, str]]]  # [language][up|stay|down|stop] -> title, message
    reason_texts: dict[str, dict[str, str]]  # [language][reason], {limit} and {severe} filled in
    texts: dict[str, dict[str, str]]  # [language][name]

    def exercise(self, exercise_id: str) -> Exercise:
        return next(exercise for exercise in self.exercises if exercise.id == exercise_id)

    def stages_of(self, phase: int) -> tuple[Stage, ...]:
        """The trial's stages in a phase; a phase after the trial's last continues its last stage."""
        own = tuple(stage for stage in self.stages if stage.phase == phase)
        if own or phase < self.stages[-1].phase:
            return own
        return (self.stages[-1],)

    def beyond_trial(self, phase: int) -> bool:
        return phase > self.stages[-1].phase

    def introduced_in(self, phase: int) -> tuple[Exercise, ...]:
        """The exercises whose first stage falls in the phase: shown (drawn, explained) there."""
        phases = {stage.id: stage.phase for stage in self.stages}
        return tuple(exercise for exercise in self.exercises if phases[exercise.first_stage] == phase)

    def in_stage(self, stage_id: str) -> tuple[tuple[Exercise, Dose], ...]:
        return tuple((exercise, exercise.doses[stage_id]) for exercise in self.exercises if stage_id in exercise.doses)

    def times_a_day(self, exercise: Exercise, stages: tuple[Stage, ...]) -> int:
        """How often a day the exercise is done in these stages at most (1 where the table is silent)."""
        return max((exercise.doses[stage.id].per_day or 1 for stage in stages if stage.id in exercise.doses), default=1)

    def dose_line(self, dose: Dose, language: str) -> str:
        """The dose in words, e.g. "10 keer · 5–10 seconden vasthouden · 1–2 series · 2 keer per dag"."""
        words = self.dose_texts[language]
        reps = "reps_each_side" if dose.each_side else "reps_each_leg" if dose.each_leg else "reps"
        parts = [words[reps].replace("{n}", str(dose.reps))]
        if dose.hold is not None:
            parts.append(words["hold"].replace("{n}", str(dose.hold)))
        sets = words["sets" if dose.sets.high == 1 else "sets_plural"].replace("{n}", str(dose.sets))
        parts.append(sets)
        parts.append(words[f"per_day_{dose.per_day}"] if dose.per_day else words["per_day_missing"])
        return " · ".join(parts)

    def effort_line(self, dose: Dose, language: str) -> str:
        words = self.dose_texts[language]
        line = words["effort"].replace("{effort}", words[dose.effort])
        return f"{line} · {words[dose.speed]}" if dose.speed else line


def missing_drawings(programme: Programme, images: Path) -> list[tuple[str, str]]:
    """(exercise id, drawing) for every drawing the images folder does not have."""
    return [(exercise.id, exercise.drawing) for exercise in programme.exercises
            if not (images / exercise.drawing).is_file()]


# Reading the file as nodes, so every message can name its line -------------------------------

class _Reader:
    def __init__(self, where: str) -> None:
        self.where = where

    def fail(self, node: yaml.Node | None, problem: str) -> ExercisesError:
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        return ExercisesError(f"{self.where}{line}: {problem}")

    def mapping(self, node: yaml.Node, what: str) -> dict[str, yaml.Node]:
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a set of 'field: value' lines")
        result: dict[str, yaml.Node] = {}
        for key, value in node.value:
            if key.value in result:
                raise self.fail(key, f"{what}: '{key.value}' is written twice — keep one")
            result[key.value] = value
        return result

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise self.fail(node, f"{what} must be a list ('- ' lines)")
        return list(node.value)

    def text(self, node: yaml.Node | None, what: str, parent: yaml.Node) -> str:
        if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
            raise self.fail(node or parent, f"{what} is missing — write it")
        if "[@" in node.value:
            raise self.fail(node, f"{what} cannot cite: the page cites the programme's source")
        return " ".join(str(node.value).split())

    def per_language(self, node: yaml.Node | None, what: str, parent: yaml.Node,
                     languages: tuple[str, ...]) -> dict[str, str]:
        if node is None:
            raise self.fail(parent, f"{what} is missing — give it a text per language ({', '.join(languages)})")
        fields = self.mapping(node, what)
        return {language: self.text(fields.get(language), f"{what}.{language}", node) for language in languages}

    def value(self, node: yaml.Node) -> Any:
        return yaml.safe_load(yaml.serialize(node)) if node is not None else None


def _range(reader: _Reader, node: yaml.Node, what: str) -> Range:
    match = RANGE.match(str(node.value).strip()) if isinstance(node, yaml.ScalarNode) else None
    if not match:
        raise reader.fail(node, f"{what} must be a number or a range like 5-10 (got {reader.value(node)!r})")
    low, high = int(match.group(1)), int(match.group(2) or match.group(1))
    if not 0 < low <= high:
        raise reader.fail(node, f"{what} must be a number above 0, a range from low to high")
    return Range(low, high)


def _dose(reader: _Reader, node: yaml.Node, what: str, earlier: dict[str, Dose]) -> Dose:
    fields = reader.mapping(node, what)
    for name, value in fields.items():
        if name not in DOSE_FIELDS:
            raise reader.fail(value, f"{what}: '{name}' is not part of a dose — use {', '.join(DOSE_FIELDS)}")
    if "same_as" in fields:
        other = str(reader.value(fields["same_as"]))
        if len(fields) > 1 or other not in earlier:
            raise reader.fail(fields["same_as"], f"{what}: 'same_as' names an earlier stage of this exercise "
                                                 f"({', '.join(earlier) or 'none yet'}) and stands alone")
        return earlier[other]
    effort = reader.value(fields.get("effort"))
    if effort not in EFFORTS:
        raise reader.fail(fields.get("effort", node), f"{what}.effort must be one of {', '.join(EFFORTS)} "
                                                      f"(got {effort!r})")
    speed = reader.value(fields.get("speed"))
    if speed is not None and speed not in SPEEDS:
        raise reader.fail(fields["speed"], f"{what}.speed must be one of {', '.join(SPEEDS)} (got {speed!r})")
    for name in ("reps", "sets"):
        if name not in fields:
            raise reader.fail(node, f"{what}.{name} is missing — copy it from the trial's table")
    sides = {}
    for name in ("each_side", "each_leg"):
        sides[name] = reader.value(fields.get(name)) or False
        if not isinstance(sides[name], bool):
            raise reader.fail(fields[name], f"{what}.{name} must be true or false")
    if sides["each_side"] and sides["each_leg"]:
        raise reader.fail(fields["each_leg"], f"{what}: each_side (each way) or each_leg (each leg), not both")
    per_day = reader.value(fields.get("per_day"))
    if per_day is not None and (isinstance(per_day, bool) or per_day not in (1, 2)):
        raise reader.fail(fields["per_day"], f"{what}.per_day must be 1 (daily) or 2 (twice a day); leave it "
                                             f"out where the table says nothing")
    return Dose(
        effort=effort, speed=speed, reps=_range(reader, fields["reps"], f"{what}.reps"),
        sets=_range(reader, fields["sets"], f"{what}.sets"),
        hold=_range(reader, fields["hold"], f"{what}.hold") if "hold" in fields else None,
        each_side=sides["each_side"], each_leg=sides["each_leg"], per_day=per_day,
    )


def load_exercises(path: Path, languages: tuple[str, ...] | list[str], limit: int, severe: int,
                   display_path: str | None = None) -> Programme:
    """Read and check the exercises file. Raises ExercisesError with the file, line and fix.
    `limit` and `severe`: the pain rule's numbers (data/pain_rules.yml), for the texts."""
    where = display_path or path.as_posix()
    languages = tuple(languages)
    reader = _Reader(where)
    root = read_yaml_nodes(path, where, ExercisesError)
    if root is None:
        raise ExercisesError(f"{where}: the file is empty")
    top = reader.mapping(root, "the file")

    source = str(reader.value(top.get("source")) or "").strip()
    if not CITATION.match(source):
        raise reader.fail(top.get("source", root), "'source' must cite where the doses come from, e.g. "
                                                   "\"[@leap-protocol-2016]\"")

    stages: list[Stage] = []
    for item in reader.sequence(top.get("stages", root), "'stages'"):
        fields = reader.mapping(item, "a stage")
        stage_id = str(reader.value(fields.get("id")) or "")
        if not ID.match(stage_id) or any(stage.id == stage_id for stage in stages):
            raise reader.fail(fields.get("id", item), f"a stage's id must be lowercase words joined by hyphens, "
                                                      f"used once (got {stage_id!r})")
        phase = reader.value(fields.get("phase"))
        if phase not in PHASES or (stages and phase < stages[-1].phase):
            raise reader.fail(fields.get("phase", item), f"stage {stage_id}: 'phase' must be a recovery phase "
                                                         f"({', '.join(map(str, PHASES))}), in order")
        stages.append(Stage(stage_id, phase,
                            reader.per_language(fields.get("label"), f"stage {stage_id}: 'label'", item, languages),
                            reader.per_language(fields.get("title"), f"stage {stage_id}: 'title'", item, languages)))
    stage_ids = [stage.id for stage in stages]

    exercises: list[Exercise] = []
    nodes: dict[str, yaml.Node] = {}
    for item in reader.sequence(top.get("exercises", root), "'exercises'"):
        fields = reader.mapping(item, "an exercise")
        exercise_id = str(reader.value(fields.get("id")) or "")
        if not ID.match(exercise_id):
            raise reader.fail(fields.get("id", item), f"an exercise's id must be lowercase words joined by "
                                                      f"hyphens, e.g. side-step (got {exercise_id!r})")
        if exercise_id in nodes:
            raise reader.fail(fields["id"], f"the id '{exercise_id}' is used twice — give each exercise its own")
        nodes[exercise_id] = item
        what = f"exercise {exercise_id}"
        drawing = str(reader.value(fields.get("drawing")) or "")
        if not DRAWING.match(drawing):
            raise reader.fail(fields.get("drawing", item), f"{what}: 'drawing' must be an SVG file name in "
                                                           f"docs/assets/images/, e.g. oefening-brug.svg")
        texts = {language: {} for language in languages}
        for name in EXERCISE_TEXTS:
            for language, value in reader.per_language(fields.get(name), f"{what}: '{name}'", item, languages).items():
                texts[language][name] = value
        steps_node = fields.get("steps")
        if steps_node is None:
            raise reader.fail(item, f"{what}: 'steps' is missing — list the steps per language")
        steps_fields = reader.mapping(steps_node, f"{what}: 'steps'")
        steps = {}
        for language in languages:
            lines = reader.sequence(steps_fields.get(language, steps_node), f"{what}: 'steps.{language}'")
            steps[language] = tuple(reader.text(line, f"{what}: a step in '{language}'", line) for line in lines)
        if len({len(lines) for lines in steps.values()}) > 1:
            raise reader.fail(steps_node, f"{what}: every language needs the same number of steps")
        doses_node = fields.get("doses")
        if doses_node is None:
            raise reader.fail(item, f"{what}: 'doses' is missing — give the dose per stage ({', '.join(stage_ids)})")
        doses: dict[str, Dose] = {}
        dose_fields = reader.mapping(doses_node, f"{what}: 'doses'")
        for stage_id, node in dose_fields.items():
            if stage_id not in stage_ids:
                raise reader.fail(node, f"{what}: '{stage_id}' is not a stage — use {', '.join(stage_ids)}")
        for stage_id in stage_ids:  # in the stages' order, whatever the file's
            if stage_id in dose_fields:
                doses[stage_id] = _dose(reader, dose_fields[stage_id], f"{what}: doses.{stage_id}", doses)
        if not doses:
            raise reader.fail(doses_node, f"{what}: give a dose for at least one stage")
        for name in fields:
            if name not in ("id", "drawing", "steps", "doses", "easier", "harder", *EXERCISE_TEXTS):
                raise reader.fail(fields[name], f"{what}: '{name}' is not part of an exercise — check the spelling")
        links = {name: str(reader.value(fields[name])) for name in ("easier", "harder") if name in fields}
        exercises.append(Exercise(exercise_id, drawing, texts, steps, doses, links.get("easier"), links.get("harder")))
    for exercise in exercises:
        for name in ("easier", "harder"):
            other = getattr(exercise, name)
            if other is not None and other not in nodes:
                raise reader.fail(reader.mapping(nodes[exercise.id], "")[name],
                                  f"exercise {exercise.id}: '{name}' names '{other}', which is not an exercise here")

    def words(node_name: str, names: tuple[str, ...]) -> dict[str, dict[str, str]]:
        node = top.get(node_name)
        if node is None:
            raise reader.fail(root, f"'{node_name}' is missing")
        fields = reader.mapping(node, f"'{node_name}'")
        result = {language: {} for language in languages}
        for name in names:
            for language, value in reader.per_language(fields.get(name), f"'{node_name}.{name}'", node,
                                                       languages).items():
                result[language][name] = value.replace("{limit}", str(limit)).replace("{severe}", str(severe))
        for name, value in fields.items():
            if name not in names:
                raise reader.fail(value, f"'{node_name}.{name}' is not one of its texts — check the spelling")
        return result

    dose_texts = words("dose_texts", DOSE_TEXTS)
    reasons = words("reasons", REASONS)
    steps_node = top.get("steps")
    if steps_node is None:
        raise reader.fail(root, f"'steps' is missing — the words of {', '.join(ADVICE)}")
    steps_fields = reader.mapping(steps_node, "'steps'")
    step_texts: dict[str, dict[str, dict[str, str]]] = {language: {} for language in languages}
    for name in ADVICE:
        node = steps_fields.get(name)
        if node is None:
            raise reader.fail(steps_node, f"'steps.{name}' is missing — give it a title and a message")
        parts = reader.mapping(node, f"'steps.{name}'")
        for part in ("title", "message"):
            for language, value in reader.per_language(parts.get(part), f"'steps.{name}.{part}'", node,
                                                       languages).items():
                step_texts[language].setdefault(name, {})[part] = value
    texts_node = top.get("texts")
    if texts_node is None:
        raise reader.fail(root, "'texts' is missing — the page's words per language")
    texts_fields = reader.mapping(texts_node, "'texts'")
    texts: dict[str, dict[str, str]] = {}
    for language in languages:
        node = texts_fields.get(language)
        if node is None:
            raise reader.fail(texts_node, f"'texts.{language}' is missing — add the words in that language")
        fields = reader.mapping(node, f"'texts.{language}'")
        for name, value in fields.items():
            if name not in TEXT_NAMES:
                raise reader.fail(value, f"'texts.{language}.{name}' is not a text the page shows — check the spelling")
        texts[language] = {
            name: reader.text(fields.get(name), f"'texts.{language}.{name}'", node)
            .replace("{limit}", str(limit)).replace("{severe}", str(severe))
            for name in TEXT_NAMES
        }
    for name in top:
        if name not in ("source", "stages", "exercises", "dose_texts", "steps", "reasons", "texts"):
            raise reader.fail(top[name], f"'{name}' is not a part of this file — check the spelling")
    return Programme(source=source, stages=tuple(stages), exercises=tuple(exercises), dose_texts=dose_texts,
                     step_texts=step_texts, reason_texts=reasons, texts=texts)
