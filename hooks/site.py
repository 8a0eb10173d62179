"""The site's build with MkDocs, step by step: how a page travels from docs/nl/x.md to site/.

The features themselves live in the package (src/heuppijn_site/): the page-level ones are
Python-Markdown extensions listed under `markdown_extensions:` in mkdocs.yml, the site-level ones
one step over the built folder (heuppijn_site.deploy.postbuild). This file is only the MkDocs
glue, in the order MkDocs calls it:

  on_startup        the command, for the publish guard; on_serve: each rebuild runs current code
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
  on_post_page      links' full addresses for print; the theme's HTML repaired; English search
  on_post_build     after every language: QR files, the bilingual 404 page, then the
                    site-level steps (heuppijn_site.deploy.postbuild.run)

mkdocs-static-i18n builds the default language first, then each other language inside its own
on_post_build, running every event again; what is read once is kept in `_builds` until then.
"""

from __future__ import annotations

import html
import logging
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.config_options import Hooks
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from heuppijn_site.build_cache import cache_folder, template_cache
from heuppijn_site.clinicians.clinician_links import KitError, QrCodes, load_kit
from heuppijn_site.clinicians.kit import KitPage, ReferrersKit, has_markers
from heuppijn_site.content import citations_extension, glossary_extension, warning_signs_extension
from heuppijn_site.content.citations import CitationSyntaxError, check_keys, cited_keys, find_citations
from heuppijn_site.content.front_matter import (
    FrontMatterError,
    PageMetadata,
    body_and_first_line,
    check_pages,
    language_and_name,
    parse_page_metadata,
    review_line,
)
from heuppijn_site.content.markers import marker_problems
from heuppijn_site.content.glossary_terms import Glossary, load_glossary
from heuppijn_site.content.references import Reference, load_references, schema_citation
from heuppijn_site.content.warning_signs import WarningSigns, load_warning_signs
from heuppijn_site.data_files import value_line
from heuppijn_site.errors import SiteError
from heuppijn_site.deploy import postbuild
from heuppijn_site.exercises import exercises_extension
from heuppijn_site.exercises.programme import ExercisesError, Programme, load_exercises, missing_drawings
from heuppijn_site.deploy.publish_guard import is_publishing, publish_error, publish_problems
from heuppijn_site.deploy.redirect_map import Redirect
from heuppijn_site.head.page_head import absolute, page_head
from heuppijn_site.head.print_links import add_print_urls
from heuppijn_site.pain_rule import checker_extension, diary_extension
from heuppijn_site.pain_rule.checker_extension import Checker
from heuppijn_site.pain_rule.diary_rules import PainDiary, load_pain_diary
from heuppijn_site.pain_rule.pain_rules import PlaceholderError, fill_pain_limit, page_with_pain_limit
from heuppijn_site.search.search_index import KEYWORDS
from heuppijn_site.site_config import first_paint_setting
from heuppijn_site.site_texts import LanguageTexts
from heuppijn_site.theme.first_paint import ScriptStates
from heuppijn_site.theme.theme_html import (
    ThemeChanged,
    add_search_submit,
    add_short_site_name,
    drop_toggle_autocomplete,
    name_search_dialog,
    rebase_config,
)
from heuppijn_site.trust.page_footer import (
    FooterError,
    FooterLink,
    Licence,
    PageFooter,
    check_contact,
    load_licence,
    page_footer,
)

log = logging.getLogger("mkdocs.hooks.site")

