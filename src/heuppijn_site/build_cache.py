"""What a build step worked out, kept for the next build: keyed on the content it worked from,
so a result is used again only for the same input, and a build with the cache gives the same
bytes as one without.

The cache is a folder (`<project>/.cache/`, ignored by git): a JSON file per step that keeps
results, a pickle of what a step read (the parsed stylesheets), Jinja's compiled templates in
templates/, the QR codes in qr/. HEUPPIJN_CACHE=off builds
without it; HEUPPIJN_CACHE=/some/folder puts it there. A cache that is missing, unreadable, or
from other code or other input is ignored; one that cannot be written costs time, nothing else.
Each build writes back only the entries it used, so a step's file never grows past one build's
worth. Pure logic; no MkDocs import.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache

CACHE_ENV = "HEUPPIJN_CACHE"
DEFAULT_FOLDER = Path(".cache")


def cache_folder(root: Path, part: str | None = None) -> Path | None:
    """Where the project's build keeps its cache (or that `part` of it); None when
    HEUPPIJN_CACHE=off."""
    value = os.environ.get(CACHE_ENV, "").strip()
    if value.lower() == "off":
        return None
    folder = Path(value) if value else root / DEFAULT_FOLDER
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
        _write_at_once(self.path, text.encode("utf-8"))


class ObjectCache:
    """One Python object a step made from its input (parsed stylesheets), kept as a pickle:
    read back only with the same `version`. Any problem reading it means making it again."""

    def __init__(self, folder: Path | None, name: str, version: str) -> None:
        self.path = None if folder is None else folder / f"{name}.pickle"
        self.version = version

    def get(self, make: Callable[[], Any]) -> Any:
        if self.path is not None:
            try:
                version, value = pickle.loads(self.path.read_bytes())  # noqa: S301 - written by save() below
                if version == self.version:
                    return value
            except Exception:  # noqa: BLE001 - missing, damaged, or from other code: made again
                pass
        value = make()
        self._save(value)
        return value

    def _save(self, value: Any) -> None:
        if self.path is None:
            return
        _write_at_once(self.path, pickle.dumps((self.version, value), protocol=pickle.HIGHEST_PROTOCOL))


def _write_at_once(path: Path, data: bytes) -> None:
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
    here adds the environment's settings and extensions, which change what a template compiles
    to. A file that cannot be written is left out."""

    def get_bucket(self, environment: jinja2.Environment, name: str, filename: str | None,
                   source: str) -> jinja2.bccache.Bucket:
        settings = content_key(
            jinja2.__version__, *sorted(environment.extensions),
            *(repr(getattr(environment, option)) for option in TEMPLATE_SETTINGS),
            getattr(environment.autoescape, "__qualname__", repr(environment.autoescape)),
        )
        return super().get_bucket(environment, f"{name}\0{settings}", filename, source)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().dump_bytecode(bucket)
        except OSError:
            pass


# What a template compiles to depends on (besides its source and the extensions).
TEMPLATE_SETTINGS = ("block_start_string", "block_end_string", "variable_start_string", "variable_end_string",
                     "comment_start_string", "comment_end_string", "line_statement_prefix",
                     "line_comment_prefix", "trim_blocks", "lstrip_blocks", "newline_sequence",
                     "keep_trailing_newline", "optimized", "is_async")


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
