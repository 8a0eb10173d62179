"""Printing a page in the browser as a person does: on A4, read back with poppler."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{', '.join(missing)} (poppler-utils) missing: run `make test`", pytrace=False)


def print_a4(page, pdf: Path) -> tuple[str, str]:
    """The page printed on A4 into `pdf`: pdfinfo's report and the printed text, its runs of
    white space (line ends) as one space."""
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return info, " ".join(text.split())
