"""What the checker's tests share: the pain rule and the warning signs as the site reads them, and
the open questions as the checker names them."""

from __future__ import annotations

from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.pain_rule.pain_rules import QUESTIONS, load_pain_rules
from heuppijn_site.project import DATA_FILES
from heuppijn_site.tools.site_tools import ROOT

from support.site import LANGUAGES

SIGNS = load_warning_signs(ROOT / DATA_FILES["warning_signs"], LANGUAGES)
RULES = load_pain_rules(ROOT / DATA_FILES["pain_rules"], LANGUAGES, SIGNS)


def open_names(language, *questions):
    """The questions still open as the checker lists them: each its number and short name."""
    return [f"{QUESTIONS.index(name) + 1}. {RULES.texts[language][name + '_name']}" for name in questions]