REFERENCES_FILE = "data/references.yml"
SIGNS_FILE = "data/warning_signs.yml"
RULES_FILE = "data/pain_rules.yml"
DIARY_FILE = "data/pain_diary.yml"
GLOSSARY_FILE = "data/glossary.yml"
EXERCISES_FILE = "data/exercises.yml"
KIT_FILE = "data/clinician_kit.yml"
CONTACT_PAGE = "wanneer-contact.md"  # where the warning signs and the checker's advice lead
DIARY_PAGE = "pijndagboek.md"  # the pain diary; the checker's advice links to it
CHECKER_SCRIPT = "assets/javascripts/pain-check.js"
DIARY_SCRIPT = "assets/javascripts/pain-diary.js"
EXERCISES_PAGE = "oefeningen.md"  # the exercises; the cards and their QR codes lead to it
CARDS_PAGE = "oefenkaarten.md"  # the exercise cards to print
EXERCISE_SCRIPT = "assets/javascripts/exercise-check.js"
IMAGES_FOLDER = "assets/images/"
COPY_SCRIPT = "assets/javascripts/copy.js"
# Every page's footer links to these two pages, in the page's language.
MADE_PAGE = "werkwijze.md"  # how the information is made
ACCESSIBILITY_PAGE = "toegankelijkheid.md"  # the accessibility statement
# Set (to anything) to leave out the site-level steps: `python -m heuppijn_site.deploy.postbuild`
# runs them on the built folder.
SKIP_POSTBUILD = "HEUPPIJN_SKIP_POSTBUILD"
PUBLISHER_MARKER = "<!-- publisher -->"
PUBLISHER_CONTACT_MARKER = "<!-- publisher-contact -->"
# The Markdown extensions this glue configures for every page; mkdocs.yml must list each.
EXTENSIONS = (
    warning_signs_extension.NAME,
    checker_extension.NAME,
    diary_extension.NAME,
    exercises_extension.NAME,
    glossary_extension.NAME,
    citations_extension.NAME,
)


@dataclass
class Build:
    """What one `mkdocs build` reads once and uses for every page, in every language."""

    root: Path
    languages: list[str]
    default_language: str
    references: dict[str, Reference]
    signs: WarningSigns
    checker: Checker
    diary: PainDiary
    exercises: Programme
    qr_codes: QrCodes  # drawn once, kept in the build cache by what they are made from
    glossary: Glossary
    search_terms: dict[str, dict[str, tuple[str, ...]]]
    redirects: list[Redirect]
    texts: dict[str, LanguageTexts]  # per language: data/labels.yml, data/languages.yml
    first_paint: bool  # extra.first_paint: each page's CSS inline
    script_states: ScriptStates  # data/script_states.yml, for the first paint
    page_names: set[str]
    publishers: dict[str, dict[str, str]]  # per language: {"name": …, "contact": …} (extra.publisher)
    licences: dict[str, Licence]  # per language (extra.licence)
    # Filled at on_files:
    env: jinja2.Environment | None = None  # the one template environment (see _make_env)
    pages: dict[str, PageMetadata] = field(default_factory=dict)  # by src_uri: "nl/herstel.md"
    shared_files: list[File] = field(default_factory=list)
    cited_by: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # [language][work] -> names
    referrers: ReferrersKit | None = None
    not_found: dict[str, str] = field(default_factory=dict)  # [language] -> 404.html


_builds: dict[str, Build] = {}  # "current": the build being made
_startup: dict[str, str] = {}  # "command": build, serve or gh-deploy


def _build() -> Build:
    return _builds["current"]


def _plugin_error(error: Exception) -> PluginError:
    return PluginError(str(error))


# `mkdocs serve` ------------------------------------------------------------------------------

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
    """The command, for the publish guard (on_config): `mkdocs gh-deploy` publishes."""
    _startup["command"] = command


# on_config: read and check every data file, once per build -----------------------------------

