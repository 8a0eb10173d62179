"""One family of errors: every mistake an editor can make is a SiteError, which names the file,
the line and the fix, and which the MkDocs glue turns into MkDocs' own error in one place."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import heuppijn_site
from heuppijn_site.errors import SiteError


def test_a_site_error_names_the_file_the_line_and_the_fix():
    error = SiteError("unknown reference 'leap-2019'", file="docs/nl/oorzaken.md", line=14,
                      fix="known keys: leap-2018")
    assert str(error) == "docs/nl/oorzaken.md:14: unknown reference 'leap-2019' — known keys: leap-2018"
    assert (error.file, error.line, error.fix) == ("docs/nl/oorzaken.md", 14, "known keys: leap-2018")
    assert str(SiteError("data/x.yml: is missing")) == "data/x.yml: is missing"


def test_every_error_class_of_the_package_is_a_site_error():
    classes = {}
    for module in pkgutil.walk_packages(heuppijn_site.__path__, "heuppijn_site."):
        if ".tools." in module.name:  # the commands: they run tools, and report no editor's mistake
            continue
        for name, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, Exception) and value.__module__ == module.name:
                classes[f"{module.name}.{name}"] = value
    assert len(classes) >= 20, sorted(classes)
    assert {name for name, value in classes.items() if not issubclass(value, SiteError)} == set()
