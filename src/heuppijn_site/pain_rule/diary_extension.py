"""The pain diary as a Python-Markdown extension: where a page has `<!-- pain-diary -->`, the
diary (overrides/partials/pain-diary.html): a blank diary to print and the rule in words, which
work without JavaScript, and the rule's numbers and words as JSON for
docs/assets/javascripts/pain-diary.js, which keeps the entries in the browser and applies them.
Where the same page has `<!-- pain-diary-jump -->` (near its top), a link straight to the diary
(overrides/partials/pain-diary-jump.html).

    markdown.markdown(text, extensions=[DiaryExtension(language="en")])

When each reason applies is in diary_rules.py; its numbers and the diary's words in
data/pain_diary.yml; the levels, the advice and the reasons' words are the checker's
(data/pain_rules.yml, data/warning_signs.yml). It runs after the checker and before the
glossary and the citations, which number the sources the rule's table cites.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jinja2
from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES, languages_here
from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.html_templates import html_block, template_env
from heuppijn_site.markdown_text import page_language, page_options, raw_html, register
from heuppijn_site.pain_rule.diary_rules import (
    ACTIVITY_LENGTH,
    DIARY_REASONS,
    MORNING_VALUES,
    WEEKS_ON_PAPER,
    PainDiary,
    load_pain_diary,
    page_data,
)
from heuppijn_site.pain_rule.pain_rules import PAIN_VALUES, load_pain_rules

NAME = "heuppijn_site.pain_rule.diary_extension"
MARKER = "<!-- pain-diary -->"
JUMP_MARKER = "<!-- pain-diary-jump -->"
MARKERS = (MARKER, JUMP_MARKER)
# The diary's section: where the jump leads (the same in both languages, so the language switch
# keeps it).
ANCHOR = "pain-diary"
DIARY_FILE = DATA_FILES["pain_diary"]
RULES_FILE = DATA_FILES["pain_rules"]
SIGNS_FILE = DATA_FILES["warning_signs"]
SCRIPT = "assets/javascripts/pain-diary.js"


def reason_sources(diary: PainDiary) -> dict[str, str]:
    """The citation after each reason in the table: its warning sign's source, the rule's, or
    none for the site's own rule (pain_severe)."""
    return {reason: diary.rules.reason_sources[reason] for reason in DIARY_REASONS}


def cited_keys(text: str, diary: PainDiary) -> set[str]:
    """The works the diary's table cites on a page that has it (none on other pages)."""
    if MARKER not in text:
        return set()
    return {key for source in reason_sources(diary).values()
            for citation in find_citations(source, DIARY_FILE) for key in citation.keys}


def with_diary(
    markdown: str,
    *,
    diary: PainDiary,
    language: str,
    env: jinja2.Environment,
    script_url: str,
    contact_url: str,
    contact_title: str,
    locale: str = "",
    source_path: str = "the page",
    first_line: int = 1,
) -> str:
    """The Markdown with the diary where the marker is, and the link to it where the jump's
    marker is (only on a page that has the diary: it leads there)."""
    if JUMP_MARKER in markdown and MARKER not in markdown:
        line = first_line + markdown[:markdown.index(JUMP_MARKER)].count("\n")
        raise ValueError(
            f"{source_path}:{line}: {JUMP_MARKER} leads to the pain diary, but this page has no "
            f"{MARKER} — put the diary on this page too, or take the link out"
        )
    if MARKER not in markdown:
        return markdown
    rules = diary.rules
    payload = {**page_data(diary, language), "locale": (locale or language).replace("_", "-")}
    block = html_block(
        env, "partials/pain-diary.html",
        texts=diary.texts[language],
        rule_texts=rules.texts[language],
        pain_limit=rules.pain_limit,
        pain_values=PAIN_VALUES,
        morning_values=MORNING_VALUES,
        morning_texts={value: rules.texts[language][f"next_day_{value}"] for value in MORNING_VALUES},
        rows=[(reason, rules.reason_levels[reason], diary.when[language][reason]) for reason in DIARY_REASONS],
        sources=reason_sources(diary),
        level_texts=rules.level_texts[language],
        levels=sorted({rules.reason_levels[reason] for reason in DIARY_REASONS} | {"continue"},
                      key=payload["levels"].index),
        weeks=range(1, WEEKS_ON_PAPER + 1),
        activity_length=ACTIVITY_LENGTH,
        # "</" cannot end the script element early: JSON allows "<\/".
        data_json=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
        script_url=script_url,
        contact_url=contact_url,
        contact_title=contact_title,
        anchor=ANCHOR,
    )
    jump = html_block(env, "partials/pain-diary-jump.html", texts=diary.texts[language], anchor=ANCHOR)
    return markdown.replace(JUMP_MARKER, raw_html(jump)).replace(MARKER, raw_html(block))


def load_diary(diary_file: str | Path, rules_file: str | Path, signs_file: str | Path,
               languages: tuple[str, ...] | None = None) -> PainDiary:
    """The diary with the rules it shows, each read from its file (a bare call)."""
    languages = languages or languages_here()
    signs = load_warning_signs(Path(signs_file), languages, str(signs_file))
    rules = load_pain_rules(Path(rules_file), languages, signs, str(rules_file))
    return load_pain_diary(Path(diary_file), languages, rules, str(diary_file))


class DiaryExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "diary": [DIARY_FILE, "the diary: its file, or a PainDiary already loaded"],
            "rules": [RULES_FILE, "the pain rules' file (when the diary is a file)"],
            "warning_signs": [SIGNS_FILE, "the warning signs' file (when the diary is a file)"],
            "script_url": [SCRIPT, "the diary's script, from the page"],
            "contact_url": ["wanneer-contact/", "the page on when to get in touch, from the page"],
            "contact_title": ["", "that page's title"],
            "locale": ["", "the page's locale for dates (nl_NL); unset: the page's language"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()

        def change(text: str) -> str:
            if MARKER not in text and JUMP_MARKER not in text:
                return text
            diary = config["diary"]
            if isinstance(diary, (str, Path)):
                diary = load_diary(diary, config["rules"], config["warning_signs"])
            return with_diary(
                text, diary=diary, language=page_language(NAME, md, config["language"]),
                env=template_env(config["templates"]), script_url=config["script_url"],
                contact_url=config["contact_url"], contact_title=config["contact_title"] or config["contact_url"],
                locale=config["locale"], source_path=config["source_path"], first_line=int(config["first_line"]),
            )

        register(md, "pain_diary", change, config["error"])


def makeExtension(**kwargs: Any) -> DiaryExtension:  # noqa: N802 - Python-Markdown's name
    return DiaryExtension(**kwargs)