def on_config(config: MkDocsConfig) -> MkDocsConfig:
    if "i18n" not in config.plugins:
        raise PluginError("mkdocs.yml: the site needs the mkdocs-static-i18n plugin — keep '- i18n:' with its "
                          "languages under plugins")
    i18n = config.plugins["i18n"]
    if i18n.building:  # another language of the same build: everything is read already
        return config
    _check_mkdocs_yml(config)
    root = Path(config.config_file_path).parent
    docs = Path(config.docs_dir)
    languages = [language.locale for language in i18n.config.languages]
    # The pages' file names in any language (a page missing in one is on_files' to report).
    names = {path.relative_to(docs / lang).as_posix() for lang in languages for path in (docs / lang).rglob("*.md")}
    files = _data_files(config)  # as the extensions' options in mkdocs.yml name them
    try:
        references = load_references(root / files["references"], files["references"])
        signs = load_warning_signs(root / files["signs"], languages, files["signs"])
        for sign in signs.signs:
            _check_data_citations(sign.source, root, files["signs"], references, "signs", ("id", sign.id), "source")
        checker = checker_extension.load_checker(root / files["rules"], signs, tuple(languages), files["rules"])
        _check_data_citations(checker.rules.pain_limit_source, root, files["rules"], references, "pain_limit_source")
        diary = load_pain_diary(root / files["diary"], languages, checker.rules, files["diary"])
        exercises = load_exercises(root / files["exercises"], languages, checker.rules.pain_limit,
                                   checker.rules.severe_pain_from, files["exercises"])
        _check_data_citations(exercises.source, root, files["exercises"], references, "source")
        for exercise_id, drawing in missing_drawings(exercises, docs / IMAGES_FOLDER):
            line = value_line(root / files["exercises"], "exercises", ("id", exercise_id), "drawing")
            raise ExercisesError(f"{files['exercises']}:{line}: exercise {exercise_id}: the drawing {drawing} is "
                                 f"not in docs/{IMAGES_FOLDER} — add it there or fix the file name")
        glossary = load_glossary(root / files["glossary"], languages, names, files["glossary"], references)
        # What the site-level steps read too, read as they read it.
        site_data = postbuild.load_data(root, names, tuple(languages), i18n.default_language)
        first_paint = first_paint_setting(config.extra, "mkdocs.yml")
        publishers, licences = _publishers_and_licences(config)
    except SiteError as error:
        raise _plugin_error(error) from None
    _builds["current"] = Build(
        root=root, languages=languages, default_language=i18n.default_language,
        references=references, signs=signs, checker=checker, diary=diary, glossary=glossary,
        exercises=exercises, qr_codes=QrCodes(cache_folder(root, "qr")),
        search_terms=site_data["search_terms"], redirects=site_data["redirects"], texts=site_data["texts"],
        first_paint=first_paint, script_states=site_data["script_states"], page_names=names,
        publishers=publishers, licences=licences,
    )
    # Never publish with the placeholder address, or without a way to report a mistake.
    problems = publish_problems(config.site_url or "", {lang: p["contact"] for lang, p in publishers.items()},
                                i18n.default_language)
    if problems and is_publishing(os.environ, _startup.get("command")):
        raise PluginError(publish_error(problems))
    return config


def _publishers_and_licences(config: MkDocsConfig) -> tuple[dict[str, dict[str, str]], dict[str, Licence]]:
    """Per language, who publishes the site and where readers report a mistake (extra.publisher),
    and the licence of the text and illustrations (extra.licence). A language's own `extra` block
    replaces `publisher` whole, as the i18n plugin does; for the licence, each field it leaves out
    is the default language's (so the licence's name is written once)."""
    i18n = config.plugins["i18n"]
    publishers, licences = {}, {}
    default_licence = config.extra.get("licence")
    for language in i18n.config.languages:
        locale = language.locale
        own = dict(language).get("extra") or {}
        extra = {**config.extra, **own}
        where = ("mkdocs.yml: extra.publisher" if locale == i18n.default_language
                 else f"mkdocs.yml: plugins → i18n → languages → {locale} → extra → publisher")
        publisher = extra.get("publisher") or {}
        name = str(publisher.get("name") or "").strip()
        if not name:
            raise FooterError(f"{where}.name is missing — set the name of whoever publishes the site")
        publishers[locale] = {"name": name, "contact": check_contact(str(publisher.get("contact") or ""),
                                                                     f"{where}.contact")}
        if locale == i18n.default_language:
            licences[locale] = load_licence(own.get("licence", default_licence), locale)
        else:
            licences[locale] = load_licence(own.get("licence"), locale, defaults=default_licence or {})
    return publishers, licences


# The data files the Markdown extensions read: (extension, its option) → the file, by default.
DATA_OPTIONS = {
    "references": [(citations_extension.NAME, "references"), (glossary_extension.NAME, "references")],
    "signs": [(warning_signs_extension.NAME, "signs"), (checker_extension.NAME, "warning_signs"),
              (diary_extension.NAME, "warning_signs"), (exercises_extension.NAME, "warning_signs")],
    "rules": [(checker_extension.NAME, "rules"), (diary_extension.NAME, "rules"), (exercises_extension.NAME, "rules")],
    "diary": [(diary_extension.NAME, "diary")],
    "exercises": [(exercises_extension.NAME, "exercises")],
    "glossary": [(glossary_extension.NAME, "glossary")],
}
DEFAULT_DATA_FILES = {"references": REFERENCES_FILE, "signs": SIGNS_FILE, "rules": RULES_FILE,
                      "diary": DIARY_FILE, "glossary": GLOSSARY_FILE, "exercises": EXERCISES_FILE}


