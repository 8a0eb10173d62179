"""Pain-rule checker hook: where a page has the marker `<!-- pain-check -->`, puts the
interactive checker (overrides/partials/pain-check.html) with the advice for every possible set
of answers as JSON. docs/assets/javascripts/pain-check.js only looks answers up in that table.

The rules are in pain_rules.py (when each reason applies) and data/pain_rules.yml (the limit,
the exercise advice and the checker's words); the warning signs it asks about first, and the
words of their levels, are in data/warning_signs.yml. Runs before numbered_citations.py, so the
sources cited in the checker's static parts are numbered with the page's other citations.
"""

from __future__ import annotations

import json
from pathlib import Path

from heuppijn_site.content.citations import CitationSyntaxError, check_keys, find_citations
from heuppijn_site.content.front_matter import body_and_first_line
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
import site_pages
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from heuppijn_site.pain_rule.pain_rules import (
    LEVELS,
    NEXT_DAY_VALUES,
    PAIN_VALUES,
    REASONS,
    TREND_VALUES,
    WEEKS_VALUES,
    PainRules,
    PainRulesError,
    PlaceholderError,
    fill_pain_limit,
    lookup_table,
    load_pain_rules,
)
from heuppijn_site.content.references import ReferenceDataError, load_references
from heuppijn_site.content.warning_signs import WarningSignsError, load_warning_signs

MARKER = "<!-- pain-check -->"
RULES_FILE = "data/pain_rules.yml"
SIGNS_FILE = "data/warning_signs.yml"
REFERENCES_FILE = "data/references.yml"
SCRIPT = "assets/javascripts/pain-check.js"
CONTACT_PAGE = "wanneer-contact.md"  # where the advice always ends: when to get in touch

_rules: PainRules | None = None
_table: dict | None = None


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load and check the rules once per build, and compute the advice table."""
    global _rules, _table
    root = Path(config.config_file_path).parent
    languages = [language.locale for language in config.plugins["i18n"].config.languages]
    try:
        signs = load_warning_signs(root / SIGNS_FILE, languages, SIGNS_FILE)
        _rules = load_pain_rules(root / RULES_FILE, languages, signs, RULES_FILE)
        known = load_references(root / REFERENCES_FILE, REFERENCES_FILE)
        check_keys(find_citations(_rules.pain_limit_source, RULES_FILE), known, RULES_FILE)
    except (PainRulesError, WarningSignsError, ReferenceDataError, CitationSyntaxError) as error:
        raise PluginError(str(error)) from None
    _table = lookup_table(_rules)
    return config


@event_priority(0)
def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    """Tell numbered_citations.py which works the checker cites on the pages that have it."""
    if _rules is not None:
        pages = ((file.src_uri, file.content_string) for file in files.documentation_pages())
        site_pages.set_citations_where_marked("pain_check", pages, MARKER, _rules.signs_source, RULES_FILE)
    return files


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _rules is None:
        return markdown
    # The limit wherever a page states it: {{ pain_limit }}, from data/pain_rules.yml.
    path = site_pages.editor_path(config, page.file.src_uri)
    try:
        for field in ("title", "description"):
            if isinstance(page.meta.get(field), str):
                page.meta[field] = fill_pain_limit(page.meta[field], _rules.pain_limit)
        if isinstance(page.title, str):
            page.title = fill_pain_limit(page.title, _rules.pain_limit)
        _, first_line = body_and_first_line(page.file.content_string)
        markdown = fill_pain_limit(markdown, _rules.pain_limit, first_line)
    except PlaceholderError as error:
        raise PluginError(f"{path}:{error}") from None
    if MARKER not in markdown:
        return markdown
    language = page.file.locale
    script = files.get_file_from_path(SCRIPT)
    contact = files.get_file_from_path(CONTACT_PAGE)
    if script is None or contact is None:
        raise PluginError(f"{page.file.src_uri}: the checker needs docs/{SCRIPT} and {CONTACT_PAGE}")
    texts = _rules.texts[language]
    payload = {
        "levels": _rules.level_texts[language],
        "pain_within": texts["pain_within"],
        "reasons": {
            reason: _rules.reason_texts[language][reason]["text"]
            for reason in REASONS if reason != "warning_sign"
        },
        **(_table or {}),
    }
    template = config.theme.get_env().get_template("partials/pain-check.html")
    html = template.render(
        texts=texts,
        rules=_rules,
        language=language,
        pain_values=PAIN_VALUES,
        groups=[
            ("next_day", NEXT_DAY_VALUES, texts["next_day_hint"]),
            ("trend", TREND_VALUES, texts["trend_hint"]),
            ("weeks", WEEKS_VALUES, ""),
        ],
        levels=LEVELS,
        level_texts=_rules.level_texts[language],
        reason_texts=_rules.reason_texts[language],
        reason_levels=_rules.reason_levels,
        signs=_rules.signs,
        # "</" cannot end the script element early: JSON allows "<\/".
        data_json=json.dumps(payload, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/"),
        script_url=script.url_relative_to(page.file),
        contact_url=contact.url_relative_to(page.file),
        contact_title=site_pages.page(contact.src_uri).title,
    )
    # One block of HTML without blank lines, so Markdown leaves it whole.
    block = "\n".join(line for line in html.splitlines() if line.strip())
    return markdown.replace(MARKER, f"\n{block}\n")
