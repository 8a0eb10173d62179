"""The exercise programme as a Python-Markdown extension (data/exercises.yml, see programme.py):

- `<!-- exercises phase 2 -->`: that recovery phase's programme (a table per stage of the trial,
  with the dose of every exercise), the link to its printable card, and each exercise that
  starts in it: its drawing, numbered steps, dose per stage, what you feel, the common mistake,
  the easier and harder version and the pain rule (overrides/partials/exercises-phase.html);
- `<!-- exercise-check -->`: step up, stay or step back after a session, with the answer for
  every set of answers as JSON and, without JavaScript, a table (exercise-check.html);
- `<!-- exercise-cards -->`: one printable card per phase, with a week of tick boxes, the
  address of the phase's exercises and its QR code (exercise-cards.html);
- `<!-- exercise-card-links -->`: a link to each phase's card with its QR code, for referrers.

    markdown.markdown(text, extensions=[ExercisesExtension(language="en")])

It runs before the glossary and the citations, which number the programme's source with the
page's own.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES, languages_here
from heuppijn_site.errors import SiteError
from heuppijn_site.clinicians.clinician_links import QrCodes
from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.exercises.programme import PHASES, Programme, load_exercises
from heuppijn_site.exercises.step_rule import EFFORT_VALUES, NEXT_DAY_VALUES, PAIN_VALUES, step_table
from heuppijn_site.html_templates import html_block, template_env
from heuppijn_site.markdown_text import page_language, page_options, raw_html, register
from heuppijn_site.pain_rule.checker_extension import load_checker

NAME = "heuppijn_site.exercises.exercises_extension"
EXERCISES_FILE = DATA_FILES["exercises"]
RULES_FILE = DATA_FILES["pain_rules"]
SIGNS_FILE = DATA_FILES["warning_signs"]
PHASE_MARKER = re.compile(r"^<!-- exercises phase (\d+) -->$", re.MULTILINE)
CHECK_MARKER = "<!-- exercise-check -->"
CARDS_MARKER = "<!-- exercise-cards -->"
CARD_LINKS_MARKER = "<!-- exercise-card-links -->"
MARKERS = (CHECK_MARKER, CARDS_MARKER, CARD_LINKS_MARKER)
# Any marker of this extension, for the check of a page's markers (content/markers.py).
ANY_MARKER = re.compile(r"<!-- exercises phase \d+ -->|" + "|".join(map(re.escape, MARKERS)))


class ExercisesPageError(SiteError):
    """A marker asks for something the programme does not have; the message names the line."""


def cited_keys(text: str, programme: Programme) -> set[str]:
    """The works the programme cites on a page: its source, under every phase it shows."""
    if not PHASE_MARKER.search(text):
        return set()
    return {key for citation in find_citations(programme.source, EXERCISES_FILE) for key in citation.keys}


def _fill(text: str, **values: object) -> str:
    for name, value in values.items():
        text = text.replace("{" + name + "}", str(value))
    return text


def with_exercises(
    markdown: str,
    *,
    programme: Programme,
    limit: int,
    severe: int,
    language: str,
    env: Any,
    images_url: str,
    script_url: str = "",
    contact_url: str = "",
    contact_title: str = "",
    contact_address: str = "",
    exercises_url: str = "",
    exercises_address: str = "",
    cards_url: str = "",
    qr_codes: QrCodes | str | None = None,
    path: str = "the page",
    first_line: int = 1,
) -> str:
    """The Markdown with the exercise markers replaced by their HTML."""
    texts = programme.texts[language]

    def anchor(name: str, phase: int) -> str:
        return _fill(texts[name], phase=phase)

    def phase_block(match: re.Match[str]) -> str:
        phase = int(match.group(1))
        if phase not in PHASES:
            line = first_line + markdown.count("\n", 0, match.start())
            raise ExercisesPageError(f"{path}:{line}: there is no phase {phase} — write <!-- exercises phase N --> "
                                     f"with N from {PHASES[0]} to {PHASES[-1]}")
        return raw_html(html_block(
            env, "partials/exercises-phase.html", programme=programme, phase=phase, language=language,
            texts=texts, stages=programme.stages_of(phase), beyond=programme.beyond_trial(phase),
            introduced=programme.introduced_in(phase), images_url=images_url,
            card_url=f"{cards_url}#{anchor('card_anchor', phase)}",
            pain_rule=texts["pain_rule"],
        ))

    markdown = PHASE_MARKER.sub(phase_block, markdown)
    if CHECK_MARKER in markdown:
        payload = {"steps": programme.step_texts[language], "reasons": programme.reason_texts[language],
                   **step_table(limit, severe)}
        markdown = markdown.replace(CHECK_MARKER, raw_html(html_block(
            env, "partials/exercise-check.html", texts=texts, language=language, limit=limit, severe=severe,
            pain_values=PAIN_VALUES, next_day_values=NEXT_DAY_VALUES, effort_values=EFFORT_VALUES,
            steps=programme.step_texts[language], reasons=programme.reason_texts[language],
            data_json=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
            script_url=script_url, contact_url=contact_url, contact_title=contact_title,
        )), 1)
    if CARDS_MARKER in markdown or CARD_LINKS_MARKER in markdown:
        codes = qr_codes if isinstance(qr_codes, QrCodes) else QrCodes()
        cards = []
        for phase in PHASES:
            address = f"{exercises_address}#{anchor('phase_anchor', phase)}"
            title = _fill(texts["card_heading"], phase=phase)
            cards.append({
                "phase": phase, "title": title, "anchor": anchor("card_anchor", phase),
                "stages": programme.stages_of(phase), "beyond": programme.beyond_trial(phase),
                "address": address, "link": f"{exercises_url}#{anchor('phase_anchor', phase)}",
                "qr": codes.svg(address, _fill(texts["card_qr"], phase=phase)),
            })
        for marker, template in ((CARDS_MARKER, "partials/exercise-cards.html"),
                                 (CARD_LINKS_MARKER, "partials/exercise-card-links.html")):
            if marker in markdown:
                markdown = markdown.replace(marker, raw_html(html_block(
                    env, template, programme=programme, cards=cards, texts=texts, language=language,
                    images_url=images_url, cards_url=cards_url, limit=limit, severe=severe,
                    contact_link=contact_url, contact_address=contact_address or contact_url,
                    days=[day.strip() for day in texts["card_days"].split(",")],
                )), 1)
    return markdown


class ExercisesExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "exercises": [EXERCISES_FILE, "the exercises: their file, or the programme already loaded"],
            "rules": [RULES_FILE, "the pain rules (the limit): their file, or a Checker already loaded"],
            "warning_signs": [SIGNS_FILE, "the warning signs' file (when the rules are a file)"],
            "images_url": ["assets/images/", "the folder of the drawings, from the page"],
            "script_url": ["assets/javascripts/exercise-check.js", "the step check's script, from the page"],
            "contact_url": ["wanneer-contact/", "the page on when to get in touch, from the page"],
            "contact_title": ["", "that page's title"],
            "contact_address": ["", "that page's full address (on the cards)"],
            "exercises_url": ["", "the exercises page, from the page (the cards link to it)"],
            "exercises_address": ["", "the exercises page's full address (on the cards, and their QR codes)"],
            "cards_url": ["", "the cards page, from the page"],
            "qr_codes": ["", "the build's QR codes (heuppijn_site.clinicians.clinician_links.QrCodes)"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()
        loaded: list[tuple[Programme, int, int]] = []

        def programme_of() -> tuple[Programme, int, int]:
            if not loaded:
                checker = config["rules"]
                if isinstance(checker, (str, Path)):
                    signs = load_warning_signs(Path(config["warning_signs"]), languages_here(), str(config["warning_signs"]))
                    checker = load_checker(Path(checker), signs, languages_here(), str(checker))
                limit, severe = checker.rules.pain_limit, checker.rules.severe_pain_from
                programme = config["exercises"]
                if isinstance(programme, (str, Path)):
                    programme = load_exercises(Path(programme), languages_here(), limit, severe, str(programme))
                loaded.append((programme, limit, severe))
            return loaded[0]

        def change(text: str) -> str:
            if not ANY_MARKER.search(text):
                return text
            programme, limit, severe = programme_of()
            return with_exercises(
                text, programme=programme, limit=limit, severe=severe,
                language=page_language(NAME, md, config["language"]), env=template_env(config["templates"]),
                images_url=config["images_url"], script_url=config["script_url"],
                contact_url=config["contact_url"], contact_title=config["contact_title"] or config["contact_url"],
                contact_address=config["contact_address"], exercises_url=config["exercises_url"], exercises_address=config["exercises_address"],
                cards_url=config["cards_url"], qr_codes=config["qr_codes"],
                path=config["source_path"], first_line=int(config["first_line"]),
            )

        register(md, "exercises", change, config["error"])


def makeExtension(**kwargs: Any) -> ExercisesExtension:  # noqa: N802 - Python-Markdown's name
    return ExercisesExtension(**kwargs)