def _data_files(config: MkDocsConfig) -> dict[str, str]:
    """The data files as mkdocs.yml names them in its extensions' options (one place, which
    Zensical reads too); extensions that share a file must name the same one."""
    files = {}
    for data, options in DATA_OPTIONS.items():
        named = {(extension, option): str((config.mdx_configs.get(extension) or {}).get(option) or "")
                 for extension, option in options}
        paths = {path for path in named.values() if path}
        if len(paths) > 1:
            listed = "; ".join(f"{extension} {option}: {path}" for (extension, option), path in named.items() if path)
            raise PluginError(f"mkdocs.yml: the Markdown extensions name different files for the same data — "
                              f"make them one: {listed}")
        files[data] = paths.pop() if paths else DEFAULT_DATA_FILES[data]
        if not (Path(config.config_file_path).parent / files[data]).is_file():
            raise PluginError(f"mkdocs.yml: {files[data]} (under markdown_extensions) does not exist — fix the path")
    return files


def _check_mkdocs_yml(config: MkDocsConfig) -> None:
    """What the steps below need from mkdocs.yml, each with the line to add."""
    listed = {name for name in config.markdown_extensions if isinstance(name, str)}
    for name in ("abbr", *EXTENSIONS):
        if name not in listed:
            raise PluginError(f"mkdocs.yml: add '- {name}' under markdown_extensions — the site's pages need it")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or KEYWORDS not in search.config.fields:
        raise PluginError(f"mkdocs.yml: {postbuild.SEARCH_TERMS_FILE} needs a search field for its words — "
                          f"add 'fields: {{{KEYWORDS}: {{boost: 1000}}}}' under '- search:' in plugins")


def _check_data_citations(text: str, root: Path, path: str, references: dict[str, Reference],
                          *route: str | tuple[str, str]) -> None:
    """The citations in a data file's text are well-formed and name known works; a mistake is
    reported at the line where the text starts in the file (`route`: the keys down to it), found
    only then: reading the file for it is slow."""
    try:
        check_keys(find_citations(text, path), references, path)
    except CitationSyntaxError:
        check_keys(find_citations(text, path, first_line=value_line(root / path, *route)), references, path)
        raise


# on_files: the pages, what they cite, the referrers' kit, shared images ----------------------

