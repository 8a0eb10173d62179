"""One `mkdocs build` of the site, as an object: what it reads once and uses for every page, in
every language, and what each step of the build does with it. hooks/site.py, the MkDocs glue,
makes one in `on_config` and hands every event to it (as Material's plugins keep their state on
`self`, and MkDocs' search plugin hands its events to its `SearchIndex`).

A mistake an editor can fix raises a SiteError (heuppijn_site.errors), with the file, the line
and the fix; the glue turns it into MkDocs' own error.

mkdocs-static-i18n builds the default language first, then each other language inside its own
on_post_build, running every event again with the same `config`: the build object rides on it
(`SiteBuild.of(config)`), read once, until the last language is done."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from heuppijn_site.build_cache import cache_folder, template_cache
from heuppijn_site.clinicians.clinician_links import QrCodes, load_kit
from heuppijn_site.clinicians.kit import KitPage, ReferrersKit, has_markers
from heuppijn_site.content import citations_extension, glossary_extension, warning_signs_extension
from heuppijn_site.content.citations import CitationSyntaxError, check_keys, cited_keys, find_citations
from heuppijn_site.content.front_matter import (
    PageMetadata,
    body_and_first_line,
    language_and_name,
    review_line,
)
from heuppijn_site.content.glossary_terms import load_glossary
from heuppijn_site.content.markers import marker_problems
from heuppijn_site.content.references import Reference, load_references, schema_citation
from heuppijn_site.content.warning_signs import load_warning_signs
from heuppijn_site.data_files import value_line
from heuppijn_site.deploy import postbuild
from heuppijn_site.deploy.publish_guard import is_publishing, publish_error, publish_problems
from heuppijn_site.errors import SiteError
from heuppijn_site.exercises import exercises_extension
from heuppijn_site.exercises.programme import ExercisesError, load_exercises, missing_drawings
from heuppijn_site.head.page_head import absolute, page_head
from heuppijn_site.head.print_links import add_print_urls
from heuppijn_site.pain_rule import checker_extension, diary_extension
from heuppijn_site.pain_rule.diary_rules import load_pain_diary
from heuppijn_site.pain_rule.pain_rules import PlaceholderError, fill_pain_limit
from heuppijn_site.search.search_index import KEYWORDS
from heuppijn_site.project import DATA_FILES, Project, checked_pages, first_paint_setting
from heuppijn_site.theme.theme_html import (
    add_search_submit,
    add_short_site_name,
    drop_toggle_autocomplete,
    drop_unlabelled_toc_toggle,
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
# The Markdown extensions the build configures for every page; mkdocs.yml must list each.
EXTENSIONS = (
    warning_signs_extension.NAME,
    checker_extension.NAME,
    diary_extension.NAME,
    exercises_extension.NAME,
    glossary_extension.NAME,
    citations_extension.NAME,
)
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
# The data file each name above stands for, unless the extensions' options name another.
DEFAULT_DATA_FILES = {"references": DATA_FILES["references"], "signs": DATA_FILES["warning_signs"],
                      "rules": DATA_FILES["pain_rules"], "diary": DATA_FILES["pain_diary"],
                      "glossary": DATA_FILES["glossary"], "exercises": DATA_FILES["exercises"]}
# Where the build rides on MkDocs' config between events (see the module's docstring).
_ON_CONFIG = "heuppijn_site_build"


class SiteBuild:
    """What one `mkdocs build` reads once and uses for every page, in every language; one method
    per step of the build, in the order MkDocs runs them.

    `page_error`: the exception the Markdown extensions raise for a mistake in a page, which
    MkDocs renders outside any event (the glue passes MkDocs' own)."""

    # on_config: read and check every data file, once per build ----------------------------------

    def __init__(self, config: MkDocsConfig, *, page_error: type[Exception] = SiteError) -> None:
        if "i18n" not in config.plugins:
            raise SiteError("mkdocs.yml: the site needs the mkdocs-static-i18n plugin — keep '- i18n:' with its "
                            "languages under plugins")
        i18n = config.plugins["i18n"]
        check_mkdocs_yml(config)
        self.page_error = page_error
        # The languages from the i18n plugin's configuration, as MkDocs has read mkdocs.yml.
        self.project = Project(
            root=Path(config.config_file_path).parent, site_url=config.site_url or "",
            languages=tuple(language.locale for language in i18n.config.languages),
            default_language=i18n.default_language, docs_dir=Path(config.docs_dir),
            first_paint=first_paint_setting(config.extra, "mkdocs.yml"),
        )
        self.root = root = self.project.root
        docs = self.project.docs_dir
        self.languages = languages = list(self.project.languages)
        self.default_language: str = self.project.default_language
        self.page_names = names = self.project.page_names()
        files = data_files(config)  # as the extensions' options in mkdocs.yml name them
        self.references = references = load_references(root / files["references"], files["references"])
        self.signs = signs = load_warning_signs(root / files["signs"], languages, files["signs"])
        for sign in signs.signs:
            check_data_citations(sign.source, root, files["signs"], references, "signs", ("id", sign.id), "source")
        self.checker = checker = checker_extension.load_checker(root / files["rules"], signs, tuple(languages),
                                                                files["rules"])
        check_data_citations(checker.rules.pain_limit_source, root, files["rules"], references, "pain_limit_source")
        self.diary = load_pain_diary(root / files["diary"], languages, checker.rules, files["diary"])
        self.exercises = exercises = load_exercises(root / files["exercises"], languages, checker.rules.pain_limit,
                                                    checker.rules.severe_pain_from, files["exercises"])
        check_data_citations(exercises.source, root, files["exercises"], references, "source")
        for exercise_id, drawing in missing_drawings(exercises, docs / IMAGES_FOLDER):
            line = value_line(root / files["exercises"], "exercises", ("id", exercise_id), "drawing")
            raise ExercisesError(f"{files['exercises']}:{line}: exercise {exercise_id}: the drawing {drawing} is "
                                 f"not in docs/{IMAGES_FOLDER} — add it there or fix the file name")
        self.glossary = load_glossary(root / files["glossary"], languages, names, files["glossary"], references)
        # What the site-level steps read too, read as they read it.
        site_data = postbuild.load_data(root, names, tuple(languages), self.default_language)
        self.search_terms = site_data["search_terms"]
        self.redirects = site_data["redirects"]
        self.texts = site_data["texts"]  # per language: data/labels.yml, data/languages.yml
        self.script_states = site_data["script_states"]  # data/script_states.yml, for the first paint
        self.first_paint = self.project.first_paint  # each page's CSS inline
        self.publishers, self.licences = publishers_and_licences(config)
        self.qr_codes = QrCodes(cache_folder(root, "qr"))  # drawn once, kept in the build cache
        # Filled at on_files:
        self.env: jinja2.Environment | None = None  # the one template environment (see make_env)
        self.pages: dict[str, PageMetadata] = {}  # by src_uri: "nl/herstel.md"
        self.shared_files: list[File] = []
        self.cited_by: dict[str, dict[str, list[str]]] = {}  # [language][work] -> names
        self.referrers: ReferrersKit | None = None
        self.not_found: dict[str, str] = {}  # [language] -> 404.html
        self.signs_sections: dict[str, str] = {}  # [contact page's src_uri] -> id of its signs' section
        # Never publish with the placeholder address, or without a way to report a mistake.
        problems = publish_problems(config.site_url or "",
                                    {lang: p["contact"] for lang, p in self.publishers.items()},
                                    self.default_language)
        if problems and is_publishing(os.environ, None):
            raise SiteError(publish_error(problems))

    @staticmethod
    def of(config: MkDocsConfig) -> SiteBuild:
        """The build this config belongs to."""
        return getattr(config, _ON_CONFIG)

    def attach(self, config: MkDocsConfig) -> None:
        """Ride on `config` for the rest of the build (every language)."""
        setattr(config, _ON_CONFIG, self)

    # on_files: the pages, what they cite, the referrers' kit, shared images ---------------------

    def files_before_i18n(self, files: Files, config: MkDocsConfig) -> None:
        if another_language(config):  # the pages are read and checked
            self.set_page_urls(files)
        else:
            self.make_env(config)
            self.read_pages(files, config)
            self.set_page_urls(files)
            self.count_citations(files, config)
            self.prepare_referrers_kit(files, config)
        self.remember_shared_files(files, config)

    def make_env(self, config: MkDocsConfig) -> None:
        """The build's one template environment, for the site's own parts and the theme's pages in
        every language: each `get_env()` compiles every template anew. Made here, once every
        plugin's on_config has added its template folders (the i18n plugin's sitemap).

        It is made with the first language's theme locale. That is safe because the theme's
        templates take their words from Material's own language partials (by `config.theme.language`
        at render time), not from gettext catalogues, and no plugin here wraps filters in on_env."""
        env = config.theme.get_env()
        env.bytecode_cache = template_cache(cache_folder(self.root, "templates"))  # kept between builds
        self.env = env

    def read_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Every page's front matter, checked; its URL from its `slug:` (before the i18n plugin
        pairs the translations, so the switcher, hreflang, sitemap and links follow it)."""
        pages = checked_pages(
            ((file.src_uri, editor_path(config, file.src_uri), file.content_string)
             for file in files.documentation_pages()),
            self.project.languages, self.checker.rules.pain_limit, self.checker.rules.severe_pain_from)
        self.pages = {f"{page.locale}/{page.name}": page for page in pages}

    def set_page_urls(self, files: Files) -> None:
        """Each page is written where its `slug:` says (the home pages where they are)."""
        for file in files.documentation_pages():
            dest_uri = self.pages[file.src_uri].dest_uri
            if dest_uri is not None:
                file.dest_uri = dest_uri

    def count_citations(self, files: Files, config: MkDocsConfig) -> None:
        """The works each page cites, its own [@key] and those of the warning signs, the checker,
        the diary and the glossary list it shows; translations must cite the same; the sources page
        lists, per work, the pages that cite it."""
        keys_by_page: dict[tuple[str, str], set[str]] = {}
        for file in files.documentation_pages():
            locale, name = language_and_name(file.src_uri)
            path = editor_path(config, file.src_uri)
            body, first_line = body_and_first_line(file.content_string)
            problems = marker_problems(body, path, first_line)
            if problems:
                raise SiteError("\n".join(problems))
            keys = cited_keys(citations_extension.page_citations(body, self.references, path, first_line))
            keys |= warning_signs_extension.cited_keys(body, self.signs, path, first_line)
            keys |= checker_extension.cited_keys(file.content_string, self.checker)
            keys |= diary_extension.cited_keys(file.content_string, self.diary)
            keys |= exercises_extension.cited_keys(file.content_string, self.exercises)
            keys |= glossary_extension.cited_keys(file.content_string, self.glossary)
            keys_by_page[(locale, name)] = keys
        problems = citations_extension.different_sources(keys_by_page)
        if problems:
            raise SiteError(problems[0])
        self.cited_by = {
            language: citations_extension.cited_by_page({name: keys for (lang, name), keys in keys_by_page.items()
                                                         if lang == language})
            for language in self.languages
        }
        used = set().union(*keys_by_page.values()) if keys_by_page else set()
        for key in sorted(set(self.references) - used):
            log.warning(f"{DATA_FILES['references']}: reference '{key}' is not cited on any page — cite it "
                        f"with [@{key}] where it supports a claim, or remove it")

    def prepare_referrers_kit(self, files: Files, config: MkDocsConfig) -> None:
        """Every page's title and addresses, for the page for referrers."""
        kit_pages = {}
        for file in files.documentation_pages():
            meta = self.pages[file.src_uri]
            path = meta.url_path(self.default_language)
            kit_pages[(meta.locale, meta.name)] = KitPage(title=meta.title, description=meta.description, path=path,
                                                          url=absolute(config.site_url, path),
                                                          source=file.content_string)
        kit_file = DATA_FILES["clinician_kit"]
        kit = load_kit(self.root / kit_file, kit_file, self.languages, {name for _, name in kit_pages})
        self.referrers = ReferrersKit(
            pages=kit_pages, kit=kit, redirects=self.redirects, languages=self.languages,
            nav_order=[item for item in (config.nav or []) if isinstance(item, str)],
            absolute=lambda path: absolute(config.site_url, path),
            qr_codes=self.qr_codes,
        )

    def remember_shared_files(self, files: Files, config: MkDocsConfig) -> None:
        """Files outside the language folders (docs/assets/): with `fallback_to_default: false` the
        i18n plugin leaves them out of every language but the default, so remember them."""
        self.shared_files = [
            file for file in files
            if not file.is_documentation_page()
            and file.src_uri.split("/", 1)[0] not in self.languages
            and file.abs_src_path and file.abs_src_path.startswith(config.docs_dir)
        ]

    def files_after_i18n(self, files: Files) -> None:
        """The shared files back in every language, at their one address below the site root."""
        present = {file.src_uri for file in files}
        for file in self.shared_files:
            if file.src_uri not in present:
                files.append(file)

    # on_nav: the sitemap -------------------------------------------------------------------------

    def set_sitemap_dates(self, files: Files) -> None:
        """The sitemap's <lastmod> is each page's review date, not the build date: the same
        sources give the same site."""
        for file in files.documentation_pages():
            if file.page is not None:
                file.page.update_date = self.pages[file.src_uri].reviewed.isoformat()

    # on_page_markdown: each page's text, and the Markdown extensions' configuration -------------

    def page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        path = editor_path(config, page.file.src_uri)
        body, first_line = body_and_first_line(page.file.content_string)
        # MkDocs hands over the text without the empty lines after the front matter.
        first_line += len(body) - len(body.lstrip("\n"))
        # The limit wherever a title or description states it: {{ pain_limit }}, {{ severe_pain_from }}.
        limit, severe = self.checker.rules.pain_limit, self.checker.rules.severe_pain_from
        try:
            for name in ("title", "description"):
                if isinstance(page.meta.get(name), str):
                    page.meta[name] = fill_pain_limit(page.meta[name], limit, severe_from=severe)
            if isinstance(page.title, str):
                page.title = fill_pain_limit(page.title, limit, severe_from=severe)
        except PlaceholderError as error:  # the page's file, which the rule does not know
            raise PlaceholderError(f"{path}:{error}") from None
        markdown = self.with_publisher(markdown, page, config)
        if has_markers(markdown):
            markdown = self.with_referrers_kit(markdown, page, files)
        self.configure_extensions(page, config, files, path, first_line)
        return markdown

    def with_publisher(self, markdown: str, page: Page, config: MkDocsConfig) -> str:
        """Who publishes the site (mkdocs.yml `extra.publisher`, per language) where a page has
        <!-- publisher --> or <!-- publisher-contact -->: no organisation is written into a page."""
        if PUBLISHER_MARKER not in markdown and PUBLISHER_CONTACT_MARKER not in markdown:
            return markdown
        publisher = config.extra.get("publisher") or {}
        name = str(publisher.get("name", "")).strip()
        contact = str(publisher.get("contact", "") or "").strip()
        if not name:
            raise FooterError("mkdocs.yml: extra.publisher.name is missing — set the name of whoever publishes "
                              "the site (for English under plugins → i18n → languages → en → extra)")
        if contact and not contact.startswith(("https://", "mailto:")):
            raise FooterError(f"mkdocs.yml: extra.publisher.contact must start with https:// or mailto: "
                              f"(got {contact!r})")
        rendered = ""
        if contact:
            template = self.env.get_template("partials/publisher-contact.html")
            rendered = template.render(contact=contact,
                                       text=self.texts[page.file.locale].footer["contact"]).strip()
        return markdown.replace(PUBLISHER_MARKER, html.escape(name)).replace(PUBLISHER_CONTACT_MARKER, rendered)

    def signs_section_of(self, contact: File) -> str:
        """Where other pages' "more signs" links lead on the contact page: read from that page
        once per language and build, not for every page that links to it."""
        if contact.src_uri not in self.signs_sections:
            self.signs_sections[contact.src_uri] = warning_signs_extension.signs_section(
                contact.content_string, f"docs/{contact.src_uri}")
        return self.signs_sections[contact.src_uri]

    def with_referrers_kit(self, markdown: str, page: Page, files: Files) -> str:
        script = files.get_file_from_path(COPY_SCRIPT)
        if script is None or self.referrers is None:
            raise SiteError(f"{page.file.src_uri}: the referrers' kit needs docs/{COPY_SCRIPT}")
        return self.referrers.render(
            markdown, language=page.file.locale, name=page.file.src_uri.split("/", 1)[1],
            page_url=page.file.url, script_url=script.url_relative_to(page.file), env=self.env,
        )

    def configure_extensions(self, page: Page, config: MkDocsConfig, files: Files, path: str,
                             first_line: int) -> None:
        """What the Markdown extensions need to know about this page, set just before MkDocs
        renders it: its language, where the other pages are, and the data read once for the whole
        build."""
        language = page.file.locale
        contact = files.get_file_from_path(CONTACT_PAGE)
        checker_script = files.get_file_from_path(CHECKER_SCRIPT)
        diary_script = files.get_file_from_path(DIARY_SCRIPT)
        if contact is None or checker_script is None or diary_script is None:
            raise SiteError(f"docs/{language}/{CONTACT_PAGE}, docs/{CHECKER_SCRIPT} and docs/{DIARY_SCRIPT} must "
                            f"exist: the warning signs, the checker and the diary need them")
        links = {}
        for name in self.page_names:
            target = files.get_file_from_path(name)
            if target is not None and target.src_uri in self.pages:
                links[name] = {"url": target.url_relative_to(page.file), "title": self.pages[target.src_uri].title}
        on_contact_page = contact.src_uri == page.file.src_uri
        diary_page = files.get_file_from_path(DIARY_PAGE)
        common = {"language": language, "templates": self.env, "source_path": path, "error": self.page_error}
        references = self.references

        def remember_cited(keys: list[str]) -> None:
            # For the page's structured data (on_page_context): the works it cites, in order.
            page.meta["cited_works"] = [schema_citation(references[key], language) for key in keys]

        page_config = {
            warning_signs_extension.NAME: {
                **common, "signs": self.signs, "first_line": first_line,
                "more_url": "" if on_contact_page else
                f"{contact.url_relative_to(page.file)}#{self.signs_section_of(contact)}",
            },
            checker_extension.NAME: {
                **common, "rules": self.checker, "first_line": first_line,
                "script_url": checker_script.url_relative_to(page.file),
                "contact_url": contact.url_relative_to(page.file),
                "contact_title": self.pages[contact.src_uri].title,
                "diary_url": diary_page.url_relative_to(page.file) if diary_page is not None else "",
            },
            diary_extension.NAME: {
                **common, "diary": self.diary, "first_line": first_line, "locale": self.texts[language].locale,
                "script_url": diary_script.url_relative_to(page.file),
                "contact_url": contact.url_relative_to(page.file),
                "contact_title": self.pages[contact.src_uri].title,
            },
            exercises_extension.NAME: {
                **common, "exercises": self.exercises, "rules": self.checker, "first_line": first_line,
                "images_url": get_relative_url(IMAGES_FOLDER, page.file.url),
                "script_url": get_relative_url(EXERCISE_SCRIPT, page.file.url),
                "contact_url": contact.url_relative_to(page.file),
                "contact_title": self.pages[contact.src_uri].title,
                **self.exercise_pages(page, files, config),
                "qr_codes": self.qr_codes,
            },
            glossary_extension.NAME: {**common, "glossary": self.glossary, "page_links": links,
                                      "texts": self.texts[language]},
            citations_extension.NAME: {
                **common, "references": references, "texts": self.texts[language], "first_line": first_line,
                "on_cited": remember_cited,
                "cited_by": {key: [links[name] for name in names if name in links]
                             for key, names in self.cited_by.get(language, {}).items()},
            },
        }
        for name, values in page_config.items():
            config.mdx_configs[name] = {**(config.mdx_configs.get(name) or {}), **values}

    def exercise_pages(self, page: Page, files: Files, config: MkDocsConfig) -> dict[str, str]:
        """Where the exercises and their cards are, from this page; the full addresses of the
        exercises and of the page on when to get in touch (on the printed cards)."""
        exercises, cards = files.get_file_from_path(EXERCISES_PAGE), files.get_file_from_path(CARDS_PAGE)
        if exercises is None or cards is None:
            return {}
        contact = files.get_file_from_path(CONTACT_PAGE)
        address = {name: absolute(config.site_url or "", self.pages[file.src_uri].url_path(self.default_language))
                   for name, file in (("exercises", exercises), ("contact", contact)) if file is not None}
        return {"exercises_url": exercises.url_relative_to(page.file), "cards_url": cards.url_relative_to(page.file),
                "exercises_address": address["exercises"], "contact_address": address.get("contact", "")}

    # on_page_context: the review line, the page's head and its footer ---------------------------

    def page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig) -> dict[str, Any]:
        texts = self.texts[page.file.locale]
        context["review"] = review_line(self.pages[page.file.src_uri], texts)
        if not config.site_url:
            raise SiteError("mkdocs.yml: site_url is missing — set the site's public address")
        alternates = getattr(page.file, "alternates", {}) or {page.file.locale: page.file}
        title = str(page.meta.get("title") or page.title)
        context["head"] = page_head(
            site_url=config.site_url,
            site_name=config.site_name,
            publisher=self.publishers[page.file.locale]["name"],
            licence_url=self.licences[page.file.locale].url,
            language=page.file.locale,
            default_language=self.default_language,
            page_urls={language: file.url for language, file in alternates.items()},
            title=title,
            description=str(page.meta.get("description") or config.site_description or ""),
            reviewed=page.meta["reviewed"],
            citations=page.meta.get("cited_works", []),
            locales={language: language_texts.locale for language, language_texts in self.texts.items()},
            condition_names=self.texts[page.file.locale].condition,
            image_alt=texts.share_image["alt"],
        )
        context["page_footer"] = self.page_footer(
            page.file.locale, page.file.url, context["head"].canonical, title, config,
            edit_url=page.edit_url, base="",
        )
        return context

    def page_footer(self, language: str, page_url: str, public_url: str, title: str, config: MkDocsConfig, *,
                    edit_url: str | None, base: str, report: bool = True) -> PageFooter:
        """The footer under a page (overrides/partials/copyright.html): its links in the page's
        language, relative to `page_url` (or below `base`, an absolute path, for the not-found page)."""
        links = []
        for name in (MADE_PAGE, ACCESSIBILITY_PAGE):
            target = self.pages.get(f"{language}/{name}")
            if target is None:
                raise SiteError(f"docs/{language}/{name} is missing — every page's footer links to it")
            path = target.url_path(self.default_language)
            links.append(FooterLink(title=target.title,
                                    url=f"{base}{path}" if base else get_relative_url(path, page_url)))
        publisher = self.publishers[language]
        return page_footer(
            texts=self.texts[language].footer, licence=self.licences[language], publisher=publisher["name"],
            page_url=public_url, title=title, contact=publisher["contact"] if report else "",
            repo_url=str(config.repo_url or "") if report else "", edit_url=edit_url, links=tuple(links),
        )

    def template_context(self, context: dict[str, Any], template_name: str, config: MkDocsConfig) -> dict[str, Any]:
        """The not-found page's footer: the licence and the two pages, at their absolute paths (the
        page is served at any address); nothing to report or edit on a page that does not exist."""
        if template_name != "404.html":
            return context
        language = config.plugins["i18n"].current_language
        base = str(context.get("base_url") or "/")
        context["page_footer"] = self.page_footer(language, "", absolute(config.site_url, ""), config.site_name,
                                                  config, edit_url=None,
                                                  base=base if base.endswith("/") else f"{base}/", report=False)
        # Its words in every language (data/labels.yml, not_found), this language's first.
        order = [language, *(other for other in self.languages if other != language)]
        context["not_found"] = [
            {"language": other, "home_path": "" if other == self.default_language else f"{other}/",
             **self.texts[other].not_found}
            for other in order]
        return context

    # on_post_page: print links, the theme's HTML, each language's search --------------------------

    def theme_fixes(self, output: str, language: str, config: MkDocsConfig) -> str:
        """Repairs to the theme's HTML (see theme_html.py): a short site name on phones, a named
        search dialog with a submit button, no autocomplete on the menu toggles, no unnamed
        contents toggle on a page without sections."""
        search = self.texts[language].search
        output = add_short_site_name(output, str(config.extra.get("short_name") or ""))
        output = add_search_submit(name_search_dialog(output, search["dialog"]), search["submit"])
        return drop_unlabelled_toc_toggle(drop_toggle_autocomplete(output))

    def post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        # For print: the full address of every link in the text (see print_links.py).
        output = add_print_urls(output, page.canonical_url or absolute(config.site_url, page.url))
        output = self.theme_fixes(output, page.file.locale, config)
        if page.file.locale != self.default_language:  # each language's pages search its own index
            output = rebase_config(output, page.file.locale)
        return output

    def post_template(self, output: str, template_name: str, config: MkDocsConfig) -> str:
        """The not-found page is written once per language; the default language's one, whose
        template (overrides/404.html) speaks every language, is kept (post_build)."""
        if template_name != "404.html":
            return output
        language = config.plugins["i18n"].current_language
        fixed = self.theme_fixes(output, language, config)
        self.not_found[language] = fixed
        return fixed

    # on_post_build: after every language --------------------------------------------------------

    def post_build(self, config: MkDocsConfig) -> None:
        if another_language(config):  # the last language is built after this one
            return
        site = Path(config.site_dir)
        if self.referrers is not None:
            self.referrers.write_qr_files(site)
        if self.default_language in self.not_found:
            (site / "404.html").write_text(self.not_found[self.default_language], encoding="utf-8")
        if os.environ.get(SKIP_POSTBUILD):  # to run the site-level steps yourself, on the folder
            return
        postbuild.run(postbuild.BuiltSite(
            folder=site, root=self.root, site_url=config.site_url, languages=tuple(self.languages),
            default_language=self.default_language, pages=list(self.pages.values()), templates=self.env,
            search_terms=self.search_terms, redirects=self.redirects, texts=self.texts,
            first_paint=self.first_paint, script_states=self.script_states,
        ))


