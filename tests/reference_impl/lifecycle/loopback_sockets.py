"""What the kernel says about a server's TCP sockets (Linux ``/proc``): who listens, who holds what.

The serving tests ask the operating system, not the server's log, where the server listens and
which worker process holds each connection.
"""

from __future__ import annotations

import contextlib
import os
import socket
from collections.abc import Iterator
from pathlib import Path

TABLES = (Path("/proc/net/tcp"), Path("/proc/net/tcp6"))
AVAILABLE = TABLES[0].exists()
_LISTEN, _ESTABLISHED = "0A", "01"


def _address(hexadecimal: str) -> str:
    """``0100007F`` -> ``127.0.0.1``: the table holds each 32-bit word little-endian."""
    raw = bytes.fromhex(hexadecimal)
    raw = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
    return socket.inet_ntop(socket.AF_INET if len(raw) == 4 else socket.AF_INET6, raw)


def _rows(port: int, state: str) -> Iterator[tuple[str, int, int]]:
    """``(local address, remote port, inode)`` of the sockets on local ``port`` in ``state``."""
    for table in TABLES:
        if not table.exists():
            continue
        for line in table.read_text().splitlines()[1:]:
            fields = line.split()
            local, remote = fields[1].split(":"), fields[2].split(":")
            if int(local[1], 16) == port and fields[3] == state:
                yield _address(local[0]), int(remote[1], 16), int(fields[9])


def listening_addresses(port: int) -> list[str]:
    """The local address of every socket listening on ``port`` (one per worker with reuse-port).

    Args:
        port: The TCP port.

    Returns:
        Addresses such as ``127.0.0.1``, or ``0.0.0.0`` for a socket open to the network.
    """
    return [address for address, _, _ in _rows(port, _LISTEN)]


def server_ends(port: int) -> dict[int, int]:
    """The socket inode of the server's end of each connection to ``port``, by client port.

    Args:
        port: The server's TCP port.

    Returns:
        ``{client port: inode}`` for the established connections.
    """
    return {client: inode for _, client, inode in _rows(port, _ESTABLISHED)}


def descendants(pid: int) -> list[int]:
    """Every process started under ``pid``, at any depth.

    Args:
        pid: The ancestor.

    Returns:
        Process ids.
    """
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:  # the process ended meanwhile
                continue
            children.setdefault(int(stat.rsplit(")", 1)[1].split()[1]), []).append(int(entry))
    return _walk(children, pid)


def _walk(children: dict[int, list[int]], pid: int) -> list[int]:
    return [kid for child in children.get(pid, []) for kid in (child, *_walk(children, child))]


def inodes_of(pid: int) -> set[int]:
    """The inodes of the sockets process ``pid`` holds open.

    Args:
        pid: A process id.

    Returns:
        Socket inodes.
    """
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        with contextlib.suppress(OSError):
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
            if target.startswith("socket:["):
                inodes.add(int(target[8:-1]))
    return inodes
