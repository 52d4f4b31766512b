"""Shared pieces of the ``--target azureml`` commands.

azure-ai-ml takes seconds to import, so this module imports nothing from Azure at import
time: handlers import :mod:`reference_impl.azureml` when they run.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from reference_impl.arguments import given_path, given_value
from reference_impl.commands._common import unwritable
from reference_impl.exit_codes import ExitCode

NO_SIGN_IN = (
    "no Azure sign-in found: DefaultAzureCredential got a token from none of its sources; run "
    "`az login`, or run where a workload or managed identity is set up (nothing was sent to Azure)"
)
"""The error when the credential chain yields no token, before any request is sent."""


def add_dry_run_arguments(parser: argparse.ArgumentParser, what: str) -> None:
    """Add ``--dry-run`` and ``--out``.

    Args:
        parser: A sub-command parser.
        what: What the dry run writes, for the help text.
    """
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help=f"write {what} as YAML to --out and send nothing to Azure",
    )
    parser.add_argument("--out", type=given_path, help="output folder of --dry-run")


def add_code_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--code`` (reuse an uploaded snapshot instead of uploading the package).

    Args:
        parser: A sub-command parser.
    """
    parser.add_argument(
        "--code",
        type=given_value,
        metavar="ARM_ID",
        help="ARM id of an uploaded code asset to run (default: upload a snapshot of the package)",
    )


def dry_run_folder(args: argparse.Namespace) -> Path | None:
    """The ``--out`` folder of a dry run, or ``None`` after printing why there is none.

    Args:
        args: Parsed arguments with ``out``.

    Returns:
        The folder (created), or ``None`` when ``--out`` is missing or cannot be a folder.
    """
    from reference_impl.whole_file import make_folder

    if args.out is None:
        print("error: --dry-run needs --out DIR", file=sys.stderr)
        return None
    if problem := make_folder(args.out):
        unwritable("--out", args.out, problem)
        return None
    return args.out


@contextmanager
def code_snapshot(code: str | None, out: Path | None = None) -> Iterator[str | Path]:
    """The ``code`` of components and deployments: an uploaded asset or a fresh snapshot.

    Args:
        code: ARM id of an uploaded code asset, or ``None`` to stage a snapshot.
        out: Where to stage it (default: a temporary folder removed afterwards).

    Yields:
        The ARM id, or the snapshot folder.
    """
    from reference_impl.azureml.snapshot import stage_snapshot

    if code:
        yield code
    elif out is not None:
        yield stage_snapshot(out / "code")
    else:
        with tempfile.TemporaryDirectory(prefix="reference-impl-code-") as folder:
            yield stage_snapshot(Path(folder))


def guarded(action: Callable[[], int]) -> int:
    """Run an action that talks to Azure; turn Azure and SDK errors into a message.

    Args:
        action: The command's work; returns an exit code.

    Returns:
        The action's exit code, or ``ExitCode.AZURE_REFUSED`` after printing the error.
    """
    from azure.ai.ml.exceptions import MlException
    from azure.core.exceptions import AzureError, ClientAuthenticationError

    from reference_impl.azureml.models import VersionError
    from reference_impl.azureml.promotion import PromotionError
    from reference_impl.lineage import GateRefused

    try:
        return action()
    except GateRefused as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.GATE_REFUSED
    except (VersionError, PromotionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.USAGE
    except (AzureError, MlException) as exc:
        # An authentication error without a response: the credential chain found no token
        # here (azure-identity has logged each source's reason); nothing reached Azure.
        signed_out = isinstance(exc, ClientAuthenticationError) and exc.response is None
        reason = NO_SIGN_IN if signed_out else f"Azure ML refused the operation: {exc}"
        print(f"error: {reason}", file=sys.stderr)
        return ExitCode.AZURE_REFUSED


def print_files(files: list[Path], out: Path) -> None:
    """List written files relative to the output folder.

    Args:
        files: Written files.
        out: The output folder.
    """
    print(f"wrote {len(files)} files to {out}:")
    for path in files:
        print(f"  {path.relative_to(out)}")
