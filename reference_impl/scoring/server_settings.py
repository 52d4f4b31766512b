"""Worker and thread settings of the inference server: the same rule locally and on Azure ML.

``azmlinfsrv`` runs gunicorn with ``WORKER_COUNT`` processes (default 1) and passes any
``GUNICORN_CMD_ARGS`` through; ``--threads N`` switches gunicorn to its threaded worker, so a
slow client holds one thread instead of a whole worker, ``--keep-alive`` keeps idle
connections open longer than clients pause between requests, and ``--reuse-port`` (on Linux)
gives each worker a listening socket of its own, so the kernel spreads new connections over the
workers. Each worker loads the model once and scores with one OpenMP thread
(``OMP_NUM_THREADS=1``): with the default of one OpenMP thread per core in every worker, two
workers on two cores oversubscribe the CPU and throughput collapses. ``serve`` applies
:func:`settings_for` to the machine's cores; the managed online deployment applies it to its
instance's vCPUs and sets ``max_concurrent_requests_per_instance`` to the number of requests the
instance can work on at once.
"""

from __future__ import annotations

from dataclasses import dataclass

THREADS_PER_WORKER = 4
"""Request threads per worker process: enough to keep slow clients off the others' path."""

KEEP_ALIVE_SECONDS = 75
"""How long an idle connection stays open (gunicorn's default is 2 s).

A client or proxy that reuses a connection the server has just closed gets a reset: the
server must keep idle connections longer than its clients pause between requests. Idle
connections cost no thread in gunicorn's threaded worker.
"""

SPREAD_CONNECTIONS = "--reuse-port"
"""Each worker listens on its own socket (``SO_REUSEPORT``); the kernel spreads connections.

With one socket shared by every worker, whichever worker wakes first accepts a burst of new
connections, and a keep-alive connection stays with the worker that accepted it: 40 clients
connecting at once were split 37 to 3 between two workers in three of six trials and never
closer than 30 to 10, and with all 50 load-test clients on one worker throughput fell from
about 750 to 230 requests/s while the other core idled. With a socket per worker the kernel
hashes each connection to one of them (from 25 to 15 to 19 to 21 in six trials). The price:
connections waiting in the queue of a worker that dies are reset, not handed to another.

Only Linux spreads connections this way; macOS and the BSDs give every new connection to the
socket bound last, which would leave all but one worker idle for good.
"""


def kernel_spreads_connections(platform: str | None = None) -> bool:
    """Whether sockets sharing a port get new connections in turn (``SO_REUSEPORT`` on Linux).

    Args:
        platform: A ``sys.platform`` value (default: this machine's).

    Returns:
        ``True`` on Linux, the only system where the workers' own sockets balance the load.
    """
    import sys

    return (sys.platform if platform is None else platform).startswith("linux")


@dataclass(frozen=True)
class ServerSettings:
    """How many processes and threads serve requests on one machine.

    Attributes:
        workers: gunicorn worker processes (``WORKER_COUNT``), one per core.
        threads: Request threads per worker (gunicorn ``--threads``).
        spread_connections: Each worker listens on its own socket (:data:`SPREAD_CONNECTIONS`).
    """

    workers: int
    threads: int = THREADS_PER_WORKER
    spread_connections: bool = True

    @property
    def max_concurrent_requests(self) -> int:
        """Requests the machine works on at once: ``workers * threads``."""
        return self.workers * self.threads

    # --8<-- [start:environment]
    def environment(self) -> dict[str, str]:
        """The environment variables that apply these settings to ``azmlinfsrv``.

        Returns:
            ``WORKER_COUNT``, ``GUNICORN_CMD_ARGS`` and the per-worker thread caps.
        """
        gunicorn = [f"--threads {self.threads}", f"--keep-alive {KEEP_ALIVE_SECONDS}"]
        gunicorn += [SPREAD_CONNECTIONS] if self.spread_connections else []
        return {
            "WORKER_COUNT": str(self.workers),
            "GUNICORN_CMD_ARGS": " ".join(gunicorn),
            "OMP_NUM_THREADS": "1",  # one OpenMP thread per worker: no oversubscription
            "OPENBLAS_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }
        # --8<-- [end:environment]


def settings_for(cpus: int, *, spread_connections: bool = True) -> ServerSettings:
    """The settings for a machine with ``cpus`` cores: one worker per core.

    Args:
        cpus: Cores (vCPUs) of the machine or instance.
        spread_connections: Whether the kernel spreads connections over the workers' own
            sockets (:func:`kernel_spreads_connections`; a managed deployment runs on Linux).

    Returns:
        The server settings.
    """
    return ServerSettings(workers=max(1, cpus), spread_connections=spread_connections)
