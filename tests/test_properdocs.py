"""ProperDocs, a maintained fork of MkDocs 1.x, builds this site byte for byte as MkDocs does:
the project can move to it (or stay) without a reader seeing any difference.

ProperDocs runs from its own environment, .venv-properdocs (`make test` creates it from
requirements-properdocs.lock), with its own `properdocs` command; our hooks' `mkdocs.*` imports
reach ProperDocs' modules there."""

from __future__ import annotations

import difflib
import re
import subprocess
from pathlib import Path

import pytest
from heuppijn_site.tools.site_tools import ROOT, build_env

PROPERDOCS = ROOT / ".venv-properdocs" / "bin" / "properdocs"
LOCK = ROOT / "requirements.lock"
PROPERDOCS_LOCK = ROOT / "requirements-properdocs.lock"
DIFF_LINES = 20  # lines of the first differing file shown in a failure
SITEMAPS = {"sitemap.xml", "sitemap.xml.gz"}


def pins(lock: Path) -> dict[str, str]:
    """name → version for every `name==version` line of a lock file (names normalised)."""
    found = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, _, version = line.partition("==")
            assert version, f"{lock.name}: '{line}' is not pinned with =="
            found[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return found


def test_the_properdocs_lock_pins_everything_else_as_requirements_lock_does():
    properdocs = pins(PROPERDOCS_LOCK)
    main = pins(LOCK)
    assert "properdocs" in properdocs, f"{PROPERDOCS_LOCK.name} does not pin properdocs"
    different = {name: (version, main.get(name)) for name, version in properdocs.items()
                 if name != "properdocs" and main.get(name) != version}
    assert not different, (
        f"{PROPERDOCS_LOCK.name} pins these differently from {LOCK.name} "
        f"(name: its version, requirements.lock's): {different}"
    )


def files(site: Path) -> dict[str, Path]:
    return {path.relative_to(site).as_posix(): path for path in site.rglob("*") if path.is_file()}


def first_difference(mkdocs_file: Path, properdocs_file: Path) -> str:
    """The first differing lines of two files, as a unified diff (or the first differing byte)."""
    old, new = mkdocs_file.read_bytes(), properdocs_file.read_bytes()
    try:
        old_lines = old.decode("utf-8").splitlines()
        new_lines = new.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        offset = next((i for i, (a, b) in enumerate(zip(old, new)) if a != b), min(len(old), len(new)))
        return (f"binary files differ from byte {offset} on "
                f"(MkDocs {len(old)} bytes, ProperDocs {len(new)} bytes)")
    diff = difflib.unified_diff(old_lines, new_lines, "MkDocs", "ProperDocs", n=1, lineterm="")
    lines = list(diff)
    shown = "\n".join(line[:300] for line in lines[:DIFF_LINES])
    more = f"\n… {len(lines) - DIFF_LINES} more diff lines" if len(lines) > DIFF_LINES else ""
    return shown + more if lines else "the same lines, different line endings or final newline"


@pytest.mark.tools
def test_properdocs_builds_the_site_byte_for_byte_as_mkdocs_does(site: Path, tmp_path: Path):
    if not PROPERDOCS.exists():
        pytest.fail(f"ProperDocs is not installed ({PROPERDOCS.relative_to(ROOT)} is missing): "
                    "run `make test`, which creates .venv-properdocs", pytrace=False)
    properdocs_site = tmp_path / "site"
    result = subprocess.run(
        [str(PROPERDOCS), "build", "--strict", "--clean", "-f", "mkdocs.yml", "-d", str(properdocs_site)],
        cwd=ROOT, env=build_env(ROOT), capture_output=True, text=True, timeout=300,
    )
    if result.returncode != 0:
        pytest.fail(f"the strict ProperDocs build failed:\n{result.stdout}\n{result.stderr}", pytrace=False)

    mkdocs_files, properdocs_files = files(site), files(properdocs_site)
    only_mkdocs = sorted(mkdocs_files.keys() - properdocs_files.keys())
    only_properdocs = sorted(properdocs_files.keys() - mkdocs_files.keys())
    differing = sorted(name for name in mkdocs_files.keys() & properdocs_files.keys()
                       if mkdocs_files[name].read_bytes() != properdocs_files[name].read_bytes())
    if not (only_mkdocs or only_properdocs or differing):
        return
    report = ["ProperDocs' build differs from MkDocs' build:"]
    for heading, names in (("only in MkDocs' build", only_mkdocs),
                           ("only in ProperDocs' build", only_properdocs),
                           ("different bytes", differing)):
        if names:
            report.append(f"{heading} ({len(names)}): " + ", ".join(names))
    if differing:
        first = differing[0]
        report.append(f"first differences in {first}:\n"
                      + first_difference(mkdocs_files[first], properdocs_files[first]))
        if set(differing) <= SITEMAPS and not (only_mkdocs or only_properdocs):
            report.append("Only the sitemap differs: both write the build date (UTC) into it, so "
                          "two builds either side of midnight UTC differ there. Run the test again.")
    pytest.fail("\n".join(report), pytrace=False)
