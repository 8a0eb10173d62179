"""The warning signs (data/warning_signs.yml): when to get help and how urgently.

Four levels, most urgent first: call 112 now; call your GP (or the huisartsenpost) now; see your
GP within a few days; contact your physiotherapist or GP. Each sign has one level, a text per
language and a source. Every page and the pain-rule checker take the signs from here, so a sign
is worded once and has the same level everywhere. Wherever a text says the emergency number
(112), a page shows it as a link that calls it from a phone (`EmergencyNumber`,
overrides/partials/call-link.html). Pure logic; no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heuppijn_site.data_files import read_mapping, texts_per_language, value_line
from heuppijn_site.errors import SiteError

# The levels, most urgent first. The names are also the checker's `data-level` values.
LEVELS = ("emergency", "urgent", "soon", "contact")
SIGN_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ANCHOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
CITATION = re.compile(r"^\[@[^\]]+\]$")
TEXT_NAMES = ("lead", "more", "routes_heading")
NUMBER = re.compile(r"^[0-9]{3,}$")


class WarningSignsError(SiteError):
    """A mistake in the warning-signs file; the message names the file, the field and the fix."""


@dataclass(frozen=True)
class Level:
    name: str
    anchor: dict[str, str]  # per language: the id of the level's heading on a page
    title: dict[str, str]  # per language: the action, e.g. "Bel nu 112"
    instruction: dict[str, str]  # per language: what to do, in a few short sentences


@dataclass(frozen=True)
class Sign:
    id: str
    level: str
    text: dict[str, str]  # per language
    source: str  # citation syntax, e.g. "[@nhs-broken-hip]"


@dataclass(frozen=True)
class EmergencyNumber:
    """The number to call in an emergency, and what a link that calls it says it does."""

    number: str  # "112"
    label: dict[str, str]  # per language: the link's name for a screen reader, e.g. "Bel 112"

    def split(self, text: str) -> list[str]:
        """The text before and after the first time it says the number ([text] when it does not):
        a template puts the link between them. Only the number on its own counts, not 1120."""
        return re.split(rf"(?<![0-9]){re.escape(self.number)}(?![0-9])", text, maxsplit=1)


@dataclass(frozen=True)
class WarningSigns:
    levels: dict[str, Level]  # in the order of LEVELS
    signs: tuple[Sign, ...]  # in the order of the file
    texts: dict[str, dict[str, str]]  # [language][name]
    routes: dict[str, tuple[str, ...]]  # [language] -> Markdown lines: who to call when
    emergency_number: EmergencyNumber

    def by_level(self, names: Iterable[str] = LEVELS) -> list[tuple[Level, list[Sign]]]:
        """The given levels, most urgent first, each with its signs (levels without signs left
        out). A sign's id among the names adds that one sign, under its own level."""
        wanted = set(names)
        grouped = []
        for name in LEVELS:
            signs = [sign for sign in self.signs if sign.level == name and (name in wanted or sign.id in wanted)]
            if signs:
                grouped.append((self.levels[name], signs))
        return grouped

    def sign(self, sign_id: str) -> Sign:
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise KeyError(sign_id)

    def sources(self, signs: Iterable[Sign]) -> str:
        """One citation group for the signs, e.g. "[@a; @b]", each source once, in order."""
        keys: list[str] = []
        for sign in signs:
            for key in sign.source.strip("[]").split(";"):
                key = key.strip()
                if key and key not in keys:
                    keys.append(key)
        return f"[{'; '.join(keys)}]" if keys else ""


