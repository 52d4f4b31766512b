"""Guidance a generated project carries as files: its pull-request template and branching page.

Both are rendered from the accelerator's guidance data when the template is exported, so the
generated project holds the text, not the data or the code that decides it.
"""

from __future__ import annotations


def pull_request_template() -> str:
    """Render the pull-request template with the model-review checklist.

    Returns:
        Markdown: a change summary and one checkbox per review check, with its lowest tier.
    """
    from accelerator.guidance.model_review import review_policy

    lines = [
        "## What changes",
        "",
        "_One paragraph; link the issue._",
        "",
        "## Model review",
        "",
        "Tick every check your model's risk tier requires (low ⊂ medium ⊂ high).",
        "",
    ]
    lines += [
        f"- [ ] {c.check} — *evidence:* {c.evidence} (from tier **{c.from_tier}**)"
        for c in review_policy().checks
    ]
    lines += ["", "| Tier | Use cases |", "| --- | --- |"]
    lines += [f"| {t.tier} | {t.meaning} |" for t in review_policy().tiers]
    return "\n".join(lines) + "\n"


def branching_doc(shipped: set[str]) -> str:
    """Render ``docs/branching.md`` from the branching strategy's data.

    Args:
        shipped: Names of the workflows the project contains; others are not listed.

    Returns:
        Markdown: one row per branch rule with the workflows each event starts.
    """
    from accelerator.guidance.branching import branch_rules

    def names(items: tuple[str, ...]) -> str:
        return ", ".join(f"`{n}`" for n in items if n in shipped) or "—"

    lines = [
        "# Branching strategy",
        "",
        "Trunk-based development: code moves through branches, models move through the registry.",
        "",
        "| Branch | Purpose | Changes leave it by | Push starts | Pull request into it starts |",
        "| --- | --- | --- | --- | --- |",
    ]
    lines += [
        f"| `{r.branch}` | {r.purpose} | {r.merges_by} | {names(r.on_push)} | "
        f"{names(r.on_pull_request)} |"
        for r in branch_rules()
    ]
    return "\n".join(lines) + "\n"
