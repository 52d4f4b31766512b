"""The checkers of the doc-test chain, as plain functions returning lists of problems.

Each function takes paths (so the planted-defect tests can point it at a small broken tree)
and returns human-readable problems; an empty list means the check passed. The tests in this
folder run them over the real site and over planted defects.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from types import ModuleType
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
EXAMPLES = ROOT / "examples"
# Folders whose files may carry snippet sections.
SOURCE_DIRS = ("examples", "reference_impl")
MAX_SKIPS = 3
PYTHON_LANGS = {"python", "py", "python3"}
# Options pymdownx.highlight understands outside braces. Anything else must go in braces.
BARE_OPTIONS = {"title"}

START = re.compile(r"--8<-- \[start:(?P<name>[^\]]*)\]")
END = re.compile(r"--8<-- \[end:(?P<name>[^\]]*)\]")
SECTION_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A block snippet line: optional ';' escape (shows the line instead of including the file).
SNIPPET = re.compile(r'^\s*(?P<escape>;?)--8<-- "(?P<target>[^"]+)"\s*$')
FENCE = re.compile(r"^(?P<indent>\s*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True)
class Section:
    """A named snippet section of a source file."""

    name: str
    start: int  # 1-based line of the start marker
    end: int  # 1-based line of the end marker
    body: tuple[str, ...]


def parse_sections(path: Path) -> tuple[dict[str, Section], list[str]]:
    """Find every section in ``path`` and every problem with its markers.

    Returns:
        Sections by name, and problems: unclosed, unopened, duplicated, empty or badly
        named sections.
    """
    sections: dict[str, Section] = {}
    problems: list[str] = []
    open_at: dict[str, int] = {}
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, start=1):
        if m := START.search(line):
            name = m["name"]
            if not SECTION_NAME.match(name):
                problems.append(f"{path}:{number}: section name {name!r} is not kebab-case")
            if name in open_at or name in sections:
                problems.append(f"{path}:{number}: section {name!r} is defined twice")
            open_at[name] = number
        elif m := END.search(line):
            name = m["name"]
            if name not in open_at:
                problems.append(f"{path}:{number}: end of section {name!r} that was never started")
                continue
            start = open_at.pop(name)
            body = tuple(
                raw
                for raw in lines[start : number - 1]
                if not (START.search(raw) or END.search(raw))
            )
            if not any(raw.strip() for raw in body):
                problems.append(f"{path}:{start}: section {name!r} is empty")
            sections[name] = Section(name, start, number, body)
    for name, start in open_at.items():
        problems.append(
            f"{path}:{start}: section {name!r} is never closed "
            "(the build would silently include the rest of the file)"
        )
    return sections, problems


# --------------------------------------------------------------------------- snippets


@dataclass(frozen=True)
class SnippetRef:
    """One ``--8<-- "path[:section]"`` line in a page."""

    page: Path
    line: int
    path: str
    section: str | None


def snippet_refs(docs_dir: Path) -> list[SnippetRef]:
    """Collect every (non-escaped) block snippet reference in the Markdown under ``docs_dir``."""
    refs = []
    for page in sorted(docs_dir.rglob("*.md")):
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), start=1):
            m = SNIPPET.match(line)
            if not m or m["escape"]:
                continue
            target, _, section = m["target"].partition(":")
            refs.append(SnippetRef(page, number, target, section or None))
    return refs


def snippet_problems(root: Path, docs_dir: Path) -> list[str]:
    """Check that every reference resolves and every section in the source tree is sound."""
    problems: list[str] = []
    parsed: dict[Path, dict[str, Section]] = {}

    def sections_of(path: Path) -> dict[str, Section]:
        if path not in parsed:
            parsed[path], found = parse_sections(path)
            problems.extend(found)
        return parsed[path]

    for ref in snippet_refs(docs_dir):
        target = root / ref.path
        if not target.is_file():
            problems.append(f"{ref.page}:{ref.line}: snippet file {ref.path} does not exist")
            continue
        if ref.section is not None and ref.section not in sections_of(target):
            problems.append(f"{ref.page}:{ref.line}: {ref.path} has no section {ref.section!r}")
    for folder in SOURCE_DIRS:
        for path in sorted((root / folder).rglob("*")):
            if path.is_file() and path.suffix not in {".pyc", ".png", ".db", ".csv"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                if "--8<-- [" in text:
                    sections_of(path)
    return problems


def orphan_examples(root: Path, docs_dir: Path) -> list[str]:
    """Return example files that no page embeds (by section or whole file)."""
    used = {(root / ref.path).resolve() for ref in snippet_refs(docs_dir)}
    return [
        f"{path.relative_to(root)} is not embedded by any page"
        for path in sorted((root / "examples").rglob("*.py"))
        if path.name != "__init__.py" and path.resolve() not in used
    ]


# --------------------------------------------------------------------------- fences


@dataclass(frozen=True)
class Fence:
    """A fenced code block in a Markdown page."""

    page: Path
    line: int  # 1-based line of the opener
    mark: str
    info: str  # everything after the backticks
    body: tuple[str, ...]

    @property
    def lang(self) -> str:
        """The first word of the info string, without a leading '.' or '{'."""
        word = self.info.strip().lstrip("{").split(" ", 1)[0].split("}", 1)[0]
        return word.lstrip(".").lower()

    @property
    def is_python(self) -> bool:
        """Whether pytest-examples would treat the block as Python."""
        return self.mark.startswith("`") and self.lang in PYTHON_LANGS

    @property
    def include_only(self) -> bool:
        """Whether every non-blank line is a snippet line (an include, or an escaped one)."""
        lines = [line for line in self.body if line.strip()]
        return bool(lines) and all(SNIPPET.match(line) for line in lines)

    @property
    def bare_options(self) -> list[str]:
        """Option keys written outside braces that the highlighter does not know."""
        outside = re.sub(r"\{.*?\}", "", self.info)
        keys = re.findall(r"([\w-]+)=", outside)
        return [key for key in keys if key not in BARE_OPTIONS]

    @property
    def options(self) -> dict[str, str]:
        """``key="value"`` options anywhere in the info string."""
        return {m[1]: m[3] for m in re.finditer(r"([\w-]+)=([\"'])(.*?)\2", self.info)}


def parse_fences(page: Path) -> tuple[list[Fence], list[str]]:
    """Split a page into fenced blocks (any language) and report unclosed fences."""
    fences: list[Fence] = []
    problems: list[str] = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        mark, opener = m["mark"], i
        closer = re.compile(rf"^\s*{re.escape(mark[0])}{{{len(mark)},}}\s*$")
        j = i + 1
        while j < len(lines) and not closer.match(lines[j]):
            j += 1
        if j == len(lines):
            problems.append(f"{page}:{opener + 1}: fence is never closed")
        fences.append(Fence(page, opener + 1, mark, m["info"], tuple(lines[opener + 1 : j])))
        i = j + 1
    return fences, problems


def fence_problems(docs_dir: Path, collected: set[tuple[Path, int]]) -> list[str]:
    """Check every fence under ``docs_dir`` against the house rules.

    Args:
        docs_dir: Folder of Markdown pages.
        collected: ``(page, opener line)`` of every block pytest-examples collects.

    Returns:
        Problems: four-backtick fences, bare option keys, python fences that are neither an
        include nor collected, mixed include + code fences, skips without reason, too many skips.
    """
    problems: list[str] = []
    skips = 0
    for page in sorted(docs_dir.rglob("*.md")):
        fences, found = parse_fences(page)
        problems.extend(found)
        for fence in fences:
            where = f"{page}:{fence.line}"
            if fence.mark.startswith("`") and len(fence.mark) > 3:
                problems.append(f"{where}: four-backtick fence hides later fences; use ~~~")
            if fence.bare_options:
                problems.append(
                    f"{where}: option(s) {fence.bare_options} outside braces break the rendering "
                    'of every later fence; write {key="value"}'
                )
            if not fence.is_python:
                continue
            has_snippet = any(SNIPPET.match(line) for line in fence.body)
            if has_snippet and not fence.include_only:
                problems.append(f"{where}: fence mixes an include with code; split it")
            elif not fence.include_only and (page.resolve(), fence.line) not in collected:
                problems.append(f"{where}: python fence is not collected by pytest-examples")
            if fence.options.get("test") == "skip":
                skips += 1
                if not fence.options.get("reason"):
                    problems.append(f'{where}: skipped fence needs reason="..."')
    if skips > MAX_SKIPS:
        problems.append(f"{skips} skipped fences; at most {MAX_SKIPS} are allowed")
    return problems


# --------------------------------------------------------------------------- built site


def _page_url_path(site_dir: Path, html: Path) -> str:
    return "/" + html.relative_to(site_dir).as_posix()


def _resolve(site_dir: Path, target: str) -> Path | None:
    """Map a site-absolute URL path to the file that serves it, or ``None``."""
    candidate = site_dir / unquote(target).lstrip("/")
    if target.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


LINK_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "source": "src"}


class _PageLinks(HTMLParser):
    """One page's anchors (``id`` of any tag, ``name`` of ``a``) and links, in page order."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[tuple[str, str]] = []
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id") is not None:
            self.ids.add(found["id"])
        if tag == "a" and found.get("name") is not None:
            self.ids.add(found["name"])
        if tag in LINK_ATTRIBUTES and found.get(LINK_ATTRIBUTES[tag]):
            self.links.append((tag, found[LINK_ATTRIBUTES[tag]]))


