"""What lets a reader check the site: the licence and the two pages (how the information is made,
accessibility) under every page, the report-a-mistake and edit links where the project sets them
up, and the guard that stops a build for publishing while the site has its placeholder address."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from heuppijn_site.deploy.publish_guard import is_placeholder, is_publishing, publish_problems
from heuppijn_site.site_texts import site_texts
from heuppijn_site.tools.site_tools import (
    ROOT,
    build_env,
    mkdocs_build,
    page_output,
)
from support.project_copy import read_and_checked, warm_copy
from support.site import LANGUAGES, LICENCE_URL, PUBLISHER, open_settled, url_of, pages
from heuppijn_site.trust.page_footer import FooterError, Licence, load_licence, report_url


PAGES = pages()
TEXTS = site_texts(ROOT, LANGUAGES)
FOOTER_PAGES = ("werkwijze.md", "toegankelijkheid.md")


def footer_of(html_text: str) -> str:
    match = re.search(r'<div class="md-copyright site-footer">(.*?)</div>\s*</div>\s*</div>\s*</footer>',
                      html_text, re.S)
    assert match, "the page has no site footer"
    return match.group(1)


def links_in(fragment: str) -> dict[str, str]:
    """{link text: href} of the links in an HTML fragment."""
    return {html.unescape(re.sub(r"<[^>]+>", "", text)).strip(): html.unescape(href)
            for href, text in re.findall(r'<a href="([^"]*)"[^>]*>(.*?)</a>', fragment, re.S)}


# The licence, the report link and the publish guard, without a build -------------------------

def test_the_licence_of_another_language_takes_what_it_leaves_out_from_the_default():
    default = {"name": "CC BY 4.0", "url": LICENCE_URL["nl"], "attribution": "{publisher}, {page}, {licence}"}
    english = load_licence({"url": LICENCE_URL["en"]}, "en", defaults=default)
    assert english == Licence(name="CC BY 4.0", url=LICENCE_URL["en"], attribution="{publisher}, {page}, {licence}")
    assert english.attribution_for(publisher="Hip pain", page_url="https://x.nl/en/") == \
        "Hip pain, https://x.nl/en/, CC BY 4.0"


@pytest.mark.parametrize(("node", "message"), [
    (None, "mkdocs.yml: extra.licence.name is missing"),
    ({"name": "CC BY 4.0", "url": "http://creativecommons.org/", "attribution": "{page}"},
     "extra.licence.url must be the https:// address"),
    ({"name": "CC BY 4.0", "url": "https://creativecommons.org/", "attribution": "{publisher}"},
     "must name the page with {page}"),
    ({"name": "CC BY 4.0", "url": "https://creativecommons.org/", "attribution": "{page} {year}"},
     "may use only {publisher}, {page} and {licence}"),
    ({"name": "CC BY 4.0", "url": "https://creativecommons.org/", "attribution": "{page}", "holder": "x"},
     "'holder' is not a licence field"),
])
def test_a_mistake_in_the_licence_names_the_setting_and_the_fix(node, message):
    with pytest.raises(FooterError, match=re.escape(message)):
        load_licence(node, "nl")


REPORT = {"report_subject": "Fout op de site", "report_page": "Pagina:", "report_question": "Wat klopt er niet?"}
PAGE = "https://heuppijn.nl/pijnregel/"


def test_a_mailto_contact_gets_an_email_with_the_page_address_in_the_subject():
    url = report_url(contact="mailto:redactie@heuppijn.nl", repo_url="https://github.com/o/r",
                     page_url=PAGE, title="De pijnregel", texts=REPORT)
    parts = urlsplit(url)
    assert parts.scheme == "mailto" and parts.path == "redactie@heuppijn.nl"
    query = parse_qs(parts.query)
    assert query["subject"] == [f"Fout op de site: {PAGE}"]
    assert PAGE in query["body"][0] and "De pijnregel" in query["body"][0]
    assert "+" not in parts.query, "mail programs show a + as a +: spaces must be %20"


def test_a_contact_page_is_linked_as_it_is():
    assert report_url(contact="https://heuppijn.nl/contact", repo_url="", page_url=PAGE, title="x",
                      texts=REPORT) == "https://heuppijn.nl/contact"


@pytest.mark.parametrize(("repo_url", "path", "title", "body"), [
    ("https://github.com/owner/heuppijn", "/owner/heuppijn/issues/new", "title", "body"),
    ("https://codeberg.org/owner/heuppijn/", "/owner/heuppijn/issues/new", "title", "body"),
    ("https://gitlab.com/owner/heuppijn", "/owner/heuppijn/-/issues/new", "issue[title]", "issue[description]"),
])
def test_without_a_contact_a_mistake_becomes_a_new_issue_naming_the_page(repo_url, path, title, body):
    url = report_url(contact="", repo_url=repo_url, page_url=PAGE, title="De pijnregel", texts=REPORT)
    parts = urlsplit(url)
    assert parts.path == path
    query = parse_qs(parts.query)
    assert query[title] == ["Fout op de site: De pijnregel"]
    assert PAGE in query[body][0]


def test_with_neither_there_is_no_link():
    assert report_url(contact="", repo_url="", page_url=PAGE, title="x", texts=REPORT) is None


@pytest.mark.parametrize(("site_url", "placeholder"), [
    ("https://heuppijn.example.org/", True), ("https://example.com/", True), ("https://site.test/", True),
    ("", True), ("https://owner.github.io/heuppijn/", False), ("https://heuppijn.nl/", False),
    ("https://example.org.nl/", False),
])
def test_the_placeholder_address_is_recognised(site_url, placeholder):
    assert is_placeholder(site_url) is placeholder


def test_only_a_build_for_publishing_is_guarded():
    assert is_publishing({"HEUPPIJN_PUBLISH": "1"}, "build")
    assert is_publishing({}, "gh-deploy")
    assert not is_publishing({"CI": "true"}, "build"), "make test runs with CI=true: it must not be guarded"
    assert not is_publishing({"HEUPPIJN_PUBLISH": ""}, "build")
    assert not is_publishing({"HEUPPIJN_PUBLISH": "0"}, "serve")
    assert publish_problems("https://heuppijn.nl/", {"nl": "mailto:a@b.nl", "en": "mailto:a@b.nl"}, "nl") == []


# The built site -------------------------------------------------------------------------------

@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.path)
def test_every_page_shows_the_licence_and_the_two_pages_in_its_language(site, page):
    text = page_output(site, page).read_text(encoding="utf-8")
    footer = footer_of(text)
    links = links_in(footer)
    for name in FOOTER_PAGES:
        target = next(p for p in PAGES if p.name == name and p.locale == page.locale)
        href = links.get(target.title)
        assert href, f"{page.path}: the footer does not link to {target.path}"
        resolved = (page_output(site, page).parent / href / "index.html").resolve()
        assert resolved == page_output(site, target).resolve(), f"{page.path}: {href} does not lead to {target.path}"
    assert links.get("CC BY 4.0") == LICENCE_URL[page.locale]
    assert 'rel="license"' in footer
    attribution = f"{PUBLISHER[page.locale]}, {url_of(page)}, CC BY 4.0"
    assert html.unescape(footer).count(attribution) == 1, f"{page.path}: no attribution line {attribution!r}"
    # Nothing to report to and no repository in this project's settings: no such links.
    assert "data-report-mistake" not in footer and "data-edit-page" not in footer


def test_the_not_found_page_shows_the_licence_and_the_two_pages(site):
    footer = footer_of((site / "404.html").read_text(encoding="utf-8"))
    links = links_in(footer)
    assert links["Hoe deze informatie wordt gemaakt"] == "/werkwijze/"
    assert links["Toegankelijkheid"] == "/toegankelijkheid/"
    assert links["CC BY 4.0"] == LICENCE_URL["nl"]


def test_the_not_found_page_speaks_every_language_in_its_own_words(site):
    """One not-found page for every reader (data/labels.yml, not_found): the default language's
    words first, then a section per other language with its link to that language's home page."""
    page = (site / "404.html").read_text(encoding="utf-8")
    title = " · ".join(TEXTS[language].not_found["title"] for language in LANGUAGES)
    assert f"<title>{title} - " in page, "the page's title says it was not found"
    for language in LANGUAGES:
        words = TEXTS[language].not_found
        home = "/" if language == LANGUAGES[0] else f"/{language}/"
        assert f'<a href="{home}">{words["home"]}</a>{words["home_rest"]}' in page, language
        heading = "h1" if language == LANGUAGES[0] else f'h2 id="not-found-{language}"'
        assert f"<{heading}>{words['title']}</" in page, language
        if language != LANGUAGES[0]:
            assert f'<section lang="{language}" class="not-found__other-language"' in page, language


