"""`make bench`: how much longer this site takes to build than stock Material for MkDocs on the
same docs, and how long `mkdocs serve` takes to rebuild after a page is saved. A measurement to
read, not a test: it exits 0 whatever the numbers, and non-zero only when a build fails.

Usage: .venv/bin/python -m heuppijn_site.tools.bench [--runs N] [--no-serve]
"""

from __future__ import annotations

import argparse
import compileall
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from heuppijn_site.build_cache import CACHE_ENV
from heuppijn_site.tools.site_tools import ROOT, build_env, copy_project, free_port, stock_config

TARGET = 1.20  # the project's build may take at most this many times as long as stock Material's
SERVE_EDITS = 3
SERVED_PAGE = Path("docs/nl/herstel.md")
BUILD_TIMEOUT = 300  # seconds; only stops a broken run
SERVE_TIMEOUT = 120  # seconds to start serving, and for each rebuild; only stops a broken run
# What MkDocs logs when a (re)build fails; the server then waits for the next change.
SERVE_FAILED = re.compile(r"An error happened during the rebuild|Aborted with|^ERROR ")

HEADER = """\
Build time: this site (mkdocs.yml: hooks, its own Markdown extensions, theme overrides, extra CSS
and JavaScript) against stock Material for MkDocs on the same docs (the same address, languages,
navigation, search and standard Markdown extensions; nothing else). Each build runs in a fresh
`python -m mkdocs build`; they alternate, after one untimed warm-up build each, so that all meet
the same state of the machine.

This site's build keeps what it worked out for the next build (src/heuppijn_site/build_cache.py:
compiled templates and each page's first-paint CSS, keyed on their content). It is timed twice:
"cold", with an empty cache (a fresh clone, CI), and "warm", with the cache of the build before
(an editor's next build; `mkdocs serve` rebuilds). Stock Material keeps no such cache.

The project's own Python (src/, hooks/) is compiled to bytecode first, as pip compiled stock
Material's when it installed it: where PYTHONDONTWRITEBYTECODE is set, Python would otherwise
compile it again in every build.
"""


def compile_python(project: Path) -> None:
    """The project's own Python compiled to bytecode, as pip compiles the packages it installs."""
    for folder in ("src", "hooks"):
        compileall.compile_dir(project / folder, quiet=1)


def timed_build(config_file: Path | None, workdir: Path, cache: Path | None = None) -> float:
    """Seconds of wall time for one `python -m mkdocs build` into a new, empty folder, with its
    build cache in `cache` (None: none at all)."""
    site_dir = Path(tempfile.mkdtemp(prefix="site-", dir=workdir))
    config = ["-f", str(config_file)] if config_file is not None else []  # else ./mkdocs.yml
    command = [sys.executable, "-m", "mkdocs", "build", "-q", *config, "-d", str(site_dir)]
    env = {**build_env(ROOT), CACHE_ENV: str(cache) if cache is not None else "off"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=BUILD_TIMEOUT)
    seconds = time.perf_counter() - start
    shutil.rmtree(site_dir, ignore_errors=True)
    if result.returncode:
        which = "the stock configuration" if config_file else "mkdocs.yml"
        sys.exit(f"The build with {which} failed, so there is nothing to measure:\n"
                 f"{result.stdout}{result.stderr}")
    return seconds


def bench_builds(runs: int) -> None:
    print(HEADER)
    compile_python(ROOT)
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        workdir = Path(tmp)
        stock = stock_config(workdir)
        warm_cache = workdir / "cache-warm"
        print("Warm-up builds (not timed)…", flush=True)
        timed_build(None, workdir, warm_cache)  # also fills the warm cache
        timed_build(stock, workdir)
        times: dict[str, list[float]] = {"cold": [], "warm": [], "stock": []}
        for run in range(1, runs + 1):
            cold_cache = workdir / f"cache-cold-{run}"  # new and empty
            times["cold"].append(timed_build(None, workdir, cold_cache))
            times["warm"].append(timed_build(None, workdir, warm_cache))
            times["stock"].append(timed_build(stock, workdir))
            print(f"run {run}: project cold {times['cold'][-1]:.2f} s, warm {times['warm'][-1]:.2f} s, "
                  f"stock {times['stock'][-1]:.2f} s", flush=True)
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"median: project cold {median['cold']:.2f} s, warm {median['warm']:.2f} s, stock {median['stock']:.2f} s")
    for name in ("cold", "warm"):
        ratio = median[name] / median["stock"]
        verdict = "within" if ratio <= TARGET else "above"
        print(f"median ratio project {name}/stock: {ratio:.2f} ({verdict} the target of at most {TARGET:.2f})")


