"""Render the environments side by side, for the site."""

from __future__ import annotations

from accelerator.guidance.markdown import markdown_table
from reference_impl.config.loader import ENVIRONMENTS, load_config


def environments_table() -> str:
    """Compare the shipped environment files in one Markdown table.

    Returns:
        One column per environment, one row per setting that matters to a reader.
    """
    configs = [load_config(env) for env in ENVIRONMENTS]
    rows = [
        ("Workspace", *(f"`{c.azure.workspace}`" for c in configs)),
        ("Resource group", *(f"`{c.azure.resource_group}`" for c in configs)),
        ("Training VM size", *(f"`{c.compute.size}`" for c in configs)),
        (
            "Training nodes (min–max)",
            *(f"{c.compute.min_instances}–{c.compute.max_instances}" for c in configs),
        ),
        ("Promotion registry", *(f"`{c.azure.registry}`" for c in configs)),
    ]
    return markdown_table(["Setting", *ENVIRONMENTS], rows)