def test_the_two_pages_are_linked_from_the_home_page_and_the_about_page(site):
    for path, made, accessibility in (("", "werkwijze/", "toegankelijkheid/"),
                                      ("over/", "../werkwijze/", "../toegankelijkheid/"),
                                      ("en/", "how-it-is-made/", "accessibility/"),
                                      ("en/about/", "../how-it-is-made/", "../accessibility/")):
        article = (site / path / "index.html").read_text(encoding="utf-8").split("<article", 1)[1]
        assert f'href="{made}"' in article and f'href="{accessibility}"' in article, path


def test_the_source_practice_is_named_for_what_it_is():
    """The page on how the information is made says honestly that one source is a practice's own
    web page, with promotion left out."""
    dutch = (ROOT / "docs/nl/werkwijze.md").read_text(encoding="utf-8")
    english = (ROOT / "docs/en/werkwijze.md").read_text(encoding="utf-8")
    assert "de eigen webpagina van één fysiotherapiepraktijk" in dutch and "reclame" in dutch
    assert "the own web page of one physiotherapy practice" in english and "advert" in english


# A copy of the project with a contact or a repository, and builds for publishing ---------------

def set_publisher_contact(project: Path, contact: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert text.count('contact: ""') == 2
    config.write_text(text.replace('contact: ""', f'contact: "{contact}"'), encoding="utf-8")


def set_repository(project: Path, repo_url: str) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    old = "# repo_url: https://github.com/OWNER/REPO\n# edit_uri: edit/main/docs/\n"
    assert old in text
    config.write_text(text.replace(old, f"repo_url: {repo_url}\nedit_uri: edit/main/docs/\n"), encoding="utf-8")


def built_page(project: Path, page) -> str:
    return page_output(project / "site", page).read_text(encoding="utf-8")


@pytest.mark.slow
def test_with_a_contact_every_page_reports_by_email_naming_itself(tmp_path, site):  # site: a warm build cache
    project = warm_copy(tmp_path)
    set_publisher_contact(project, "mailto:redactie@heuppijn.example.org")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    for page in PAGES:
        footer = footer_of(built_page(project, page))
        url = links_in(footer)[TEXTS[page.locale].footer["report"]]
        parts = urlsplit(url)
        assert parts.scheme == "mailto" and parts.path == "redactie@heuppijn.example.org"
        assert parse_qs(parts.query)["subject"] == [f"{TEXTS[page.locale].footer['report_subject']}: {url_of(page)}"]
        assert "data-edit-page" not in footer, "no repository set: no edit link"
        if page.name == "over.md":  # the about page links to the publisher, in its own language
            assert (f'<a href="mailto:redactie@heuppijn.example.org">{TEXTS[page.locale].footer["contact"]}</a>.'
                    in built_page(project, page)), page.locale


@pytest.fixture(scope="module")
def with_repository(tmp_path_factory: pytest.TempPathFactory, site) -> Path:
    """A copy of the project with repo_url (GitHub) and edit_uri set, built (from the build cache
    of the run's site)."""
    project = warm_copy(tmp_path_factory.mktemp("with-repository"))
    set_repository(project, "https://github.com/heuppijn/site")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stderr
    return project


@pytest.mark.slow
def test_with_a_repository_a_mistake_opens_an_issue_and_editors_get_the_source_file(with_repository):
    project = with_repository
    for page in PAGES:
        footer = footer_of(built_page(project, page))
        links = links_in(footer)
        parts = urlsplit(links[TEXTS[page.locale].footer["report"]])
        assert (parts.netloc, parts.path) == ("github.com", "/heuppijn/site/issues/new")
        query = parse_qs(parts.query)
        assert query["title"] == [f"{TEXTS[page.locale].footer['report_subject']}: {page.title}"]
        assert url_of(page) in query["body"][0]
        edit = links[TEXTS[page.locale].footer["edit"]]
        assert unquote(edit) == f"https://github.com/heuppijn/site/edit/main/{page.path}", page.path


@pytest.mark.slow
def test_with_a_repository_no_page_asks_another_host_for_anything(with_repository, browser):
    """The theme would show the repository in the header and fetch its stars from GitHub's API;
    overrides/partials/source.html leaves that out, so the privacy promise and the CSP hold."""
    from heuppijn_site.tools.site_tools import PHONE, serve

    with serve(with_repository / "site") as url:
        context = browser.new_context(viewport=PHONE)
        page = context.new_page()
        problems: list[str] = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("request", lambda request: problems.append(request.url) if not request.url.startswith(url) else None)
        for path in ("", "en/pain-rule/"):
            open_settled(page, url + path)
            assert page.locator(".md-source").count() == 0
        context.close()
    assert problems == []


def publish_build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-q", "-d", str(project / "site")],
        cwd=project, env={**build_env(project), **env}, capture_output=True, text=True, timeout=300,
    )


