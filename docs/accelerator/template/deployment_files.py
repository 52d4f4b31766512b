"""Which files the ``deployment`` answer brings, as a table for the starting-a-project page."""

from __future__ import annotations

from accelerator.template.variants import BATCH_FILES, ONLINE_FILES

_TESTS = ("lifecycle/", "scoring/test_", "azureml/test_", "azureml/golden/")


def deployment_files_table() -> str:
    """What each kind of deployment adds to a generated project (``both`` adds the two).

    Returns:
        A Markdown table: kind, the package files, the number of test and golden files, the
        commands.
    """
    from accelerator.guidance.markdown import markdown_table
    from reference_impl.cli import NEEDS_DEPLOYMENT

    rows = []
    for kind, files in (("online", ONLINE_FILES), ("batch", BATCH_FILES)):
        code = sorted(f for f in files if not f.startswith(_TESTS))
        commands = [name.replace("_", "-") for name, k in NEEDS_DEPLOYMENT.items() if k == kind]
        if kind == "online":  # the Azure ML monitor reads what the online collector wrote
            commands.append("monitor --target azureml")
        rows.append(
            (
                f"`{kind}`",
                ", ".join(f"`{f}`" for f in code),
                str(len(files) - len(code)),
                ", ".join(f"`{c}`" for c in commands),
            )
        )
    return markdown_table(["Kind", "Package files", "Test and golden files", "Commands"], rows)
