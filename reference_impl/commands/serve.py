"""``serve``: answer HTTP scoring requests with the champion, through azmlinfsrv."""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from reference_impl.commands._common import (
    add_override_argument,
    add_workdir_arguments,
    needs_config,
)
from reference_impl.exit_codes import WORKDIR_EXITS, ExitCode, exit_codes_sentence
from reference_impl.scoring.server_settings import kernel_spreads_connections, settings_for

if TYPE_CHECKING:
    from reference_impl.config import EnvironmentConfig

SCORING_DIR = Path(__file__).resolve().parent.parent / "scoring"
SCORE_SCRIPT = SCORING_DIR / "score.py"


EXITS: dict[ExitCode, str] = {
    ExitCode.OK: "stopped (Ctrl-C stops the server)",
    ExitCode.USAGE: "bad arguments or configuration, or the port is in use",
    ExitCode.NO_CHAMPION: "no champion registered",
    **WORKDIR_EXITS,
}
"""What each exit code of ``serve`` means; its ``--help`` and the site list them."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``serve`` sub-command.

    Args:
        subparsers: The parent parser's sub-parser collection.
    """
    parser = subparsers.add_parser(
        "serve",
        help="serve the champion on http://127.0.0.1:PORT/score",
        description="Run azmlinfsrv with reference_impl/scoring/score.py and the champion model. "
        "Model inputs and outputs are collected under DIR/collected/ as a managed deployment's "
        "data collector would store them. "
        f"{exit_codes_sentence(EXITS)} Otherwise the server's own exit code.",
    )
    add_workdir_arguments(parser)
    add_override_argument(parser)
    parser.add_argument("--port", type=port, default=5001, help="port on 127.0.0.1 (default 5001)")
    parser.set_defaults(func=run)


def port(text: str) -> int:
    """``--port``: a TCP port number, 1 to 65535.

    Args:
        text: The argument as typed.

    Returns:
        The port.

    Raises:
        argparse.ArgumentTypeError: If it is not a whole number in that range.
    """
    try:
        number = int(text)
    except ValueError:
        number = 0
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port: use a number from 1 to 65535")
    return number


def port_in_use(number: int) -> bool:
    """Whether a process already listens on ``127.0.0.1:number``.

    The probe binds the port the way the server's gunicorn does (``SO_REUSEADDR``, so the
    closed connections of a server stopped a moment ago do not count) and lets it go.

    Args:
        number: The port.

    Returns:
        ``True`` if the bind was refused because the address is taken.
    """
    import errno
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", number))
        except OSError as exc:
            return exc.errno == errno.EADDRINUSE
    return False


# --8<-- [start:server-command]
def server_command(model_dir: Path, port: int) -> tuple[list[str], dict[str, str]]:
    """The process that serves ``model_dir``: ``azmlinfsrv`` bound to 127.0.0.1.

    Args:
        model_dir: Local copy of the model (becomes ``AZUREML_MODEL_DIR``).
        port: TCP port on the loopback interface.

    Returns:
        The argument list and the environment of the server process.
    """
    command = [
        sys.executable, "-m", "reference_impl.scoring.local_server",
        "--entry_script", str(SCORE_SCRIPT), "--port", str(port),
    ]  # fmt: skip
    cpus = os.cpu_count() or 1  # as the online deployment, on this machine's cores and kernel
    settings = settings_for(cpus, spread_connections=kernel_spreads_connections()).environment()
    env = {
        **os.environ,
        **settings,
        "AZUREML_MODEL_DIR": str(model_dir),
        "AML_APP_ROOT": str(SCORING_DIR),  # where the server looks for an optional config.json
        # gunicorn 26 would otherwise add a control socket under ~/.gunicorn/
        "GUNICORN_CMD_ARGS": f"{settings['GUNICORN_CMD_ARGS']} --no-control-socket",
    }
    return command, env
    # --8<-- [end:server-command]


@needs_config()
def run(args: argparse.Namespace, config: EnvironmentConfig) -> int:
    """Copy the champion locally and run the server until it stops or is interrupted.

    Args:
        args: Parsed arguments.
        config: The environment's configuration.

    Returns:
        An :class:`~reference_impl.exit_codes.ExitCode`, or the server's exit code.
    """
    from reference_impl.registry import NoChampionError, champion_copy
    from reference_impl.scoring.collect_sink import collected_folder, start_sink
    from reference_impl.tracking import use_workdir
    from reference_impl.workdir import Workdir

    if port_in_use(args.port):
        print(
            f"error: port {args.port} on 127.0.0.1 is in use (is another serve running?); stop "
            "that process or choose another --port",
            file=sys.stderr,
        )
        return ExitCode.USAGE
    workdir = Workdir.at(args.workdir)
    use_workdir(workdir)
    try:
        version, folder = champion_copy(config.registry.model_name, workdir.serving)
    except NoChampionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.NO_CHAMPION
    command, env = server_command(folder, args.port)
    sink, collector_env = start_sink(collected_folder(workdir.root))  # production data
    print(
        f"serving {config.registry.model_name} version {version.version} on "
        f"http://127.0.0.1:{args.port}/score (health: GET /); Ctrl-C stops",
        flush=True,
    )
    print(f"collected inputs and outputs: {collected_folder(workdir.root)}", flush=True)
    server = subprocess.Popen(command, env={**env, **collector_env})
    previous = signal.signal(signal.SIGTERM, lambda *_: server.terminate())
    try:
        return server.wait()
    except KeyboardInterrupt:
        server.terminate()
        server.wait()
        return ExitCode.OK
    finally:
        signal.signal(signal.SIGTERM, previous)
        sink.shutdown()