@pytest.mark.slow
def test_a_build_for_publishing_stops_on_the_placeholder_address_saying_what_to_set(tmp_path):
    project = warm_copy(tmp_path)
    result = publish_build(project, HEUPPIJN_PUBLISH="1", CI="true")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "Traceback" not in output
    assert "site_url is https://heuppijn.example.org/, a placeholder" in output
    assert "SITE_URL" in output
    assert "extra → publisher → contact is empty (nl)" in output
    assert "plugins → i18n → languages → en → extra → publisher → contact is empty (en)" in output
    # Where the guard stops the build (on_config), in this process: the same project, as `make
    # test` builds it in CI (CI=true, not publishing), passes.
    read_and_checked(project, CI="true")
    # Set up for publishing: the whole build for publishing goes through.
    set_publisher_contact(project, "mailto:redactie@heuppijn.nl")
    ready = publish_build(project, HEUPPIJN_PUBLISH="1", CI="true", SITE_URL="https://heuppijn.nl/")
    assert ready.returncode == 0, ready.stderr


def test_the_workflow_guards_only_the_build_it_publishes():
    import yaml

    workflow = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8"))
    steps = workflow["jobs"]["test"]["steps"]
    build = next(step for step in steps if "make build" in step.get("run", ""))
    tests = next(step for step in steps if "make test" in step.get("run", ""))
    assert "HEUPPIJN_PUBLISH" not in str(tests.get("env", {}))
    guard = build["env"]["HEUPPIJN_PUBLISH"]
    assert "github.event_name != 'pull_request'" in guard and "refs/heads/main" in guard
    assert os.environ.get("HEUPPIJN_PUBLISH", "") == "" or "HEUPPIJN_PUBLISH" not in build_env(ROOT)
