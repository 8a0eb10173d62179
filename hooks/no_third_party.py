"""No third-party requests hook: after both languages are built, removes the theme's JavaScript
references to other hosts (see third_party.py), so no page can load anything from elsewhere."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from heuppijn_site.theme.site_files import write_edited_script
from heuppijn_site.deploy.third_party import without_external_urls


@event_priority(-200)
def on_post_build(*, config: MkDocsConfig) -> None:
    # mkdocs-static-i18n builds the other languages inside its own on_post_build (-100);
    # this runs once, after all of them.
    if config.plugins["i18n"].building:
        return
    for script in sorted(Path(config.site_dir).rglob("*.js")):
        text = script.read_text(encoding="utf-8")
        cleaned = without_external_urls(text)
        if cleaned != text:
            write_edited_script(script, cleaned)