# What on_config checks and reads from mkdocs.yml ---------------------------------------------

def another_language(config: MkDocsConfig) -> bool:
    """The i18n plugin is building a language after the default one, with the same build."""
    return "i18n" in config.plugins and config.plugins["i18n"].building


def check_mkdocs_yml(config: MkDocsConfig) -> None:
    """What the steps need from mkdocs.yml, each with the line to add."""
    listed = {name for name in config.markdown_extensions if isinstance(name, str)}
    for name in ("abbr", *EXTENSIONS):
        if name not in listed:
            raise SiteError(f"mkdocs.yml: add '- {name}' under markdown_extensions — the site's pages need it")
    search = config.plugins.get("material/search") or config.plugins.get("search")
    if search is None or KEYWORDS not in search.config.fields:
        raise SiteError(f"mkdocs.yml: {postbuild.SEARCH_TERMS_FILE} needs a search field for its words — "
                        f"add 'fields: {{{KEYWORDS}: {{boost: 1000}}}}' under '- search:' in plugins")


def data_files(config: MkDocsConfig) -> dict[str, str]:
    """The data files as mkdocs.yml names them in its extensions' options (one place, which
    Zensical reads too); extensions that share a file must name the same one."""
    files = {}
    for data, options in DATA_OPTIONS.items():
        named = {(extension, option): str((config.mdx_configs.get(extension) or {}).get(option) or "")
                 for extension, option in options}
        paths = {path for path in named.values() if path}
        if len(paths) > 1:
            listed = "; ".join(f"{extension} {option}: {path}" for (extension, option), path in named.items() if path)
            raise SiteError(f"mkdocs.yml: the Markdown extensions name different files for the same data — "
                            f"make them one: {listed}")
        files[data] = paths.pop() if paths else DEFAULT_DATA_FILES[data]
        if not (Path(config.config_file_path).parent / files[data]).is_file():
            raise SiteError(f"mkdocs.yml: {files[data]} (under markdown_extensions) does not exist — fix the path")
    return files


def publishers_and_licences(config: MkDocsConfig) -> tuple[dict[str, dict[str, str]], dict[str, Licence]]:
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


def check_data_citations(text: str, root: Path, path: str, references: dict[str, Reference],
                         *route: str | tuple[str, str]) -> None:
    """The citations in a data file's text are well-formed and name known works; a mistake is
    reported at the line where the text starts in the file (`route`: the keys down to it), found
    only then: reading the file for it is slow."""
    try:
        check_keys(find_citations(text, path), references, path)
    except CitationSyntaxError:
        check_keys(find_citations(text, path, first_line=value_line(root / path, *route)), references, path)
        raise


def editor_path(config: MkDocsConfig, src_uri: str) -> str:
    """A page's path as an editor sees it from the repository root, e.g. docs/nl/index.md."""
    path = Path(config.docs_dir) / src_uri
    try:
        return path.relative_to(Path(config.config_file_path).parent).as_posix()
    except ValueError:
        return path.as_posix()

