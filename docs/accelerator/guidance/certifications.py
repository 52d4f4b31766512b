"""Microsoft certifications and Learn training for each MLOps role, with retirement dates."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Literal
from urllib.parse import quote_plus

from pydantic import BaseModel, ConfigDict, Field, model_validator

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table
from accelerator.guidance.roles import role, roles

Level = Literal["fundamentals", "associate", "expert"]
LEVELS: tuple[Level, ...] = ("fundamentals", "associate", "expert")


class Certification(BaseModel):
    """One Microsoft certification and the exam that earns it.

    Attributes:
        exam: Exam code, e.g. ``"DP-100"``.
        title: The credential's name.
        level: ``fundamentals``, ``associate`` or ``expert``.
        status: ``active`` or ``retired`` on the day the catalogue was checked.
        retired: The day the exam retired (retired exams only).
        replaced_by: The exam to take instead (retired exams only).
        prerequisite: An exam that must be passed first, if any.
        roles: Role ids the certification fits.
        covers: What it covers that matters for MLOps, in a phrase.
        learn: Search terms that find its training on Microsoft Learn.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    exam: str = Field(pattern=r"^[A-Z]{2}-\d{3}$")
    title: str = Field(pattern=r"^Microsoft Certified: ")
    level: Level
    status: Literal["active", "retired"]
    retired: date | None = None
    replaced_by: str | None = None
    prerequisite: str | None = None
    roles: tuple[str, ...] = Field(min_length=1)
    covers: str
    learn: str

    @model_validator(mode="after")
    def _retired_names_date_and_successor(self) -> Certification:
        is_retired = self.status == "retired"
        if is_retired != (self.retired is not None) or is_retired != bool(self.replaced_by):
            raise ValueError(
                f"{self.exam}: a retired exam needs 'retired' and 'replaced_by'; "
                "an active exam has neither"
            )
        return self

    @property
    def exam_url(self) -> str:
        """The exam's page on Microsoft Learn."""
        return f"https://learn.microsoft.com/credentials/certifications/exams/{self.exam.lower()}/"

    @property
    def learn_url(self) -> str:
        """A Microsoft Learn training search for the certification's learning paths."""
        return f"https://learn.microsoft.com/training/browse/?terms={quote_plus(self.learn)}"


class Catalogue(BaseModel):
    """The certifications and the day they were checked.

    Attributes:
        checked: When every entry was last compared with Microsoft Learn.
        certifications: The certifications, in no particular order.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    checked: date
    certifications: tuple[Certification, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalogue:
        by_exam = {c.exam: c for c in self.certifications}
        if len(by_exam) != len(self.certifications):
            raise ValueError("an exam is listed twice")
        for cert in self.certifications:
            for other in (cert.replaced_by, cert.prerequisite):
                if other is not None and (other not in by_exam or by_exam[other].retired):
                    raise ValueError(f"{cert.exam} refers to {other}, which is not an active exam")
            if cert.retired and cert.retired > self.checked:
                raise ValueError(f"{cert.exam} retires after the check date; mark it active")
        return self


@cache
def catalogue() -> Catalogue:
    """Return the certification catalogue.

    Returns:
        Every certification in ``data/certifications.yaml`` and the day it was checked.
    """
    return load_data("certifications", Catalogue)


def certification(exam: str) -> Certification:
    """Return one certification by exam code.

    Args:
        exam: Exam code, e.g. ``"AZ-400"``.

    Returns:
        The certification.

    Raises:
        KeyError: If the exam is not in the catalogue.
    """
    for cert in catalogue().certifications:
        if cert.exam == exam:
            return cert
    raise KeyError(f"no certification with exam {exam!r} in the catalogue")


# --8<-- [start:certifications-for]
def certifications_for(role_id: str) -> tuple[Certification, ...]:
    """Return the active certifications that fit a role, in the order to take them.

    Fundamentals come before associate before expert; within a level, the catalogue's order
    (which lists a prerequisite before the exams that need it). Retired exams are never
    returned; their successors are, when they fit.

    Args:
        role_id: Role id from the role catalogue, e.g. ``"platform-engineer"``.

    Returns:
        The role's certifications, first to take first.

    Raises:
        KeyError: If the role is not in the role catalogue.
    """
    role(role_id)
    fitting = [c for c in catalogue().certifications if role_id in c.roles and not c.retired]
    return tuple(sorted(fitting, key=lambda c: LEVELS.index(c.level)))
    # --8<-- [end:certifications-for]


def _exam_link(cert: Certification) -> str:
    return f"[{cert.exam}]({cert.exam_url}) {cert.title.removeprefix('Microsoft Certified: ')}"


def role_certifications_table() -> str:
    """Render, for each role, the certifications to take and where to learn for them.

    Returns:
        One row per role: the certifications in order, what they cover, Learn training links.
    """
    rows = []
    for r in roles():
        certs = certifications_for(r.id)
        rows.append(
            (
                f"**{r.name}**",
                "<br>".join(f"{n}. {_exam_link(c)}" for n, c in enumerate(certs, start=1)),
                "<br>".join(f"{c.exam}: {c.covers}" for c in certs),
                "<br>".join(f"[{c.learn}]({c.learn_url})" for c in certs),
            )
        )
    return markdown_table(
        ["Role", "Certifications, in order", "What they cover for MLOps", "Training on Learn"], rows
    )


def retired_certifications_table() -> str:
    """Render the retired exams a staffing plan may still name, and what replaced them.

    Returns:
        One row per retired exam, with the date of the check.
    """
    rows = [
        (
            f"~~{c.exam}~~ {c.title.removeprefix('Microsoft Certified: ')}",
            c.retired.isoformat() if c.retired else "",
            _exam_link(certification(c.replaced_by)) if c.replaced_by else "",
        )
        for c in catalogue().certifications
        if c.retired
    ]
    table = markdown_table(["Retired exam", "Retired on", "Take instead"], rows)
    return (
        f"{table}\n\nStatus checked against Microsoft Learn on {catalogue().checked.isoformat()}."
    )