def load_warning_signs(path: Path, languages: Iterable[str], display_path: str | None = None) -> WarningSigns:
    """Read and check the file. Raises WarningSignsError naming the file, the field and the fix."""
    where = display_path or path.as_posix()
    languages = tuple(languages)
    data, fail = read_mapping(path, where, WarningSignsError)

    def text(node: Any, field_name: str) -> dict[str, str]:
        return texts_per_language(node, field_name, languages, fail, "the sign's 'source'")

    levels_node = data.get("levels")
    if not isinstance(levels_node, dict):
        raise fail("levels", f"must list the levels {', '.join(LEVELS)}")
    for name in levels_node:
        if name not in LEVELS:
            raise fail(f"levels.{name}", f"is not a level — the levels are {', '.join(LEVELS)}")
    levels: dict[str, Level] = {}
    anchors_seen: dict[tuple[str, str], str] = {}
    for name in LEVELS:
        node = levels_node.get(name)
        if not isinstance(node, dict):
            raise fail(f"levels.{name}", "is missing — every level needs an anchor, a title and an instruction")
        anchor = text(node.get("anchor"), f"levels.{name}.anchor")
        for language, value in anchor.items():
            if not ANCHOR.match(value):
                raise fail(f"levels.{name}.anchor.{language}", f"{value!r} must be lowercase words joined by hyphens")
            if (language, value) in anchors_seen:
                raise fail(f"levels.{name}.anchor.{language}",
                           f"'{value}' is also the anchor of {anchors_seen[language, value]} — give each level its own")
            anchors_seen[language, value] = name
        levels[name] = Level(
            name=name,
            anchor=anchor,
            title=text(node.get("title"), f"levels.{name}.title"),
            instruction=text(node.get("instruction"), f"levels.{name}.instruction"),
        )

    signs_node = data.get("signs")
    if not isinstance(signs_node, list) or not signs_node:
        raise fail("signs", "must list the warning signs, each with an id, a level, a text per language and a source")
    signs: list[Sign] = []
    for number, node in enumerate(signs_node, start=1):
        sign_id = node.get("id") if isinstance(node, dict) else None
        if not isinstance(sign_id, str) or not SIGN_ID.match(sign_id):
            raise fail(f"signs[{number}].id", "must be lowercase words joined by hyphens, e.g. fever-hip-pain")
        if sign_id in LEVELS:
            raise fail(f"signs[{number}].id", f"'{sign_id}' is the name of a level — a page's marker could not "
                                              "tell them apart; give the sign an id that says what it is")
        if any(sign.id == sign_id for sign in signs):
            raise fail(f"signs[{number}].id", f"'{sign_id}' is used twice — give each sign its own id")
        level = node.get("level")
        if level not in LEVELS:
            raise fail(f"signs.{sign_id}.level", f"{level!r} is not a level — use one of {', '.join(LEVELS)}")
        source = str(node.get("source") or "").strip()
        if not CITATION.match(source):
            raise fail(f"signs.{sign_id}.source",
                       "must cite where the sign and its level come from, e.g. \"[@nhs-broken-hip]\"")
        signs.append(Sign(id=sign_id, level=level, text=text(node, f"signs.{sign_id}"), source=source))

    texts_node = data.get("texts")
    if not isinstance(texts_node, dict):
        raise fail("texts", f"must hold the words around the lists ({', '.join(TEXT_NAMES)}, routes)")
    texts: dict[str, dict[str, str]] = {language: {} for language in languages}
    for name in TEXT_NAMES:
        for language, value in text(texts_node.get(name), f"texts.{name}").items():
            texts[language][name] = value
    routes_node = texts_node.get("routes")
    routes: dict[str, tuple[str, ...]] = {}
    for language in languages:
        lines = routes_node.get(language) if isinstance(routes_node, dict) else None
        if not isinstance(lines, list) or not lines or not all(isinstance(line, str) and line.strip() for line in lines):
            raise fail(f"texts.routes.{language}", "must be a list of lines: who to call, and when")
        routes[language] = tuple(" ".join(line.split()) for line in lines)

    # The emergency number; its messages name the line, as the number is short and easy to miss.
    def number_fail(*route: str, problem: str) -> WarningSignsError:
        return WarningSignsError(f"{where}:{value_line(path, *route)}: '{'.'.join(route)}' {problem}")

    number_node = data.get("emergency_number")
    number = str(number_node.get("number") or "").strip() if isinstance(number_node, dict) else ""
    if not NUMBER.match(number):
        raise number_fail("emergency_number", "number", problem="must be the number to call in an emergency, "
                          "in digits between quotes, with a label per language: number: \"112\"")
    label = text(number_node.get("label"), "emergency_number.label")
    for language, value in label.items():
        if number not in value:
            raise number_fail("emergency_number", "label", language, problem=f"{value!r} must say {number}: "
                              f"a screen reader's name for the link holds the words it shows (e.g. 'Bel {number}')")
    emergency_number = EmergencyNumber(number=number, label=label)

    return WarningSigns(levels=levels, signs=tuple(signs), texts=texts, routes=routes,
                        emergency_number=emergency_number)
