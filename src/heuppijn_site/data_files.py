"""Reading the files editors change (data/*.yml, deploy/*.yml): a missing file or broken YAML
becomes a message that names the file and the line. No MkDocs import."""

from __future__ import annotations

from pathlib import Path
from collections.abc import Callable
from typing import Any

import yaml

# libyaml's parser where PyYAML has it (it does in the pinned wheels): the same data, several
# times faster than the pure-Python one.
SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """YAML text as data, like yaml.safe_load."""
    return yaml.load(text, Loader=SafeLoader)  # noqa: S506 - a safe loader


def read_yaml(path: Path, display_path: str, error: type[Exception]) -> Any:
    """The file's data; raises `error` with the file (and line) for a missing or broken file."""
    return _parsed(path, display_path, error, parse_yaml)


FIELDS = "be a set of 'field: value' lines"


def read_mapping(path: Path, display_path: str, error: type[Exception], *, shape: str = FIELDS,
                 empty: dict | None = None) -> tuple[dict, Callable[[str, str], Exception]]:
    """A data file whose top level is a mapping: its data, checked to be one (`shape`: what the
    file must be or have; `empty`, if given, is an empty file's data), and `fail(field, problem)`, which
    makes the error that names the file and the field that is wrong."""
    data = read_yaml(path, display_path, error)
    if data is None and empty is not None:
        data = empty
    if not isinstance(data, dict):
        raise error(f"{display_path}: the file must {shape}")

    def fail(field_name: str, problem: str) -> Exception:
        return error(f"{display_path}: '{field_name}' {problem}")

    return data, fail


def read_yaml_nodes(path: Path, display_path: str, error: type[Exception]) -> yaml.Node | None:
    """The file as YAML nodes, which know their lines (for a file whose every message names its
    line); raises `error` as read_yaml does."""
    return _parsed(path, display_path, error, lambda text: yaml.compose(text, Loader=SafeLoader))


def _parsed(path: Path, display_path: str, error: type[Exception], parse: Callable[[str], Any]) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{display_path} is missing") from None
    try:
        return parse(text)
    except (yaml.YAMLError, ValueError) as problem:  # ValueError: a date like 2026-13-01
        mark = getattr(problem, "problem_mark", None)
        line = f":{mark.line + 1}" if mark is not None else ""
        reason = getattr(problem, "problem", None) or str(problem)
        raise error(
            f"{display_path}{line}: not valid YAML ({reason}) — check the indentation, and put "
            f"text that contains ': ' between double quotes"
        ) from None


def texts_per_language(
    node: Any,
    field_name: str,
    languages: tuple[str, ...],
    fail: Callable[[str, str], Exception],
    cite_where: str,
) -> dict[str, str]:
    """A text in every language from `node` ({nl: …, en: …}), whitespace collapsed. `fail(field,
    problem)` makes the error to raise; `cite_where` says where citations go instead."""
    if not isinstance(node, dict):
        raise fail(field_name, f"must have a text per language ({', '.join(languages)})")
    result = {}
    for language in languages:
        value = node.get(language)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{field_name}.{language}", "is missing — add the text in that language")
        if "[@" in value:
            raise fail(f"{field_name}.{language}", f"cannot cite: put citations in {cite_where}")
        result[language] = " ".join(value.split())
    return result



def value_line(path: Path, *route: str | tuple[str, str]) -> int:
    """The line (from 1) where a value starts in a YAML file, for a message about it. `route`:
    the keys down to it; a pair ("id", "x") picks the item of a list whose id is x. 1 when the
    file cannot be read or has no such value (its own check names the problem)."""
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except (OSError, yaml.YAMLError, ValueError):
        return 1
    for step in route:
        if isinstance(step, tuple) and isinstance(node, yaml.SequenceNode):
            key, wanted = step
            node = next((item for item in node.value if isinstance(item, yaml.MappingNode)
                         and any(k.value == key and v.value == wanted for k, v in item.value)), None)
        elif isinstance(step, str) and isinstance(node, yaml.MappingNode):
            node = next((value for key, value in node.value if key.value == step), None)
        else:
            node = None
        if node is None:
            return 1
    return node.start_mark.line + 1