def _editor_path(config: MkDocsConfig, src_uri: str) -> str:
    """A page's path as an editor sees it from the repository root, e.g. docs/nl/index.md."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return path.as_posix()


def _read_pages(files: Files, config: MkDocsConfig) -> None:
    """Every page's front matter, checked; its URL from its `slug:` (before the i18n plugin
    pairs the translations, so the switcher, hreflang, sitemap and links follow it)."""
    build = _build()
    pages: list[PageMetadata] = []
    for file in files.documentation_pages():
        path = _editor_path(config, file.src_uri)
        locale, name = language_and_name(file.src_uri)
        if locale not in build.languages:
            raise PluginError(f"{path}: pages belong in a language folder — move it to "
                              + " or ".join(f"docs/{lang}/" for lang in build.languages))
        try:
            page = page_with_pain_limit(parse_page_metadata(path, file.content_string, locale, name),
                                        build.checker.rules.pain_limit, build.checker.rules.severe_pain_from)
        except FrontMatterError as error:
            raise _plugin_error(error) from None
        except PlaceholderError as error:
            raise PluginError(f"{path}: title or description: {str(error).split(': ', 1)[-1]}") from None
        pages.append(page)
    problems = check_pages(pages, build.languages)
    if problems:
        raise PluginError("\n".join(problems))
    build.pages = {f"{page.locale}/{page.name}": page for page in pages}
    _set_page_urls(files)


def _set_page_urls(files: Files) -> None:
    """Each page is written where its `slug:` says (the home pages where they are)."""
    for file in files.documentation_pages():
        dest_uri = _build().pages[file.src_uri].dest_uri
        if dest_uri is not None:
            file.dest_uri = dest_uri


def _count_citations(files: Files, config: MkDocsConfig) -> None:
    """The works each page cites, its own [@key] and those of the warning signs, the checker,
    the diary and the glossary list it shows; translations must cite the same; the sources page lists,
    per work, the pages that cite it."""
    build = _build()
    keys_by_page: dict[tuple[str, str], set[str]] = {}
    for file in files.documentation_pages():
        locale, name = language_and_name(file.src_uri)
        path = _editor_path(config, file.src_uri)
        body, first_line = body_and_first_line(file.content_string)
        problems = marker_problems(body, path, first_line)
        if problems:
            raise PluginError("\n".join(problems))
        try:
            keys = cited_keys(citations_extension.page_citations(body, build.references, path, first_line))
            keys |= warning_signs_extension.cited_keys(body, build.signs, path, first_line)
        except SiteError as error:
            raise _plugin_error(error) from None
        keys |= checker_extension.cited_keys(file.content_string, build.checker)
        keys |= diary_extension.cited_keys(file.content_string, build.diary)
        keys |= exercises_extension.cited_keys(file.content_string, build.exercises)
        keys |= glossary_extension.cited_keys(file.content_string, build.glossary)
        keys_by_page[(locale, name)] = keys
    problems = citations_extension.different_sources(keys_by_page)
    if problems:
        raise PluginError(problems[0])
    build.cited_by = {
        language: citations_extension.cited_by_page({name: keys for (lang, name), keys in keys_by_page.items()
                                                     if lang == language})
        for language in build.languages
    }
    used = set().union(*keys_by_page.values()) if keys_by_page else set()
    for key in sorted(set(build.references) - used):
        log.warning(f"{REFERENCES_FILE}: reference '{key}' is not cited on any page — cite it "
                    f"with [@{key}] where it supports a claim, or remove it")


def _prepare_referrers_kit(files: Files, config: MkDocsConfig) -> None:
    """Every page's title and addresses, for the page for referrers."""
    build = _build()
    kit_pages = {}
    for file in files.documentation_pages():
        meta = build.pages[file.src_uri]
        path = meta.url_path(build.default_language)
        kit_pages[(meta.locale, meta.name)] = KitPage(title=meta.title, path=path,
                                                      url=absolute(config.site_url, path),
                                                      source=file.content_string)
    try:
        kit = load_kit(build.root / KIT_FILE, KIT_FILE, build.languages, {name for _, name in kit_pages})
        build.referrers = ReferrersKit(
            pages=kit_pages, kit=kit, redirects=build.redirects, languages=build.languages,
            nav_order=[item for item in (config.nav or []) if isinstance(item, str)],
            absolute=lambda path: absolute(config.site_url, path),
            qr_codes=build.qr_codes,
        )
    except KitError as error:
        raise _plugin_error(error) from None


def _remember_shared_files(files: Files, config: MkDocsConfig) -> None:
    """Files outside the language folders (docs/assets/): with `fallback_to_default: false` the
    i18n plugin leaves them out of every language but the default, so remember them."""
    build = _build()
    build.shared_files = [
        file for file in files
        if not file.is_documentation_page()
        and file.src_uri.split("/", 1)[0] not in build.languages
        and file.abs_src_path and file.abs_src_path.startswith(config.docs_dir)
    ]


@event_priority(0)  # before the i18n plugin (-100) sorts the files into languages
def _files_before_i18n(files: Files, *, config: MkDocsConfig) -> Files:
    if config.plugins["i18n"].building:  # another language: the pages are read and checked
        _set_page_urls(files)
    else:
        _make_env(config)
        _read_pages(files, config)
        _count_citations(files, config)
        _prepare_referrers_kit(files, config)
    _remember_shared_files(files, config)
    return files


def _make_env(config: MkDocsConfig) -> None:
    """The build's one template environment, for the site's own parts and the theme's pages in
    every language: each `get_env()` compiles every template anew. Made here, once every
    plugin's on_config has added its template folders (the i18n plugin's sitemap).

    It is made with the first language's theme locale. That is safe because the theme's
    templates take their words from Material's own language partials (by `config.theme.language`
    at render time), not from gettext catalogues, and no plugin here wraps filters in on_env."""
    env = config.theme.get_env()
    env.bytecode_cache = template_cache(cache_folder(_build().root, "templates"))  # kept between builds
    _build().env = env


@event_priority(-110)  # after the i18n plugin (-100)
def _files_after_i18n(files: Files, *, config: MkDocsConfig) -> Files:
    """The shared files back in every language, at their one address below the site root."""
    present = {file.src_uri for file in files}
    for file in _build().shared_files:
        if file.src_uri not in present:
            files.append(file)
    return files


on_files = CombinedEvent(_files_before_i18n, _files_after_i18n)


# on_nav: the sitemap -------------------------------------------------------------------------