def link_problems(site_dir: Path, url_prefix: str = "/") -> list[str]:
    """Check internal links and anchors of every HTML page of a built site.

    Covers ``a[href]``, ``link[href]``, ``img[src]``, ``script[src]`` and ``source[src]``,
    including those written as raw HTML in Markdown. External URLs are not fetched.

    Args:
        site_dir: The built site.
        url_prefix: Path of ``site_url`` (pages such as 404.html link absolutely under it).
    """
    pages: dict[Path, _PageLinks] = {}

    def page_of(html: Path) -> _PageLinks:
        if html not in pages:
            pages[html] = _PageLinks(html.read_text(encoding="utf-8"))
        return pages[html]

    problems: list[str] = []
    for html in sorted(site_dir.rglob("*.html")):
        base = _page_url_path(site_dir, html)
        for tag, url in page_of(html).links:
            if url.startswith(("mailto:", "data:", "javascript:", "tel:")):
                continue
            parts = urlsplit(url)
            if parts.scheme or parts.netloc:
                continue
            path = parts.path
            if path.startswith(url_prefix):
                path = "/" + path[len(url_prefix) :]
            elif path and not path.startswith("/"):
                path = str(Path(base).parent / path)
                path = re.sub(r"/+", "/", _normalise(path)) + (
                    "/" if parts.path.endswith("/") else ""
                )
            target = _resolve(site_dir, path) if path else html
            where = f"{html.relative_to(site_dir)}: {tag} {url!r}"
            if target is None:
                problems.append(f"{where} points to a missing file")
                continue
            anchored = parts.fragment and target.suffix == ".html"
            if anchored and unquote(parts.fragment) not in page_of(target).ids:
                problems.append(f"{where} points to a missing anchor")
    return problems


