"""The build is reproducible: every dependency is pinned, and the lock file agrees with pyproject."""

from __future__ import annotations

import re
import tomllib

from heuppijn_site.tools.site_tools import ROOT


def normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "requirements.lock").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"requirements.lock: '{line}' is not pinned with =="
            pins[normalise(name)] = version
    return pins


def test_every_direct_dependency_is_pinned_exactly_and_locked_at_that_version():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    lock = locked()
    for requirement in requirements:
        name, operator, version = re.match(r"^([\w.-]+)\s*(==)?\s*(.*)$", requirement).groups()
        assert operator == "==", f"pyproject.toml: pin {requirement!r} exactly (name==version)"
        assert lock.get(normalise(name)) == version, (
            f"requirements.lock has {name} {lock.get(normalise(name))}, pyproject.toml {version}: "
            f"run 'make lock'"
        )
