"""Shared fixtures: the built site, a loopback server for it, and Debian Chromium via Playwright."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from reference_impl.collector import collect_less, freeze_survivors
from tests.browser.site_pages import mkdocs_config
from tests.reference_impl import early_jobs
from tests.reference_impl.early_jobs import early_result  # noqa: F401 (for the marked tests)
from tests.reference_impl.threads import one_thread_each
from tests.site_server import serve_site

one_thread_each()  # for every test of the repository, not only the reference project's
collect_less()  # the test process holds every imported library, as a command does
ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start the early jobs (tests/reference_impl/early_jobs.py; its conftest does the same).

    The modules collection imported live until the end: later collections skip them.
    """
    freeze_survivors()
    early_jobs.move_to_end_and_start(session)


def pytest_sessionfinish(session: pytest.Session) -> None:
    """Stop early jobs still running."""
    early_jobs.close(session)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """List the early jobs' times after the slowest tests."""
    early_jobs.summary(terminalreporter)


def missing_part(reason: str) -> None:
    """Skip locally, fail in CI: a real part that is absent is a defect there, not a skip."""
    if IN_CI:
        pytest.fail(f"CI=true and a required part is missing: {reason}", pytrace=False)
    pytest.skip(reason)


@dataclass(frozen=True)
class BuildResult:
    """Outcome of one ``mkdocs build --strict`` of the real site."""

    site_dir: Path
    returncode: int
    output: str


def mkdocs_build(config: Path, site_dir: Path) -> subprocess.CompletedProcess[str]:
    """Run a strict MkDocs build of ``config`` into ``site_dir`` from the config's folder."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(config),
            "-d",
            str(site_dir),
        ],
        cwd=config.parent,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """Build the real site once per test session (strict).

    ``SITE_DIR=path`` reuses a site built beforehand (handy when iterating on browser tests).
    """
    if prebuilt := os.environ.get("SITE_DIR"):
        return BuildResult(Path(prebuilt), 0, f"prebuilt site at {prebuilt}")
    site_dir = tmp_path_factory.mktemp("site")
    done = mkdocs_build(ROOT / "mkdocs.yml", site_dir)
    return BuildResult(site_dir, done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="session")
def built_site(site_build: BuildResult) -> Path:
    """The built site folder; fails every dependent test if the build failed."""
    if site_build.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{site_build.output[-4000:]}", pytrace=False)
    return site_build.site_dir


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Serve the built site on a free 127.0.0.1 port under the path of ``site_url``.

    Yields the base URL, ending with '/'. Serving under the same path as the published site
    means absolute links (404 page, sitemap) are checked as readers will follow them.
    """
    prefix = urlsplit(mkdocs_config()["site_url"]).path or "/"
    with serve_site(built_site, prefix) as url:
        yield url


def _install_chromium() -> None:
    """Install Debian's Chromium with apt (the machine is root and reaches Debian's mirror)."""
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        return
    quiet = {"capture_output": True, "text": True, "check": False}
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, **quiet)
    subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], env=env, **quiet)


@pytest.fixture(scope="session")
def chromium_path() -> str:
    """Path of the browser: ``$CHROMIUM_PATH``, else Debian's Chromium, installed on first use.

    Playwright's own browser download does not work on this kind of machine, so the tests drive
    the distribution's Chromium through ``executable_path``.
    """
    path = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(path).exists():
        _install_chromium()
        path = shutil.which("chromium") or path
    if not Path(path).exists():
        missing_part(f"no browser at {path} and apt-get could not install Debian's chromium")
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[object]:
    """A headless Chromium driven by Playwright."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


def recording_page(context: object) -> object:
    """A new page of ``context`` that records what it does.

    ``page.console_errors`` collects console errors and uncaught exceptions; ``page.requests``
    collects the URL of every request the page makes (to check that none leaves the origin).
    """
    new_page = context.new_page()
    errors: list[str] = []
    requests: list[str] = []
    new_page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    new_page.on("pageerror", lambda exc: errors.append(str(exc)))
    new_page.on("request", lambda request: requests.append(request.url))
    new_page.console_errors = errors
    new_page.requests = requests
    return new_page


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh 1280x900 page in a context of its own, recording what it does."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield recording_page(context)
    context.close()


@pytest.fixture(scope="module")
def module_tab(browser: object) -> Iterator[object]:
    """One 1280x900 page for a module's tests that only load pages and look at them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    yield recording_page(context)
    context.close()


@pytest.fixture
def tab(module_tab: object) -> object:
    """The module's one page, its record of errors and requests emptied for this test.

    For tests that load a page and look at it without clicking or storing anything: Chromium
    keeps the renderer, its compiled scripts and its cache from one page to the next (the 57
    pages of ``test_page_is_clean``: 62 s against 95 s with a fresh page each, the site built
    beforehand). Whatever a page requests still reaches ``requests``, cached or not.
    """
    module_tab.console_errors.clear()
    module_tab.requests.clear()
    return module_tab