def _normalise(path: str) -> str:
    out: list[str] = []
    for part in path.split("/"):
        if part == "..":
            if out:
                out.pop()
        elif part not in {"", "."}:
            out.append(part)
    return "/" + "/".join(out)


# --------------------------------------------------------------------------- diagrams

RENDERING = re.compile(r"^(?P<key>[0-9a-f]{16})-(?P<scheme>light|dark)\.svg$")


@cache
def load_hook(name: str) -> ModuleType:
    """Import ``docs/hooks/<name>.py`` (MkDocs hooks are files, not modules of a package)."""
    path = DOCS / "hooks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"docs_hooks_{name}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while it executes
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class SiteDiagrams:
    """The diagrams of a built site.

    Attributes:
        shown: Keys of diagrams published as pre-rendered images, with a page each.
        unrendered: Source of each diagram still left as a ``mermaid`` block, with a page each.
    """

    shown: dict[str, str]
    unrendered: dict[str, str]


def site_diagrams(site_dir: Path) -> SiteDiagrams:
    """Find every diagram of a built site, whether the ``diagrams`` hook replaced it or not."""
    shown: dict[str, str] = {}
    unrendered: dict[str, str] = {}
    for html in sorted(site_dir.rglob("*.html")):
        text = html.read_text(encoding="utf-8")
        where = html.relative_to(site_dir).as_posix()
        for match in load_hook("diagrams").FIGURE.finditer(text):
            shown.setdefault(match["key"], where)
        for source in load_hook("diagrams").diagram_sources(text):
            unrendered.setdefault(source, where)
    return SiteDiagrams(shown, unrendered)


def stored_renderings(rendered_dir: Path) -> dict[str, set[str]]:
    """Map each key of a stored rendering to its colour schemes (``light``, ``dark``)."""
    stored: dict[str, set[str]] = {}
    for path in sorted(rendered_dir.glob("*")) if rendered_dir.is_dir() else []:
        if match := RENDERING.match(path.name):
            stored.setdefault(match["key"], set()).add(match["scheme"])
    return stored


def diagram_problems(site_dir: Path, rendered_dir: Path) -> list[str]:
    """Check that the built site shows every diagram as stored images, and stores nothing else.

    Args:
        site_dir: The built site.
        rendered_dir: Where the renderings are kept (``docs/assets/diagrams``).

    Returns:
        One line per diagram left unrendered, per rendering missing a scheme, and per stored
        rendering no page shows any more.
    """
    diagrams = site_diagrams(site_dir)
    stored = stored_renderings(rendered_dir)
    problems = [
        f"{page}: a diagram is not pre-rendered (first line {source.strip().splitlines()[0]!r})"
        for source, page in diagrams.unrendered.items()
    ]
    problems += [
        f"{rendered_dir.name}/{key}: has only {sorted(schemes)}, needs light and dark"
        for key, schemes in stored.items()
        if schemes != {"light", "dark"}
    ]
    problems += [
        f"{rendered_dir.name}/{key}: no page shows this rendering any more"
        for key in stored
        if key not in diagrams.shown
    ]
    return problems
