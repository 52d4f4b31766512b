"""Start ``azmlinfsrv`` exactly as its console script does, but listening on 127.0.0.1 only.

``azmlinfsrv`` always binds ``0.0.0.0`` (it expects to run inside a container). A model
served from a laptop should not be reachable from the network, so this wrapper sets the
server's host to loopback and then runs the unmodified server with the same arguments
(``--entry_script``, ``--port``, ...).
"""

from __future__ import annotations

LOOPBACK = "127.0.0.1"


def main() -> int:
    """Run the inference server on the loopback interface.

    Returns:
        The server's exit status.
    """
    from azureml_inference_server_http import amlserver

    amlserver.DEFAULT_HOST = LOOPBACK  # read by amlserver.run() when it starts gunicorn
    return amlserver.run() or 0


if __name__ == "__main__":
    raise SystemExit(main())