def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    """The sitemap's <lastmod> is each page's review date, not the build date: the same sources
    give the same site."""
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = _build().pages[file.src_uri].reviewed.isoformat()
    return nav


# on_page_markdown: each page's text, and the Markdown extensions' configuration ---------------

def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _build()
    path = _editor_path(config, page.file.src_uri)
    body, first_line = body_and_first_line(page.file.content_string)
    # MkDocs hands over the text without the empty lines after the front matter.
    first_line += len(body) - len(body.lstrip("\n"))
    # The limit wherever a title or description states it: {{ pain_limit }}, {{ severe_pain_from }}.
    limit, severe = build.checker.rules.pain_limit, build.checker.rules.severe_pain_from
    try:
        for name in ("title", "description"):
            if isinstance(page.meta.get(name), str):
                page.meta[name] = fill_pain_limit(page.meta[name], limit, severe_from=severe)
        if isinstance(page.title, str):
            page.title = fill_pain_limit(page.title, limit, severe_from=severe)
    except PlaceholderError as error:
        raise PluginError(f"{path}:{error}") from None
    markdown = _with_publisher(markdown, page, config)
    if has_markers(markdown):
        markdown = _with_referrers_kit(markdown, page, files)
    _configure_extensions(page, config, files, path, first_line)
    return markdown


def _with_publisher(markdown: str, page: Page, config: MkDocsConfig) -> str:
    """Who publishes the site (mkdocs.yml `extra.publisher`, per language) where a page has
    <!-- publisher --> or <!-- publisher-contact -->: no organisation is written into a page."""
    if PUBLISHER_MARKER not in markdown and PUBLISHER_CONTACT_MARKER not in markdown:
        return markdown
    publisher = config.extra.get("publisher") or {}
    name = str(publisher.get("name", "")).strip()
    contact = str(publisher.get("contact", "") or "").strip()
    if not name:
        raise PluginError("mkdocs.yml: extra.publisher.name is missing — set the name of whoever publishes the "
                          "site (for English under plugins → i18n → languages → en → extra)")
    if contact and not contact.startswith(("https://", "mailto:")):
        raise PluginError(f"mkdocs.yml: extra.publisher.contact must start with https:// or mailto: (got {contact!r})")
    rendered = ""
    if contact:
        template = _build().env.get_template("partials/publisher-contact.html")
        rendered = template.render(contact=contact, locale=page.file.locale).strip()
    return markdown.replace(PUBLISHER_MARKER, html.escape(name)).replace(PUBLISHER_CONTACT_MARKER, rendered)


def _with_referrers_kit(markdown: str, page: Page, files: Files) -> str:
    build = _build()
    script = files.get_file_from_path(COPY_SCRIPT)
    if script is None or build.referrers is None:
        raise PluginError(f"{page.file.src_uri}: the referrers' kit needs docs/{COPY_SCRIPT}")
    return build.referrers.render(
        markdown, language=page.file.locale, name=page.file.src_uri.split("/", 1)[1],
        page_url=page.file.url, script_url=script.url_relative_to(page.file), env=build.env,
    )


