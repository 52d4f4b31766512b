"""Generate a project with the default answers and list what it contains."""

import tempfile
from pathlib import Path

from accelerator.scaffold import generate


# --8<-- [start:tree]
def generated_tree(depth: int = 2) -> list[str]:
    """Generate a project with the defaults in a temporary folder and list its tree.

    Args:
        depth: How many folder levels to show.

    Returns:
        One line per file or folder, indented two spaces per level, folders ending in ``/``.
    """
    with tempfile.TemporaryDirectory() as folder:
        dest = Path(folder) / "churn"
        generate(dest, {"project_name": "Churn prediction"}, defaults=True)
        lines = []
        for path in sorted(dest.rglob("*")):
            rel = path.relative_to(dest)
            if len(rel.parts) <= depth and "__pycache__" not in rel.parts:
                suffix = "/" if path.is_dir() else ""
                lines.append("  " * (len(rel.parts) - 1) + rel.name + suffix)
        return lines
    # --8<-- [end:tree]


def main() -> None:
    """Print the generated project's tree."""
    print("\n".join(generated_tree()))


if __name__ == "__main__":
    main()