@dataclass
class ServeLog:
    """The lines `mkdocs serve` prints, each with the moment it arrived, read in a thread."""

    process: subprocess.Popen[str]
    lines: list[tuple[float, str]] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)
    ended: bool = False

    def start(self) -> None:
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            with self.changed:
                self.lines.append((time.monotonic(), line.rstrip("\n")))
                self.changed.notify_all()
        with self.changed:
            self.ended = True
            self.changed.notify_all()

    def wait_for(self, pattern: str, after: int, what: str) -> tuple[int, float]:
        """The index and arrival time of the first line from index `after` on that matches
        `pattern`; exits with the log if the build fails, the server stops or the deadline
        passes first."""
        deadline = time.monotonic() + SERVE_TIMEOUT
        regex = re.compile(pattern)
        with self.changed:
            while True:
                for index in range(after, len(self.lines)):
                    line = self.lines[index][1]
                    if regex.search(line):
                        return index, self.lines[index][0]
                    if SERVE_FAILED.search(line):
                        self._fail(f"the build failed while waiting for {what}")
                after = len(self.lines)
                remaining = deadline - time.monotonic()
                if self.ended:
                    self._fail(f"stopped while waiting for {what}")
                if remaining <= 0:
                    self._fail(f"did not get to {what} within {SERVE_TIMEOUT} s")
                self.changed.wait(timeout=remaining)

    def _fail(self, reason: str) -> None:
        tail = "\n".join(line for _, line in self.lines[-40:])
        sys.exit(f"`mkdocs serve`: {reason}. Its last lines:\n{tail}")

    def count(self) -> int:
        with self.changed:
            return len(self.lines)


@contextmanager
def mkdocs_serve(project: Path, port: int) -> Iterator[ServeLog]:
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env={**build_env(project), CACHE_ENV: str(project / ".cache")},  # the project's own cache
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, bufsize=1,
    )
    log = ServeLog(process)
    log.start()
    try:
        yield log
    finally:
        # Ctrl-C, as an editor stops it: MkDocs then removes its temporary site folder.
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_served(url: str, log: ServeLog) -> None:
    """Polls the page until the server answers it (the log has said it serves)."""
    deadline = time.monotonic() + SERVE_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError as error:
            if time.monotonic() > deadline or log.process.poll() is not None:
                sys.exit(f"`mkdocs serve` never served {url}: {error}")
        with log.changed:  # the next log line or a short interval, whichever comes first
            log.changed.wait(timeout=0.2)


def bench_serve() -> None:
    print(f"\nRebuild time of `mkdocs serve`: from saving {SERVED_PAGE} (a blank line added) until "
          "the\nserver's log says it has rebuilt the site and reloads the browsers; "
          f"{SERVE_EDITS} saves, one after another. The server's first build fills the build cache;\n"
          "the rebuilds use it.", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        project = copy_project(Path(tmp))
        compile_python(project)
        port = free_port()
        with mkdocs_serve(project, port) as log:
            log.wait_for(r"Serving on http", 0, "the first build and the server to start")
            wait_until_served(f"http://127.0.0.1:{port}/herstel/", log)
            seconds: list[float] = []
            for number in range(1, SERVE_EDITS + 1):
                seen = log.count()
                with (project / SERVED_PAGE).open("a", encoding="utf-8") as page:
                    page.write("\n")
                saved = time.monotonic()
                start, _ = log.wait_for(r"Building documentation", seen, "the rebuild to start")
                _, finished = log.wait_for(r"Reloading browsers", start, "the rebuild to finish")
                seconds.append(finished - saved)
                print(f"save {number}: rebuilt in {seconds[-1]:.2f} s", flush=True)
    print(f"median rebuild: {statistics.median(seconds):.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed builds of each (default 5)")
    parser.add_argument("--no-serve", action="store_true", help="leave out the `mkdocs serve` rebuild time")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")
    bench_builds(args.runs)
    if not args.no_serve:
        bench_serve()


if __name__ == "__main__":
    main()