def _configure_extensions(page: Page, config: MkDocsConfig, files: Files, path: str, first_line: int) -> None:
    """What the Markdown extensions need to know about this page, set just before MkDocs renders
    it: its language, where the other pages are, and the data read once for the whole build."""
    build = _build()
    language = page.file.locale
    contact = files.get_file_from_path(CONTACT_PAGE)
    checker_script = files.get_file_from_path(CHECKER_SCRIPT)
    diary_script = files.get_file_from_path(DIARY_SCRIPT)
    if contact is None or checker_script is None or diary_script is None:
        raise PluginError(f"docs/{language}/{CONTACT_PAGE}, docs/{CHECKER_SCRIPT} and docs/{DIARY_SCRIPT} must "
                          f"exist: the warning signs, the checker and the diary need them")
    links = {}
    for name in build.page_names:
        target = files.get_file_from_path(name)
        if target is not None and target.src_uri in build.pages:
            links[name] = {"url": target.url_relative_to(page.file), "title": build.pages[target.src_uri].title}
    on_contact_page = contact.src_uri == page.file.src_uri
    diary_page = files.get_file_from_path(DIARY_PAGE)
    common = {"language": language, "templates": build.env, "source_path": path, "error": PluginError}

    def remember_cited(keys: list[str]) -> None:
        # For the page's structured data (on_page_context): the works it cites, in order.
        page.meta["cited_works"] = [schema_citation(build.references[key]) for key in keys]

    page_config = {
        warning_signs_extension.NAME: {
            **common, "signs": build.signs, "first_line": first_line,
            "more_url": "" if on_contact_page else
            f"{contact.url_relative_to(page.file)}#{warning_signs_extension.CONTACT_ANCHOR[language]}",
        },
        checker_extension.NAME: {
            **common, "rules": build.checker, "first_line": first_line,
            "script_url": checker_script.url_relative_to(page.file),
            "contact_url": contact.url_relative_to(page.file),
            "contact_title": build.pages[contact.src_uri].title,
            "diary_url": diary_page.url_relative_to(page.file) if diary_page is not None else "",
        },
        diary_extension.NAME: {
            **common, "diary": build.diary, "first_line": first_line, "locale": build.texts[language].locale,
            "script_url": diary_script.url_relative_to(page.file),
            "contact_url": contact.url_relative_to(page.file),
            "contact_title": build.pages[contact.src_uri].title,
        },
        exercises_extension.NAME: {
            **common, "exercises": build.exercises, "rules": build.checker, "first_line": first_line,
            "images_url": get_relative_url(IMAGES_FOLDER, page.file.url),
            "script_url": get_relative_url(EXERCISE_SCRIPT, page.file.url),
            "contact_url": contact.url_relative_to(page.file),
            "contact_title": build.pages[contact.src_uri].title,
            **_exercise_pages(page, files, config),
            "qr_codes": build.qr_codes,
        },
        glossary_extension.NAME: {**common, "glossary": build.glossary, "page_links": links,
                                  "texts": build.texts[language]},
        citations_extension.NAME: {
            **common, "references": build.references, "texts": build.texts[language], "first_line": first_line, "on_cited": remember_cited,
            "cited_by": {key: [links[name] for name in names if name in links]
                         for key, names in build.cited_by.get(language, {}).items()},
        },
    }
    for name, values in page_config.items():
        config.mdx_configs[name] = {**(config.mdx_configs.get(name) or {}), **values}


def _exercise_pages(page: Page, files: Files, config: MkDocsConfig) -> dict[str, str]:
    """Where the exercises and their cards are, from this page; the full addresses of the
    exercises and of the page on when to get in touch (on the printed cards)."""
    exercises, cards = files.get_file_from_path(EXERCISES_PAGE), files.get_file_from_path(CARDS_PAGE)
    if exercises is None or cards is None:
        return {}
    build = _build()
    contact = files.get_file_from_path(CONTACT_PAGE)
    address = {name: absolute(config.site_url or "", build.pages[file.src_uri].url_path(build.default_language))
               for name, file in (("exercises", exercises), ("contact", contact)) if file is not None}
    return {"exercises_url": exercises.url_relative_to(page.file), "cards_url": cards.url_relative_to(page.file),
            "exercises_address": address["exercises"], "contact_address": address.get("contact", "")}


# on_env: one template environment for the whole build --------------------------------------

