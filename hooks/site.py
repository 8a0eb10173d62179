"""The site's build with MkDocs, step by step: how a page travels from docs/nl/x.md to site/.

This file is only the MkDocs glue: each event hands over to one build object,
heuppijn_site.build.SiteBuild, made in on_config and holding all the build's state. The features
themselves live in the package (src/heuppijn_site/): the page-level ones are Python-Markdown
extensions listed under `markdown_extensions:` in mkdocs.yml, the site-level ones one step over
the built folder (heuppijn_site.deploy.postbuild). In the order MkDocs calls it:

  on_startup        `mkdocs gh-deploy` is a build for publishing; on_serve: each rebuild runs
                    current code
  on_config         read and check every data file, once per build; the publisher and licence
                    per language; a build for publishing stops while the site still has its
                    placeholder address or no contact for mistakes
  on_files          the build's one Jinja environment; every page's front matter checked and
                    its URL from `slug:`; the works each page cites; the referrers' kit; shared
                    files for every language
  on_nav            the sitemap's dates are the pages' review dates
  on_page_markdown  the pain limit in titles; the publisher; the referrers' kit; then the page's
                    language and links for the Markdown extensions, which run as MkDocs renders
                    the page: warning signs → pain checker → pain diary → glossary → citations
  on_page_context   the review line, the page's head (canonical, hreflang, previews, JSON-LD),
                    and its footer (licence, report a mistake, edit, how it is made, accessibility)
  on_env            the theme's pages use that one environment, in every language
  on_post_page      links' full addresses for print; the theme's HTML repaired; each language's search
  on_post_build     after every language: QR files, the 404 page in every language, then the
                    site-level steps (heuppijn_site.deploy.postbuild.run)

A mistake an editor can fix is a SiteError (heuppijn_site.errors), raised where it is found; here,
once, it becomes MkDocs' PluginError, which MkDocs shows as a message without a traceback.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from mkdocs.config.config_options import Hooks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from heuppijn_site.build import SiteBuild, another_language
from heuppijn_site.deploy.publish_guard import PUBLISH_VARIABLE, PUBLISHING_COMMANDS
from heuppijn_site.errors import SiteError

Event = TypeVar("Event", bound=Callable[..., Any])


def reported(event: Event) -> Event:
    """An editor's mistake (SiteError) as MkDocs' error: a message, not a traceback."""

    @functools.wraps(event)  # keeps event_priority's mark
    def handler(*args: Any, **kwargs: Any) -> Any:
        try:
            return event(*args, **kwargs)
        except SiteError as error:
            raise PluginError(str(error)) from None

    return handler  # type: ignore[return-value]


# `mkdocs serve` and `mkdocs gh-deploy` ---------------------------------------------------------

def on_serve(server: Any, *, config: MkDocsConfig, builder: Callable[[], None]) -> Any:
    """Every rebuild runs the code as it is now: MkDocs loads a hook file once per process, and
    Python keeps the modules it imports, so forget both before each rebuild."""
    hooks_dir = Path(__file__).resolve().parent

    def rebuild() -> None:
        Hooks._load_hook.cache_clear()
        for name, module in list(sys.modules.items()):
            file = getattr(module, "__file__", None)
            if name.split(".")[0] == "heuppijn_site" or (file and Path(file).resolve().parent == hooks_dir):
                del sys.modules[name]
        builder()

    server.builder = rebuild
    return server


def on_startup(*, command: str, dirty: bool) -> None:
    """`mkdocs gh-deploy` publishes: say so where the publish guard looks, as the deploy workflow does."""
    if command in PUBLISHING_COMMANDS:
        os.environ[PUBLISH_VARIABLE] = command


# on_config: read and check every data file, once per build (not again for each language) ------

@reported
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if not another_language(config):
        SiteBuild(config, page_error=PluginError).attach(config)
    return config


# on_files: the pages, what they cite, the referrers' kit, shared images ----------------------

@reported
@event_priority(0)  # before the i18n plugin (-100) sorts the files into languages
def _files_before_i18n(files: Files, *, config: MkDocsConfig) -> Files:
    SiteBuild.of(config).files_before_i18n(files, config)
    return files


@reported
@event_priority(-110)  # after the i18n plugin (-100): the shared files back in every language
def _files_after_i18n(files: Files, *, config: MkDocsConfig) -> Files:
    SiteBuild.of(config).files_after_i18n(files)
    return files


on_files = CombinedEvent(_files_before_i18n, _files_after_i18n)


# on_nav: the sitemap's dates -----------------------------------------------------------------

@reported
def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    SiteBuild.of(config).set_sitemap_dates(files)
    return nav


# on_page_markdown: each page's text, and the Markdown extensions' configuration ---------------

@reported
def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    return SiteBuild.of(config).page_markdown(markdown, page, config, files)


# on_env: one template environment for the whole build --------------------------------------

@reported
@event_priority(100)  # before the i18n plugin adds its template extension to the environment
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """The theme's pages are rendered with the build's one environment, in every language, so
    each template is compiled once per build, not once per language."""
    return SiteBuild.of(config).env or env


# on_page_context: the review line, the page's head and footer --------------------------------

@reported
def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    return SiteBuild.of(config).page_context(context, page, config)


@reported
def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    return SiteBuild.of(config).template_context(context, template_name, config)


# on_post_page: print links, the theme's HTML, each language's search ------------------------------

@reported
def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    return SiteBuild.of(config).post_page(output, page, config)


@reported
def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    return SiteBuild.of(config).post_template(output_content, template_name, config)


# on_post_build: after every language ---------------------------------------------------------

@reported
@event_priority(-200)  # after the i18n plugin (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    SiteBuild.of(config).post_build(config)
