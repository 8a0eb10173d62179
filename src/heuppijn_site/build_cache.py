"""What a build step worked out, kept for the next build: keyed on the content it worked from,
so a result is used again only for the same input, and a build with the cache gives the same
bytes as one without.

The cache is a folder (`<project>/.cache/`, ignored by git): a JSON file per step that keeps
results, a pickle of what a step read (the parsed stylesheets), Jinja's compiled templates in
templates/, the QR codes in qr/. HEUPPIJN_CACHE=off builds without it; HEUPPIJN_CACHE=DIR puts
it in DIR (a relative one in the project). A cache that is missing, damaged, or from other code
or other input is ignored; one that cannot be written costs time, nothing else. A step's JSON
file keeps only what the last build used; compiled templates and QR codes stay until `make
clean` (one file per template and per address: a handful a year). Pure logic; no MkDocs
import.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
import jinja2.utils

CACHE_ENV = "HEUPPIJN_CACHE"
DEFAULT_FOLDER = Path(".cache")


def cache_folder(root: Path, part: str | None = None) -> Path | None:
    """Where the project's build keeps its cache (or that `part` of it); None when
    HEUPPIJN_CACHE=off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() == "off":
        return None
    folder = root / (value or DEFAULT_FOLDER)  # a relative folder is the project's
    return folder if part is None else folder / part


def content_key(*parts: str | bytes) -> str:
    """A key for these parts, in this order (each part's length is hashed too, so no two lists
    of parts share a key)."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


class StepCache:
    """One step's results from the last build. `version` is a key of everything besides an
    entry's own key that the results depend on (the code, the data, the versions of the
    libraries): when it differs, the last build's results are not used."""

    def __init__(self, folder: Path | None, step: str, version: str) -> None:
        self.path = None if folder is None else folder / f"{step}.json"
        self.version = version
        self._old: dict[str, Any] = self._read()
        self._new: dict[str, Any] = {}
        self._changed = False

    def _read(self) -> dict[str, Any]:
        if self.path is None:
            return {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(data, dict) or data.get("version") != self.version:
            return {}
        entries = data.get("entries")
        return entries if isinstance(entries, dict) else {}

    def get(self, key: str, valid: Callable[[Any], bool]) -> Any | None:
        """The entry for `key`, if the last build left one that `valid` accepts."""
        if key in self._new:
            return self._new[key]
        value = self._old.get(key)
        if value is None or not valid(value):
            return None
        self._new[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self._new[key] = value
        self._changed = True

    def save(self) -> None:
        """Write the entries this build used, at once (no reader sees half a file)."""
        if self.path is None or not (self._changed or self._new.keys() != self._old.keys()):
            return
        text = json.dumps({"version": self.version, "entries": self._new}, ensure_ascii=False)
        write_at_once(self.path, text.encode("utf-8"))


class ObjectCache:
    """One Python object a step made from its input (parsed stylesheets), kept as a pickle:
    read back only with the same `version`. Any problem reading it means making it again."""

    def __init__(self, folder: Path | None, name: str, version: str) -> None:
        self.path = None if folder is None else folder / f"{name}.pickle"
        self.version = version

    def get(self, make: Callable[[], Any]) -> Any:
        if self.path is not None:
            try:
                with self.path.open("rb") as file:
                    # The version first, on its own: the object is read only when it matches.
                    if pickle.load(file) == self.version:  # noqa: S301 - written by _save below
                        return pickle.load(file)  # noqa: S301
            except Exception:  # noqa: BLE001 - missing, damaged, or from other code: made again
                pass
        value = make()
        self._save(value)
        return value

    def _save(self, value: Any) -> None:
        if self.path is None:
            return
        write_at_once(self.path, pickle.dumps(self.version, protocol=pickle.HIGHEST_PROTOCOL)
                       + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def write_at_once(path: Path, data: bytes) -> None:
    """Write a file whole or not at all (no reader sees half of it); a disk that refuses costs
    the next build time, nothing else."""
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=path.name, suffix=".tmp", dir=path.parent)
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.replace(temporary, path)
    except OSError:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)


class TemplateCache(jinja2.FileSystemBytecodeCache):
    """Jinja's compiled templates, kept between builds: compiling the theme's templates is a
    good part of a build. Jinja checks each template's source (and its own version); the key
    here adds everything else a template compiles to depends on: the environment's settings and
    extensions, and its filters, tests and `finalize` (which function each is, its code, and
    how it is called: Jinja works out filters on constants while compiling). A file that cannot
    be read or written is left out: the template is compiled."""

    def __init__(self, directory: str) -> None:
        super().__init__(directory)
        self._keys: dict[tuple, str] = {}  # _compiled_with's, while the same functions are set

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        # Cheap to make: the objects themselves (alive while they are set, so no id is reused).
        which = (id(environment), *(getattr(environment, option) for option in TEMPLATE_SETTINGS),
                 id(environment.autoescape), id(environment.finalize), tuple(environment.extensions),
                 *((name, id(f)) for name, f in environment.filters.items()),
                 *((name, id(f)) for name, f in environment.tests.items()))
        if which not in self._keys:
            self._keys[which] = _compiled_with(environment)
        return super().get_bucket(environment, f"{name}\0{self._keys[which]}", filename, source)

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except Exception:  # noqa: BLE001 - a damaged file: compiled again, and written anew
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


# The settings of an environment that change what a template compiles to.
TEMPLATE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix",
                     "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
                     "keep_trailing_newline", "optimized", "is_async")


def _compiled_with(environment: jinja2.Environment) -> str:
    return content_key(
        jinja2.__version__, *sorted(environment.extensions),
        *(repr(getattr(environment, option)) for option in TEMPLATE_SETTINGS),
        _callable_key(environment.autoescape), _callable_key(environment.finalize),
        *(f"filter {name} {_callable_key(function)}" for name, function in sorted(environment.filters.items())),
        *(f"test {name} {_callable_key(function)}" for name, function in sorted(environment.tests.items())),
    )


def _callable_key(function: object) -> str:
    """Which function this is, how Jinja passes it arguments, and its code."""
    if not callable(function):
        return repr(function)
    code = getattr(function, "__code__", None)
    return " ".join((
        getattr(function, "__module__", "") or "", getattr(function, "__qualname__", type(function).__qualname__),
        str(jinja2.utils._PassArg.from_obj(function)),  # noqa: SLF001 - how Jinja itself reads it
        content_key(*_code_parts(code)) if code is not None else "",
    ))


def _code_parts(code: types.CodeType) -> list[str | bytes]:
    """A function's code as bytes and names, its nested functions' too (marshal's bytes are not
    the same from run to run)."""
    parts: list[str | bytes] = [code.co_code, repr(code.co_names)]
    for constant in code.co_consts:
        parts.extend(_code_parts(constant) if isinstance(constant, types.CodeType) else [_constant(constant)])
    return parts


def _constant(value: object) -> str:
    """A constant as text, the same in every run (a set's order changes with hash seeds)."""
    if isinstance(value, (set, frozenset)):
        return f"{{{', '.join(sorted(map(_constant, value)))}}}"
    if isinstance(value, tuple):
        return f"({', '.join(map(_constant, value))})"
    return repr(value)


def template_cache(folder: Path | None) -> TemplateCache | None:
    """A cache of compiled templates in `folder`, or None (no cache, or a folder that cannot be
    made)."""
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return TemplateCache(str(folder))
