"""`make audit` without Lighthouse: the two nginx servers it measures start, and every address it
would audit answers, on this site with our security headers and on stock Material without them.
A quick guard so the 15-minute audit cannot break unnoticed (it once stopped at its start because
the stock build has no headers file for deploy/nginx/heuppijn.conf to include)."""

from __future__ import annotations

import gzip
import shutil
import urllib.request
from urllib.error import HTTPError

import pytest
from heuppijn_site.tools import audit

pytestmark = pytest.mark.tools  # nginx


@pytest.fixture(scope="module")
def servers(tmp_path_factory):
    """The base URLs (this site, stock Material), served exactly as `make audit` serves them."""
    if not shutil.which("nginx"):
        pytest.fail("nginx is missing: run `make test`, which installs it from Debian's packages",
                    pytrace=False)
    with audit.audit_servers(tmp_path_factory.mktemp("audit")) as urls:
        yield urls


def fetch(url: str) -> tuple[int, dict[str, str], str]:
    """Status, headers (lower-case names) and text of `url`, asked for as a browser asks."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"})
    try:
        response = urllib.request.urlopen(request, timeout=5)
    except HTTPError as error:
        response = error
    headers = {name.lower(): value for name, value in response.headers.items()}
    body = response.read()
    if headers.get("content-encoding") == "gzip":
        body = gzip.decompress(body)
    return response.status, headers, body.decode("utf-8", "replace")


def test_this_site_is_served_with_our_security_headers(servers):
    status, headers, body = fetch(servers[0])
    assert status == 200
    assert "script-src 'self'" in headers.get("content-security-policy", "")
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("content-encoding") == "gzip"
    assert "MedicalWebPage" in body  # our hooks ran
    assert f'<link rel="canonical" href="{servers[0]}">' in body


def test_stock_material_is_served_as_it_comes_with_the_same_compression(servers):
    status, headers, body = fetch(servers[1])
    assert status == 200
    assert '<html lang="nl"' in body and "mkdocs-material-" in body
    assert "MedicalWebPage" not in body  # none of our hooks
    assert "content-security-policy" not in headers  # stock Material writes no headers
    assert headers.get("content-encoding") == "gzip"
    assert f'<link rel="canonical" href="{servers[1]}">' in body


def test_every_address_the_audit_visits_answers_on_both_servers(servers):
    pages = audit.audit_pages()
    assert {page.locale for page in pages} == {"nl", "en"}
    missing = [
        f"{name}: {url} → {status}"
        for page in pages
        for name, url in audit.audit_urls(page, servers).items()
        if (status := fetch(url)[0]) != 200
    ]
    assert not missing, "Lighthouse would audit a missing page:\n" + "\n".join(missing)
