"""Layout of a local working directory: everything a local run writes lives under one folder.

``DIR/mlflow.db`` is the MLflow tracking store and model registry (SQLite, the embedded
default), ``DIR/mlartifacts`` holds run and model artifacts, ``DIR/runs/<run>/<step>/<port>``
holds each step's output folders, and ``serving/`` and ``monitoring/`` hold what the
``serve``, ``batch-score`` and ``monitor`` commands produce.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Workdir:
    """Paths of a local working directory.

    Attributes:
        root: The folder given with ``--workdir`` (made absolute).
    """

    root: Path

    @classmethod
    def at(cls, folder: Path | str) -> Workdir:
        """Create the folder if needed and return its layout.

        Args:
            folder: Working directory.

        Returns:
            The layout rooted at the absolute path of ``folder``.
        """
        root = Path(folder).expanduser().resolve()
        root.mkdir(parents=True, exist_ok=True)
        return cls(root)

    @property
    def tracking_uri(self) -> str:
        """MLflow tracking and registry URI (``sqlite:///DIR/mlflow.db``)."""
        return f"sqlite:///{self.root / 'mlflow.db'}"

    @property
    def artifact_root(self) -> Path:
        """Where MLflow stores artifacts of the experiment."""
        return self.root / "mlartifacts"

    @property
    def runs(self) -> Path:
        """Parent of each pipeline run's step outputs."""
        return self.root / "runs"

    @property
    def serving(self) -> Path:
        """Local copies of served models."""
        return self.root / "serving"

    @property
    def monitoring(self) -> Path:
        """Drift reports."""
        return self.root / "monitoring"
