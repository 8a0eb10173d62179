"""Printing a page in the browser as a person does: on A4, read back with poppler."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

POPPLER = ("pdfinfo", "pdftotext", "pdftoppm")


def need_poppler() -> None:
    missing = [tool for tool in POPPLER if not shutil.which(tool)]
    if missing:
        pytest.fail(f"{', '.join(missing)} (poppler-utils) missing: run `make test`", pytrace=False)


def print_a4(page, pdf: Path) -> tuple[int, str]:
    """The page printed on A4 into `pdf`: how many sheets, and the printed text with its runs of
    white space (line ends) as one space."""
    page.pdf(path=str(pdf), format="A4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    sheets = re.search(r"^Pages:\s+(\d+)$", info, re.MULTILINE)
    assert sheets, f"pdfinfo gave no page count:\n{info}"
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return int(sheets.group(1)), " ".join(text.split())
