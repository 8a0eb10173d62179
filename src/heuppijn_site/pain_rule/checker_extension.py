"""The pain-rule checker as a Python-Markdown extension: where a page has `<!-- pain-check -->`,
the interactive checker (overrides/partials/pain-check.html) with the advice for every possible
set of answers as JSON; docs/assets/javascripts/pain-check.js only looks answers up. It also puts
the limit wherever the text says {{ pain_limit }} or {{ pain_limit + 1 }}, and the score from which
to stop an exercise for today where it says {{ severe_pain_from }}.

    markdown.markdown(text, extensions=[CheckerExtension(language="en")])

When each reason applies is in pain_rules.py; the limit, the exercise advice and the checker's
words are in data/pain_rules.yml; the warning signs it asks about first, and the words of their
levels, in data/warning_signs.yml. It runs before the citations extension, which numbers the
sources the checker cites with the page's own.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markdown import Extension, Markdown

from heuppijn_site.project import DATA_FILES, languages_here
from heuppijn_site.content.citations import find_citations
from heuppijn_site.content.warning_signs import EmergencyNumber, WarningSigns, load_warning_signs
from heuppijn_site.html_templates import html_block, template_env
from heuppijn_site.markdown_text import page_language, page_options, raw_html, register
from heuppijn_site.pain_rule.pain_rules import (
    LEVELS,
    NEXT_DAY_VALUES,
    PAIN_VALUES,
    QUESTIONS,
    REASONS,
    TREND_VALUES,
    WEEKS_VALUES,
    PainRules,
    PlaceholderError,
    fill_pain_limit,
    load_pain_rules,
    lookup_table,
)

NAME = "heuppijn_site.pain_rule.checker_extension"
MARKER = "<!-- pain-check -->"
RULES_FILE = DATA_FILES["pain_rules"]
SIGNS_FILE = DATA_FILES["warning_signs"]


@dataclass(frozen=True)
class Checker:
    """The checked rules and the advice for every set of answers, computed once."""

    rules: PainRules
    table: dict[str, Any]
    call: EmergencyNumber  # the number a level's words may say, shown as a link that calls it


def load_checker(rules_file: Path, signs: WarningSigns, languages: tuple[str, ...] | None = None,
                 rules_where: str = RULES_FILE) -> Checker:
    """The rules, checked and joined with the (already checked) warning signs they ask about."""
    rules = load_pain_rules(rules_file, languages or languages_here(), signs, rules_where)
    return Checker(rules, lookup_table(rules), signs.emergency_number)


def cited_keys(text: str, checker: Checker) -> set[str]:
    """The works the checker cites on a page that has it (none on other pages): the warning
    signs' sources above its questions, and the limit's source under its table."""
    if MARKER not in text:
        return set()
    cited = f"{checker.rules.signs_source} {checker.rules.pain_limit_source}"
    return {key for citation in find_citations(cited, RULES_FILE) for key in citation.keys}


def with_pain_limit(markdown: str, checker: Checker, path: str = "the page", first_line: int = 1) -> str:
    """The page's own text with {{ pain_limit }}, {{ pain_limit + 1 }} and {{ severe_pain_from }}
    filled in. Done before any extension puts its HTML in, so a mistake's line is the line in the
    page's file."""
    try:
        return fill_pain_limit(markdown, checker.rules.pain_limit, first_line, checker.rules.severe_pain_from)
    except PlaceholderError as error:
        raise PlaceholderError(f"{path}:{error}") from None


def with_checker(
    markdown: str,
    *,
    checker: Checker,
    language: str,
    env: jinja2.Environment,
    script_url: str,
    contact_url: str,
    contact_title: str,
    diary_url: str = "",
    path: str = "the page",
    first_line: int = 1,
) -> str:
    """The Markdown with the checker where the marker is."""
    rules = checker.rules
    if MARKER not in markdown:
        return markdown
    texts = rules.texts[language]
    # The levels' words are in the HTML (a <template>), with the emergency number as a link.
    payload = {
        "pain_within": texts["pain_within"],
        "reasons": {
            reason: rules.reason_texts[language][reason]["text"]
            for reason in REASONS if reason != "warning_sign"
        },
        "reasonLevels": rules.reason_levels,
        **checker.table,
    }
    block = html_block(
        env, "partials/pain-check.html",
        texts=texts,
        rules=rules,
        language=language,
        pain_values=PAIN_VALUES,
        questions=QUESTIONS,
        groups=[
            ("next_day", NEXT_DAY_VALUES, texts["next_day_hint"]),
            ("trend", TREND_VALUES, texts["trend_hint"]),
            ("weeks", WEEKS_VALUES, ""),
        ],
        levels=LEVELS,
        level_texts=rules.level_texts[language],
        reason_texts=rules.reason_texts[language],
        reason_levels=rules.reason_levels,
        signs=rules.signs,
        sign_groups=[(level, [sign for sign in rules.signs if sign.level == level]) for level in rules.sign_levels],
        # "</" cannot end the script element early: JSON allows "<\/".
        data_json=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
        script_url=script_url,
        contact_url=contact_url,
        contact_title=contact_title,
        diary_url=diary_url,
        call=checker.call,
    )
    return markdown.replace(MARKER, raw_html(block))


class CheckerExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "rules": [RULES_FILE, "the pain rules: their file, or a Checker already loaded"],
            "warning_signs": [SIGNS_FILE, "the warning signs' file (when the rules are a file)"],
            "script_url": ["assets/javascripts/pain-check.js", "the checker's script, from the page"],
            "contact_url": ["wanneer-contact/", "the page on when to get in touch, from the page"],
            "contact_title": ["", "that page's title"],
            "diary_url": ["", "the pain diary's page, from the page, linked under the advice; empty: no link"],
            **page_options(),
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        config = self.getConfigs()
        loaded: list[Checker] = []

        def checker_of() -> Checker:
            checker = config["rules"]
            if isinstance(checker, (str, Path)):
                if not loaded:
                    signs_file = str(config["warning_signs"])
                    signs = load_warning_signs(Path(signs_file), languages_here(), signs_file)
                    loaded.append(load_checker(Path(checker), signs, languages_here(), str(checker)))
                checker = loaded[0]
            return checker

        def fill(text: str) -> str:
            return with_pain_limit(text, checker_of(), config["source_path"], int(config["first_line"]))

        def change(text: str) -> str:
            checker = checker_of()
            return with_checker(
                text, checker=checker, language=page_language(NAME, md, config["language"]),
                env=template_env(config["templates"]), script_url=config["script_url"],
                contact_url=config["contact_url"], contact_title=config["contact_title"] or config["contact_url"],
                diary_url=config["diary_url"], path=config["source_path"], first_line=int(config["first_line"]),
            )

        register(md, "pain_limit", fill, config["error"])
        register(md, "pain_check", change, config["error"])


def makeExtension(**kwargs: Any) -> CheckerExtension:  # noqa: N802 - Python-Markdown's name
    return CheckerExtension(**kwargs)
