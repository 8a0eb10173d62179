"""What the project's commands share (make screenshots, audit, bench, bench-paint, canary,
published-urls, review-dates): building a copy of the project, serving a built folder as a
static host or with nginx, Debian's Chromium and its window sizes, the pages and their addresses.
The tests use them too; what only the tests use is in tests/support/.
"""

from __future__ import annotations

import functools
import http.server
import importlib.metadata
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import yaml

from heuppijn_site.project import load_project, read_mkdocs_yml, read_pages

ROOT = Path(__file__).resolve().parents[3]  # the repository: src/heuppijn_site/tools/ → ./
PROJECT = load_project(ROOT)
DEFAULT_LANGUAGE = PROJECT.default_language
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# Chromium on this machine: no sandbox as root, and no background calls home (the network is
# closed apart from the package registries; those calls would only fail and slow things down).
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# In a browser: all the page's scripts have run and every stylesheet has arrived. With
# extra.first_paint the site's stylesheet and scripts load after the page is on screen, one after
# the other: the theme's "js" class comes with the first of them, and the page's own (the diary,
# the checker) run later; the loader marks <html> with data-scripts-run once the last has run.
# Without the step (a copy built with it off) the scripts have run when the page has loaded. A
# quiet network (Playwright's "networkidle") can come before all this on a busy machine.
PAGE_SETTLED = """() => (document.querySelector("script[data-scripts]")
    ? document.documentElement.hasAttribute("data-scripts-run") : document.readyState === "complete")
  && document.documentElement.classList.contains("js")
  && [...document.querySelectorAll('link[rel="stylesheet"]')].every(link => link.sheet)"""
BUILD_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def build_env(project: Path) -> dict[str, str]:
    """The environment to run MkDocs on `project`: its own code from its src/ (a copy broken on
    purpose runs its own, not the installed one), and the public address from its mkdocs.yml,
    whatever SITE_URL the shell may have. Never a build for publishing (HEUPPIJN_PUBLISH, which
    stops on the placeholder address), even where the shell has it set."""
    env = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "HEUPPIJN_PUBLISH")}
    return {**env, **BUILD_ENV, "PYTHONPATH": str(project / "src")}


def read_mkdocs_config(path: Path = ROOT / "mkdocs.yml") -> dict[str, Any]:
    """The settings in a project's mkdocs.yml as plain data (`!ENV` resolved as MkDocs does)."""
    return read_mkdocs_yml(path)


@functools.cache
def markdown_builtins() -> frozenset[str]:
    """The short names of Python-Markdown's own extensions (abbr, toc, …)."""
    return frozenset(entry.name for entry in importlib.metadata.entry_points(group="markdown.extensions")
                     if entry.dist is not None and entry.dist.name.lower() == "markdown")


def standard_extension(name: str) -> bool:
    """A Markdown extension from Python-Markdown itself or from pymdownx (not the project's own,
    not Material's)."""
    return name.startswith(("pymdownx.", "markdown.extensions.")) or name in markdown_builtins()


def extension_name(entry: str | dict[str, Any]) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def plugin_entry(plugins: list[str | dict[str, Any]], name: str) -> str | dict[str, Any] | None:
    """The plugins list's entry for the plugin `name`, as written in mkdocs.yml."""
    for entry in plugins:
        if extension_name(entry) == name:
            return entry
    return None


def stock_config(workdir: Path, site_url: str | None = None) -> Path:
    """The same docs with stock Material, for `make bench` and `make audit` to compare with: site
    name and address (or `site_url`), docs folder, navigation, the search plugin, the same i18n
    block and the standard Markdown extensions of mkdocs.yml; no hooks, overrides, extra CSS or
    JavaScript, nor the site's own Markdown extensions. No web fonts, as on this site."""
    project = read_mkdocs_config()
    i18n = plugin_entry(project.get("plugins", []), "i18n")
    if i18n is None:
        sys.exit("mkdocs.yml has no i18n plugin: the stock build would not have the same languages")
    config: dict[str, Any] = {
        "site_name": project["site_name"],
        "site_url": site_url or project["site_url"],
        "docs_dir": str(ROOT / project.get("docs_dir", "docs")),
        "theme": {"name": "material", "language": PROJECT.default_language, "font": False},
        "plugins": ["search", i18n],
        "markdown_extensions": [entry for entry in project.get("markdown_extensions", [])
                                if standard_extension(extension_name(entry))],
    }
    if "nav" in project:
        config["nav"] = project["nav"]
    path = workdir / "mkdocs-stock.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def mkdocs_build(project: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict build of `project` into `site_dir`; return the finished process."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "-d", str(site_dir)],
        cwd=project,
        env=build_env(project),
        capture_output=True,
        text=True,
        timeout=300,
    )


