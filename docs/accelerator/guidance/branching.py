"""The branching strategy as data: which automation each Git event starts."""

from __future__ import annotations

from fnmatch import fnmatchcase
from functools import cache
from typing import Literal

from pydantic import BaseModel, ConfigDict

from accelerator.guidance.data import load_data
from accelerator.guidance.markdown import markdown_table

GitEvent = Literal["push", "pull_request"]


class BranchRule(BaseModel):
    """What happens on one kind of branch.

    Attributes:
        branch: Branch name or glob pattern (``feature/*``).
        purpose: Why the branch exists.
        lifetime: How long such a branch lives.
        merges_by: How its changes reach ``main`` (or why they never leave it).
        on_push: Workflows started by a push to the branch.
        on_pull_request: Workflows started by a pull request *targeting* the branch.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    branch: str
    purpose: str
    lifetime: str
    merges_by: str
    on_push: tuple[str, ...]
    on_pull_request: tuple[str, ...]


@cache
def branch_rules() -> tuple[BranchRule, ...]:
    """Return the rules in the order they are matched.

    Returns:
        The branching strategy's rules.
    """
    return tuple(load_data("branching", list[BranchRule]))


# --8<-- [start:workflows-for]
def workflows_for(event: GitEvent, branch: str) -> tuple[str, ...]:
    """Return the workflows a Git event on ``branch`` starts.

    Args:
        event: ``"push"`` or ``"pull_request"`` (a pull request *into* ``branch``).
        branch: The branch name, e.g. ``"main"`` or ``"feature/add-income-band"``.

    Returns:
        Workflow names; empty when no rule matches (such a branch runs nothing).
    """
    for rule in branch_rules():
        if fnmatchcase(branch, rule.branch):
            return rule.on_push if event == "push" else rule.on_pull_request
    return ()
    # --8<-- [end:workflows-for]


def branching_table() -> str:
    """Render the branch rules as a Markdown table.

    Returns:
        One row per branch rule with the workflows each event starts.
    """
    return markdown_table(
        [
            "Branch",
            "Purpose",
            "Lives",
            "Changes leave it by",
            "Push starts",
            "Pull request into it starts",
        ],
        [
            (
                f"`{r.branch}`",
                r.purpose,
                r.lifetime,
                r.merges_by,
                ", ".join(r.on_push) or "—",
                ", ".join(r.on_pull_request) or "—",
            )
            for r in branch_rules()
        ],
    )
