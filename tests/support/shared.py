"""What the workers of one test run share (pytest-xdist runs the suite on every core): folders
that take long to make, such as a built site, made once for the run by whichever worker asks first."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def one_worker_at_a_time(lock: Path) -> Iterator[None]:
    with lock.open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def shared_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder every worker of this run shares (pytest-xdist gives each worker a folder below it)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """A folder `build(folder)` fills, made once for the whole run, however many workers ask.
    The build reports a failure itself; a worker that finds a finished folder only reads it."""
    shared = shared_folder(tmp_path_factory)
    folder = shared / name
    with one_worker_at_a_time(shared / f"{name}.lock"):
        done = shared / f"{name}.done"
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            build(folder)
            done.touch()
    return folder
