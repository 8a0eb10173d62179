"""No published link can disappear unnoticed: every address and section anchor in
data/published-urls.yml works, by a page or a redirect; short links for clinics work."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from heuppijn_site.deploy.postbuild import built_site, check_redirects
from heuppijn_site.errors import SiteError
from heuppijn_site.tools.site_tools import PHONE, copy_project, mkdocs_build, serve
from support.project_copy import edit, warm_copy

from heuppijn_site.tools.published_urls import broken_links, read_list, unlisted

LISTED = read_list()


def test_every_published_address_and_anchor_still_works(site):
    assert len(LISTED) >= 40
    problems = broken_links(LISTED, site)
    assert not problems, "\n".join(problems)


def test_every_address_of_the_site_is_in_the_published_list(site):
    missing = unlisted(LISTED, site)
    assert not missing, (
        "new addresses or anchors are not in data/published-urls.yml yet — run "
        "`make published-urls` and commit the list:\n" + "\n".join(missing)
    )


@pytest.fixture
def project(tmp_path: Path, site) -> Path:
    """A copy of the project to break; its builds start from the build cache of the run's site."""
    return warm_copy(tmp_path)


def build(project: Path) -> Path:
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    return project / "site"


def test_a_renamed_heading_id_is_caught_with_the_fix(project):
    edit(project / "docs/nl/oorzaken.md", "{#druk-op-de-pees}", "{#druk}")
    problems = broken_links(LISTED, build(project), project)
    assert problems == [
        "/oorzaken/#druk-op-de-pees would break: no section on that page has the id "
        "'druk-op-de-pees' any more. Give the heading its old id back, e.g. ## New wording "
        "{#druk-op-de-pees}"
    ]


@pytest.mark.browser
def test_a_moved_page_is_caught_until_a_redirect_covers_it(project, browser):
    edit(project / "docs/nl/oorzaken.md", "slug: oorzaken", "slug: ontstaan")
    site = build(project)
    problems = broken_links(LISTED, site, project)
    assert len(problems) == 1
    assert problems[0].startswith("/oorzaken/ would break: no page or redirect has this address")
    assert "Add to data/redirects.yml:\n    - from: oorzaken/\n      to: nl/<the page" in problems[0]

    with (project / "data/redirects.yml").open("a", encoding="utf-8") as redirects:
        redirects.write("- from: oorzaken/\n  to: nl/oorzaken.md\n")
    site = build(project)
    assert broken_links(LISTED, site, project) == []
    # A reader with an old link, anchor included, lands on the same section at the new address.
    with serve(site) as base_url:
        page = browser.new_page()
        page.goto(base_url + "oorzaken/#druk-op-de-pees")
        page.wait_for_url(base_url + "ontstaan/#druk-op-de-pees")
        assert page.locator("h1").inner_text() == "Hoe ontstaat het?"
        page.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("address", "heading"),
    [("wanneer-contact/#dezelfde-dag", "Alarmsignalen: wat doe je en hoe snel?"),
     ("en/when-to-get-help/#same-day", "Warning signs: what to do, and how soon")],
)
def test_an_old_section_id_still_opens_its_section_below_the_header(browser, base_url, address, heading):
    """The warning-signs section has a new id; a link from a letter with the old one lands on
    the section, its heading in view on a phone and not under the fixed header."""
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url + address)
    section = page.get_by_role("heading", level=2, name=heading)
    page.wait_for_function("() => window.scrollY > 0")
    header = page.locator(".md-header").bounding_box()
    box = section.bounding_box()
    assert header["y"] + header["height"] - 1 <= box["y"] <= PHONE["height"] / 2, (header, box)
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize(
    ("short", "target"),
    [("fase-2/", "herstel/#fase-2"), ("en/phase-3/", "en/recovery/#phase-3"),
     ("pijn/", "pijnregel/"), ("en/help/", "en/when-to-get-help/")],
)
def test_short_links_for_clinics(browser, base_url, short, target):
    page = browser.new_page()
    page.goto(base_url + short)
    page.wait_for_url(base_url + target)
    page.close()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("- from: fase-9/\n  to: nl/herstel.md#fase-9\n",
         "has no heading with id 'fase-9' — fix the anchor after '#', or give the heading that id"),
        ("- from: oud/\n  to: nl/bestaat-niet.md\n", "'to' names docs/nl/bestaat-niet.md, which does not exist"),
        ("- from: en/old/\n  to: nl/herstel.md\n", "'en/old/' is an address in 'en', so 'to' must be a page in docs/en/"),
        ("- from: herstel/\n  to: nl/pijnregel.md\n", "'herstel/' is the address of a page — a redirect cannot replace it"),
        ("- from: Fase 5\n  to: nl/herstel.md\n", "'from' must be an address like fase-2/"),
    ],
)
def test_a_bad_redirect_fails_the_build_naming_the_line(tmp_path, site, line, message):
    """Where the build decides it, in this process: the redirects are read and checked with the data
    files (on_config), and checked against the built pages before the site-level steps change
    anything (heuppijn_site.deploy.postbuild, which the build runs at its end)."""
    project = copy_project(tmp_path)
    path = project / "data/redirects.yml"
    number = len(path.read_text(encoding="utf-8").splitlines()) + 1
    with path.open("a", encoding="utf-8") as redirects:
        redirects.write(line)
    with pytest.raises(SiteError) as raised:
        read = built_site(site, project)  # reads and checks the redirects as the build does
        # Against the run's site, which has a redirect page where each listed redirect goes; the
        # build checks before it writes them, so only the new one is checked against it.
        check_redirects(replace(read, redirects=[r for r in read.redirects if r.line == number]))
    assert f"data/redirects.yml:{number}: " in str(raised.value) and message in str(raised.value), raised.value