@event_priority(100)  # before the i18n plugin adds its template extension to the environment
def on_env(env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """The theme's pages are rendered with the build's one environment, in every language, so
    each template is compiled once per build, not once per language."""
    return _build().env or env


# on_page_context: the review line and the page's head ----------------------------------------

def on_page_context(context: dict[str, Any], *, page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    build = _build()
    texts = build.texts[page.file.locale]
    context["review"] = review_line(build.pages[page.file.src_uri], texts)
    if not config.site_url:
        raise PluginError("mkdocs.yml: site_url is missing — set the site's public address")
    alternates = getattr(page.file, "alternates", {}) or {page.file.locale: page.file}
    title = str(page.meta.get("title") or page.title)
    context["head"] = page_head(
        site_url=config.site_url,
        site_name=config.site_name,
        publisher=build.publishers[page.file.locale]["name"],
        licence_url=build.licences[page.file.locale].url,
        language=page.file.locale,
        default_language=build.default_language,
        page_urls={language: file.url for language, file in alternates.items()},
        title=title,
        description=str(page.meta.get("description") or config.site_description or ""),
        reviewed=page.meta["reviewed"],
        citations=page.meta.get("cited_works", []),
        locales={language: language_texts.locale for language, language_texts in build.texts.items()},
        image_alt=texts.share_image["alt"],
    )
    context["page_footer"] = _page_footer(
        page.file.locale, page.file.url, context["head"].canonical, title, config,
        edit_url=page.edit_url, base="",
    )
    return context


def _page_footer(language: str, page_url: str, public_url: str, title: str, config: MkDocsConfig, *,
                 edit_url: str | None, base: str, report: bool = True) -> PageFooter:
    """The footer under a page (overrides/partials/copyright.html): its links in the page's
    language, relative to `page_url` (or below `base`, an absolute path, for the not-found page)."""
    build = _build()
    links = []
    for name in (MADE_PAGE, ACCESSIBILITY_PAGE):
        target = build.pages.get(f"{language}/{name}")
        if target is None:
            raise PluginError(f"docs/{language}/{name} is missing — every page's footer links to it")
        path = target.url_path(build.default_language)
        links.append(FooterLink(title=target.title,
                                url=f"{base}{path}" if base else get_relative_url(path, page_url)))
    publisher = build.publishers[language]
    return page_footer(
        texts=build.texts[language].footer, licence=build.licences[language], publisher=publisher["name"],
        page_url=public_url, title=title, contact=publisher["contact"] if report else "",
        repo_url=str(config.repo_url or "") if report else "", edit_url=edit_url, links=tuple(links),
    )


def on_template_context(context: dict[str, Any], *, template_name: str, config: MkDocsConfig) -> dict[str, Any]:
    """The not-found page's footer: the licence and the two pages, at their absolute paths (the
    page is served at any address); nothing to report or edit on a page that does not exist."""
    if template_name == "404.html":
        language = config.plugins["i18n"].current_language
        base = str(context.get("base_url") or "/")
        context["page_footer"] = _page_footer(language, "", absolute(config.site_url, ""), config.site_name, config,
                                              edit_url=None, base=base if base.endswith("/") else f"{base}/",
                                              report=False)
    return context


# on_post_page: print links, the theme's HTML, English search ---------------------------------

def _theme_fixes(output: str, language: str, config: MkDocsConfig) -> str:
    """Repairs to the theme's HTML (see theme_html.py): a short site name on phones, a named
    search dialog with a submit button, no autocomplete on the menu toggles."""
    search = _build().texts[language].search
    try:
        output = add_short_site_name(output, str(config.extra.get("short_name") or ""))
        output = add_search_submit(name_search_dialog(output, search["dialog"]), search["submit"])
        return drop_toggle_autocomplete(output)
    except ThemeChanged as error:
        raise _plugin_error(error) from None


def on_post_page(output: str, *, page: Page, config: MkDocsConfig) -> str:
    # For print: the full address of every link in the text (see print_links.py).
    output = add_print_urls(output, page.canonical_url or absolute(config.site_url, page.url))
    output = _theme_fixes(output, page.file.locale, config)
    if page.file.locale != _build().default_language:  # English pages search the English index
        try:
            output = rebase_config(output, page.file.locale)
        except ThemeChanged as error:
            raise _plugin_error(error) from None
    return output


def on_post_template(output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
    """The not-found page is written once per language; the default language's one, whose
    template (overrides/404.html) speaks both, is kept (on_post_build)."""
    if template_name != "404.html":
        return output_content
    language = config.plugins["i18n"].current_language
    fixed = _theme_fixes(output_content, language, config)
    _build().not_found[language] = fixed
    return fixed


# on_post_build: after every language ---------------------------------------------------------

@event_priority(-200)  # after the i18n plugin (-100) has built the other languages
def on_post_build(*, config: MkDocsConfig) -> None:
    if config.plugins["i18n"].building:
        return
    build = _build()
    site = Path(config.site_dir)
    if build.referrers is not None:
        build.referrers.write_qr_files(site)
    if build.default_language in build.not_found:
        (site / "404.html").write_text(build.not_found[build.default_language], encoding="utf-8")
    if os.environ.get(SKIP_POSTBUILD):  # to run the site-level steps yourself, on the folder
        return
    try:
        postbuild.run(postbuild.BuiltSite(
            folder=site, root=build.root, site_url=config.site_url, languages=tuple(build.languages),
            default_language=build.default_language, pages=list(build.pages.values()), templates=build.env,
            search_terms=build.search_terms, redirects=build.redirects, texts=build.texts,
            first_paint=build.first_paint, script_states=build.script_states,
        ))
    except SiteError as error:
        raise _plugin_error(error) from None

