"""The markers a page may hold, and what is wrong with one that is almost a marker.

A marker is an HTML comment that the build replaces (`<!-- warning-signs -->`,
`<!-- pain-check -->`, …). A mistyped one (`<!-- warning-sign -->`, `<!-- Pain-check -->`) would
stay an invisible comment, and a page would silently lose its warning signs; one that is indented
(in a list or a box) would break the page's layout. Both stop the build with the fix. Pure logic.
"""

from __future__ import annotations

import re

from heuppijn_site.clinicians.kit import MARKERS as KIT_PARTS
from heuppijn_site.content.citations_extension import BIBLIOGRAPHY_MARKER
from heuppijn_site.content.glossary_extension import MARKER as GLOSSARY_MARKER
from heuppijn_site.content.warning_signs import LEVELS
from heuppijn_site.content.warning_signs_extension import ROUTES_MARKER, SIGNS_MARKER
from heuppijn_site.exercises.exercises_extension import MARKERS as EXERCISE_MARKERS
from heuppijn_site.exercises.exercises_extension import PHASE_MARKER
from heuppijn_site.pain_rule.checker_extension import MARKER as CHECKER_MARKER
from heuppijn_site.pain_rule.diary_extension import MARKERS as DIARY_MARKERS

# Markers that stand for a block of their own: alone on a line, at its start.
BLOCK_MARKERS = (BIBLIOGRAPHY_MARKER, GLOSSARY_MARKER, ROUTES_MARKER, CHECKER_MARKER, *DIARY_MARKERS,
                 *EXERCISE_MARKERS, *(f"<!-- clinician-{part} -->" for part in KIT_PARTS))
# Markers that stand in a sentence: the publisher's name and how to reach them.
INLINE_MARKERS = ("<!-- publisher -->", "<!-- publisher-contact -->")
# Anything that looks like one of them: an HTML comment that starts with one of their words.
LOOKS_LIKE_A_MARKER = re.compile(
    r"<!--\s*(?:warning|care|pain|glossar|bibliograph|publisher|clinician|exercis)[^>]*?-->", re.IGNORECASE)
CODE = re.compile(r"^(\s*)(`{3,}|~{3,})")


def marker_problems(text: str, path: str, first_line: int = 1) -> list[str]:
    """What is wrong with the markers in a page's Markdown (outside code), with file and line."""
    problems = []
    fence = ""
    for number, line in enumerate(text.split("\n"), start=first_line):
        code = CODE.match(line)
        if code and (not fence or code.group(2)[0] == fence[0]):
            fence = "" if fence else code.group(2)
            continue
        if fence:
            continue
        for match in LOOKS_LIKE_A_MARKER.finditer(line):
            marker = match.group(0)
            where = f"{path}:{number}"
            if marker in INLINE_MARKERS:
                continue
            # A warning-signs marker with a level that does not exist gets its own message.
            if marker not in BLOCK_MARKERS and not SIGNS_MARKER.fullmatch(marker) \
                    and not PHASE_MARKER.fullmatch(marker):
                problems.append(f"{where}: '{marker}' is not a marker the site knows — write one of "
                                f"{', '.join(BLOCK_MARKERS + INLINE_MARKERS)}, <!-- exercises phase N --> or "
                                f"<!-- warning-signs -->, optionally with levels ({', '.join(LEVELS)})")
            elif line.strip() != marker or line != line.lstrip():
                problems.append(f"{where}: '{marker}' must be alone on its line, at its start (not in "
                                f"a list, a box or a sentence), with an empty line above and below")
    return problems