def copy_project(destination: Path) -> Path:
    """A copy of what a build reads (config, docs, hooks, overrides, data) to break on purpose."""
    for name in ("mkdocs.yml",):
        shutil.copy2(ROOT / name, destination / name)
    for name in ("docs", "hooks", "src", "overrides", "data", "deploy"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__"))
    return destination


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site like a static host: quietly, and with the site's own 404.html (status
    404) for a path that does not exist."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.exists():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    """A browser that leaves a page while it loads drops the connection: that is not an error."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve `directory` on 127.0.0.1 (a free port); yields the base URL ending in '/'."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def all_page_metadata(root: Path = ROOT) -> list:
    """The validated front matter of every page in docs/ of a project, both languages, with
    {{ pain_limit }} in a title or description filled in from data/pain_rules.yml, as readers see it."""
    return read_pages(load_project(root))


def page_output(site_dir: Path, page) -> Path:
    """Where the built HTML of a page (PageMetadata) lands in the site folder."""
    return site_dir / page_path(page) / "index.html"


def page_path(page) -> str:
    """The URL path of a page (PageMetadata) below the site root, e.g. 'en/causes/'."""
    return page.url_path(DEFAULT_LANGUAGE)


NGINX_SITE = ROOT / "deploy" / "nginx" / "heuppijn.conf"
NGINX_DEPLOY_ROOT = "/var/www/heuppijn/site"  # the site folder as deploy/nginx/heuppijn.conf names it


def free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve_with_nginx(*sites: Path, ports: list[int] | None = None) -> Iterator[list[str]]:
    """Serve each site folder with nginx and deploy/nginx/heuppijn.conf, on 127.0.0.1.

    Only `listen`, `server_name` and the site folder are changed; nginx serves a copy of each
    site, taken when the server starts. Yields the base URLs."""
    import subprocess
    import tempfile
    import time
    import urllib.request

    if not shutil.which("nginx"):
        raise RuntimeError("nginx is missing: `make test` installs it from Debian's packages")
    ports = ports or [free_port() for _ in sites]
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        work.chmod(0o755)  # nginx's workers run as an unprivileged user
        # …and read a copy of each site in here. Not the folder itself: pytest's temporary
        # folders sit below /tmp/pytest-of-<user>, which every new pytest run on the machine
        # makes private again (mode 0700), and nginx then answered 404 in the middle of a test.
        blocks = []
        for number, (port, site) in enumerate(zip(ports, sites)):
            served = work / f"site-{number}"
            shutil.copytree(site, served)
            served.chmod(0o755)
            block = NGINX_SITE.read_text(encoding="utf-8").replace(NGINX_DEPLOY_ROOT, str(served))
            block = re.sub(r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", block, flags=re.M)
            block = re.sub(r"^(\s*)server_name\s+[^;]+;", r"\1server_name localhost;", block, flags=re.M)
            blocks.append(block)
        temp_paths = "".join(f"  {kind}_temp_path {work}/{kind};\n"
                             for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        conf = work / "nginx.conf"
        conf.write_text(
            f"daemon off;\npid {work}/nginx.pid;\nerror_log {work}/error.log;\nevents {{}}\n"
            "http {\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n"
            f"  access_log off;\n{temp_paths}" + "\n".join(blocks) + "\n}\n",
            encoding="utf-8",
        )
        process = subprocess.Popen(["nginx", "-c", str(conf)], stderr=subprocess.PIPE)
        urls = [f"http://127.0.0.1:{port}/" for port in ports]
        try:
            for _ in range(50):
                if process.poll() is not None:
                    raise RuntimeError(f"nginx did not start: {process.stderr.read().decode()}")
                try:
                    urllib.request.urlopen(urls[0], timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)
            yield urls
        finally:
            process.terminate()
            process.wait(timeout=10)
