"""Layout of a local working directory: everything a local run writes lives under one folder.

``DIR/mlflow.db`` is the MLflow tracking store and model registry (SQLite, the embedded
default), ``DIR/mlartifacts`` holds run and model artifacts, ``DIR/runs/<run>/<step>/<port>``
holds each step's output folders, and ``serving/`` and ``monitoring/`` hold what the
``serve``, ``batch-score`` and ``monitor`` commands produce. ``DIR/workdir.lock`` is the lock
that lets one run at a time create the store or move the registry's aliases, and
``DIR/locks/<run id>.lock`` is held by each pipeline run while it is alive.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reference_impl.exit_codes import ExitCode
from reference_impl.paths import real_path

DEFAULT_WORKDIR = Path(".mlops")
"""Where local commands work when no ``--workdir`` is given (git-ignored)."""


class WorkdirError(RuntimeError):
    """A working directory that cannot be used now; the message says what to do.

    Attributes:
        exit_code: The documented exit code the command returns.
    """

    exit_code: int = 1


class WorkdirUnusable(WorkdirError):
    """``--workdir`` names something that cannot be a folder (a file, a path under a file)."""

    exit_code = ExitCode.USAGE


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

        Raises:
            WorkdirUnusable: If ``folder`` is a file, lies under one or cannot be made.
        """
        from reference_impl.whole_file import make_folder

        root = real_path(Path(folder).expanduser())
        if problem := make_folder(root):
            raise WorkdirUnusable(f"cannot use --workdir {folder}: {problem}")
        return cls(root)

    @property
    def tracking_uri(self) -> str:
        """MLflow tracking and registry URI (``sqlite:///DIR/mlflow.db``)."""
        return f"sqlite:///{self.database}"

    @property
    def database(self) -> Path:
        """The SQLite file behind :attr:`tracking_uri`."""
        return self.root / "mlflow.db"

    @property
    def lock_file(self) -> Path:
        """Lock held while the store is created and while the gate and register steps run."""
        return self.root / "workdir.lock"

    @property
    def run_locks(self) -> Path:
        """Folder of the per-run locks that tell a live run from one that was killed."""
        return self.root / "locks"

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
