"""Read more: curated Microsoft pages for each guidance page, rendered as its last section.

The links live in ``data/read_more.yaml`` keyed by page path (relative to ``docs/``). The render
hook (``docs/hooks/guidance_tables.py``) appends :func:`read_more_section` to every page that has
links, so a page needs no marker and a link is kept in exactly one place.
"""

from __future__ import annotations

import datetime as dt
from functools import cache
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from accelerator.guidance.data import load_data

MIN_LINKS = 3
MAX_LINKS = 8
# Microsoft's documentation hosts, and the GitHub organisation that holds azureml-examples.
ALLOWED_HOSTS = {"learn.microsoft.com", "azure.microsoft.com"}
ALLOWED_GITHUB_OWNERS = {"Azure"}
HEADING = "## Read more"


def url_problem(url: str) -> str | None:
    """Say what is wrong with a link's form, or return ``None`` if it is acceptable.

    Args:
        url: The link.

    Returns:
        A one-sentence problem, or ``None``.
    """
    parts = urlsplit(url)
    if parts.scheme != "https":
        return f"{url} is not https"
    if parts.hostname == "github.com":
        owner = parts.path.strip("/").split("/")[0]
        if owner not in ALLOWED_GITHUB_OWNERS:
            return f"{url} is on GitHub outside the Azure organisation"
        return None
    if parts.hostname not in ALLOWED_HOSTS:
        return (
            f"{url} is not on a Microsoft documentation host ({', '.join(sorted(ALLOWED_HOSTS))})"
        )
    if parts.hostname == "learn.microsoft.com" and parts.path.split("/")[1:2] == ["en-us"]:
        return f"{url} names a locale; drop '/en-us' so readers get their own language"
    return None


class Link(BaseModel):
    """One curated link.

    Attributes:
        title: The page's title, as the reader will see it.
        url: The address (https, on a Microsoft host or the Azure GitHub organisation).
        why: One line on why a reader of this page should open it.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: str = Field(min_length=3)
    url: str
    why: str = Field(min_length=10)

    @field_validator("url")
    @classmethod
    def _allowed(cls, url: str) -> str:
        if problem := url_problem(url):
            raise ValueError(problem)
        return url

    @field_validator("why")
    @classmethod
    def _one_line(cls, why: str) -> str:
        if "\n" in why.strip():
            raise ValueError("why must be one line")
        return why.strip()


class ReadMore(BaseModel):
    """Everything in ``data/read_more.yaml``.

    Attributes:
        checked_on: The date the links were last checked by hand.
        pages: Links per page path (relative to ``docs/``), 3 to 8 each.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked_on: dt.date
    pages: dict[str, tuple[Link, ...]]

    @model_validator(mode="after")
    def _counts_and_duplicates(self) -> ReadMore:
        for page, links in self.pages.items():
            if not MIN_LINKS <= len(links) <= MAX_LINKS:
                raise ValueError(
                    f"{page}: has {len(links)} links, needs {MIN_LINKS} to {MAX_LINKS}"
                )
            urls = [link.url.rstrip("/") for link in links]
            if dupes := sorted({u for u in urls if urls.count(u) > 1}):
                raise ValueError(f"{page}: the same link appears twice: {', '.join(dupes)}")
        return self


@cache
def read_more_data() -> ReadMore:
    """Return the validated links.

    Returns:
        The data in ``data/read_more.yaml``.
    """
    return load_data("read_more", ReadMore)


def links_for(page: str) -> tuple[Link, ...]:
    """Return the links for one page, or none.

    Args:
        page: Page path relative to ``docs/``, e.g. ``"technology/compute-selection.md"``.

    Returns:
        The page's links, in the order the data gives them.
    """
    return read_more_data().pages.get(page, ())


def read_more_section(page: str) -> str:
    """Render the "Read more" section of one page.

    Args:
        page: Page path relative to ``docs/``.

    Returns:
        A level-two heading and one bullet per link ("title — why"), or an empty string if
        the page has no links.
    """
    links = links_for(page)
    if not links:
        return ""
    bullets = "\n".join(f"- [{link.title}]({link.url}) — {link.why}" for link in links)
    return f"{HEADING}\n\nMicrosoft's own pages that go deeper on this topic:\n\n{bullets}\n"
