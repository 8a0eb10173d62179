"""The HTML of the site's own parts (citations, warning signs, the checker, the glossary list…)
comes from Jinja templates in overrides/partials/. One environment is made per build and passed
on; a Markdown extension used on its own makes one from a folder.

The environment is set up as MkDocs sets up a theme's (no autoescape: templates escape with
`| e`), so the same template gives the same bytes in and outside MkDocs."""

from __future__ import annotations

from pathlib import Path

import jinja2

DEFAULT_FOLDER = "overrides"


def template_env(templates: jinja2.Environment | str | Path = DEFAULT_FOLDER) -> jinja2.Environment:
    """`templates` as an environment: itself, or one over that folder."""
    if isinstance(templates, jinja2.Environment):
        return templates
    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates)), auto_reload=False)


def html_block(env: jinja2.Environment, template: str, **context: object) -> str:
    """A template rendered as one block of HTML without blank lines, so Markdown leaves it whole."""
    html = env.get_template(template).render(**context)
    return "\n".join(line for line in html.splitlines() if line.strip())
