"""``mkdocs serve`` rebuilds only an edited page, and serves what a full build would.

One server runs on a copy of the sources (``tests/dev_server.py``) for the whole module; each test
edits a page of its own and reads the server's log from where it stood before the edit.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

import pytest

from accelerator.site_build import page_reload
from tests.dev_server import DevServer, copy_sources, wait_for

# What the server logs before each full build. (Not "Documentation built in …": MkDocs drops a
# message its build module logged before, so two builds of the same duration log it once.)
FULL_BUILD = "Building documentation..."


@pytest.fixture(scope="module")
def server(built_site, tmp_path_factory) -> Iterator[DevServer]:
    """A dev server on a copy whose build caches are warm (the session's build made them)."""
    folder = tmp_path_factory.mktemp("serve")
    running = DevServer(copy_sources(folder / "site"), folder / "serve.log")
    yield running
    running.stop()


def append(sentence: str) -> Callable[[str], str]:
    return lambda text: f"{text.rstrip()}\n\n{sentence}\n"


def test_a_prose_edit_rebuilds_that_page_alone(server):
    since = server.edit("process/branching.md", append("A sentence the writer just typed."))
    log = server.reloaded(since)
    assert "Rebuilt process/branching.md alone" in log
    assert FULL_BUILD not in log
    assert "A sentence the writer just typed." in server.page("process/branching/")


def test_the_page_is_what_a_full_build_makes_of_it(server):
    since = server.edit("process/handover.md", append("Handover, as [branching](branching.md)."))
    assert "Rebuilt process/handover.md alone" in server.reloaded(since)
    alone = server.page("process/handover/")
    since = len(server.log())
    os.utime(server.folder / "mkdocs.yml")  # not a page: the whole site is built again
    assert FULL_BUILD in server.reloaded(since)
    assert server.page("process/handover/") == alone
    assert "Handover, as <a" in alone


def test_a_new_heading_rebuilds_the_whole_site(server):
    """Headings are in the search index and other pages' anchors, which a page build skips."""
    since = server.edit(
        "process/model-review.md", lambda text: text.replace("## Risk tiers", "## Tiers of risk")
    )
    log = server.reloaded(since)
    assert FULL_BUILD in log and "alone" not in log
    assert "Tiers of risk" in server.page("search/search_index.json")


OTHER_PAGES_SEE_IT = {
    "front matter": (
        "process/operations-runbook.md",
        "  - Monitoring\n",
        "  - Monitoring\n  - Cost\n",
    ),
    "tags page": ("getting-started/tags.md", "this week", "this month"),
}


@pytest.mark.parametrize("edit", OTHER_PAGES_SEE_IT.values(), ids=OTHER_PAGES_SEE_IT.keys())
def test_an_edit_to_what_other_pages_show_rebuilds_the_whole_site(server, edit):
    page, old, new = edit
    since = server.edit(page, lambda text: text.replace(old, new, 1))
    log = server.reloaded(since)
    assert FULL_BUILD in log and "alone" not in log


def test_an_edit_that_warns_gets_the_strict_full_build(server):
    since = server.edit("process/model-retirement.md", append("See [this](no-such-page.md)."))
    failed = "An error happened during the rebuild"
    log = wait_for(lambda: failed in server.log(since) and server.log(since), "the build to fail")
    assert "Aborted with" in log and "no-such-page.md" in log
    assert "alone" not in log and "Reloading browsers" not in log
    assert server.process.poll() is None
    since = server.edit(
        "process/model-retirement.md", lambda text: text.replace("See [this](no-such-page.md).", "")
    )
    log = server.reloaded(since)
    assert FULL_BUILD in log, server.log()
    assert "no-such-page" not in server.page("process/model-retirement/")


def test_a_snapshot_skips_a_file_gone_since_it_was_listed(tmp_path):
    """An editor's temporary file can vanish between the listing and the stat (here: a link to
    nothing, which is listed but cannot be stat-ed); the snapshot goes on without it."""
    (tmp_path / "page.md").write_text("words")
    (tmp_path / ".page.md.swp").symlink_to(tmp_path / "gone")
    assert list(page_reload.snapshot([str(tmp_path)])) == [str(tmp_path / "page.md")]


def test_changed_paths_are_the_added_removed_and_modified_ones():
    before = {"kept": (1, 1), "edited": (1, 1), "removed": (1, 1)}
    after = {"kept": (1, 1), "edited": (2, 5), "added": (1, 1)}
    assert page_reload.changed_paths(before, after) == {"edited", "removed", "added"}
