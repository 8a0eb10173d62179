"""The site under a strict Content-Security-Policy behind a real web server: nginx (Debian's
package) with deploy/'s configuration; every page, the search, the language switch, the checker
and a redirect work with zero CSP violations."""

from __future__ import annotations

import urllib.request
from urllib.error import HTTPError

import pytest
from heuppijn_site.deploy.security_headers import inline_script_hashes
from heuppijn_site.tools.site_tools import PHONE, all_page_metadata, page_path, serve_with_nginx

pytestmark = pytest.mark.browser

LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI} in ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture(scope="module")
def nginx_url(site):
    with serve_with_nginx(site) as urls:
        yield urls[0]


def headers_of(url: str) -> dict[str, str]:
    try:
        response = urllib.request.urlopen(url, timeout=5)
    except HTTPError as error:  # the 404 page still gets the headers
        response = error
    return {name.lower(): value for name, value in response.headers.items()}


@pytest.mark.parametrize("path", ["", "en/pain-rule/", "assets/stylesheets/extra.css", "does/not/exist/"])
def test_every_response_carries_the_security_headers(nginx_url, path):
    headers = headers_of(nginx_url + path)
    policy = headers["content-security-policy"]
    script_src = policy.split("script-src", 1)[1].split(";", 1)[0]
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]


def test_the_policy_holds_the_hash_of_every_inline_script(site):
    pages = [path.read_text(encoding="utf-8") for path in site.rglob("*.html")]
    hashes = inline_script_hashes(pages)
    assert 3 <= len(hashes) <= 10
    netlify = (site / "_headers").read_text(encoding="utf-8")
    nginx = (site / "_headers.nginx.conf").read_text(encoding="utf-8")
    for digest in hashes:
        assert digest in netlify and digest in nginx


def test_the_header_files_are_not_served(nginx_url):
    for name in ("_headers", "_headers.nginx.conf"):
        with pytest.raises(HTTPError) as error:
            urllib.request.urlopen(nginx_url + name, timeout=5)
        assert error.value.code == 404


def test_everything_works_with_zero_csp_violations(browser, nginx_url):
    context = browser.new_context(viewport=PHONE)
    context.add_init_script(LISTEN_FOR_VIOLATIONS)
    page = context.new_page()
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{page.url}: {message.text}")
            if message.type == "error" else None)
    violations: list[str] = []

    def collect() -> None:
        violations.extend(f"{page.url}: {v}" for v in page.evaluate("window.__cspViolations"))

    for metadata in all_page_metadata():
        page.goto(nginx_url + page_path(metadata), wait_until="networkidle")
        collect()
    # Search, in Dutch.
    page.goto(nginx_url, wait_until="networkidle")
    page.locator(".md-header label[for='__search']").first.click()
    page.locator("input.md-search__input").fill("pijnregel")
    page.locator(".md-search-result__item").first.wait_for()
    collect()
    # The checker gives advice.
    page.goto(nginx_url + "pijnregel/", wait_until="networkidle")
    for name, value in (("pain", "6"), ("next_day", "same"), ("trend", "better"), ("weeks", "under-2")):
        page.locator(f"label:has(input[name='{name}'][value='{value}'])").click()
    assert page.locator("[data-pain-check-result]").get_attribute("data-level") == "adjust"
    collect()
    # The language switch.
    page.locator(".md-header").get_by_role("link", name="English", exact=True).click()
    page.wait_for_url(nginx_url + "en/pain-rule/")
    collect()
    # A short link, through its redirect page.
    page.goto(nginx_url + "fase-2/")
    page.wait_for_url(nginx_url + "herstel/#fase-2")
    collect()
    context.close()
    assert violations == []
    assert console == []
