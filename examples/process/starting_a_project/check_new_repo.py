"""What does a new project repository still lack before it can onboard to MLOps?"""

from accelerator.guidance.project_checklist import missing_inclusions


def main() -> None:
    """Check the files of Contoso Motor's first churn-model repository."""
    # --8<-- [start:check-repo]
    files = [
        "README.md",
        "pyproject.toml",
        "uv.lock",
        ".gitignore",
        "notebooks/explore_renewals.ipynb",
        "src/motor_churn/features.py",
        "tests/test_features.py",
    ]
    for level in (1, 2, 3):
        missing = missing_inclusions(files, up_to_level=level)
        print(f"Up to level {level}: missing {', '.join(i.id for i in missing) or 'nothing'}")
    # --8<-- [end:check-repo]


if __name__ == "__main__":
    main()
