"""``serve`` under load: 50 concurrent clients, one of them slow, and bodies over the limit.

The load test asserts behaviour only (zero errors, every request answered, the slow client
served in the end); it prints the latency percentiles and throughput it saw, which on a shared
machine are not a benchmark (``benchmarks/scoring.py`` is).
"""

from __future__ import annotations

import json
import os
import socket
import statistics
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

import pytest
import requests

from reference_impl.data import SAMPLE_REQUEST
from reference_impl.exit_codes import ExitCode
from reference_impl.scoring.request import MAX_BODY_BYTES
from reference_impl.scoring.server_settings import settings_for
from tests.reference_impl.lifecycle import loopback_sockets as sockets
from tests.reference_impl.lifecycle.conftest import Server, call

ONE_ROW = json.dumps({"data": json.loads(SAMPLE_REQUEST.read_text())["data"][:1]}).encode()
CLIENTS = 50
SECONDS = 4.0  # the slow client trickles up to 16 bytes meanwhile; a benchmark measures throughput
TRICKLE = 0.25  # seconds between the slow client's bytes


def connect(server: Server) -> socket.socket:
    address = urlparse(server.url)
    return socket.create_connection((address.hostname, address.port), timeout=30)


def headers(length: int | None, *, chunked: bool = False, close: bool = True) -> bytes:
    lines = ["POST /score HTTP/1.1", "Host: 127.0.0.1", "Content-Type: application/json"]
    lines.append("Transfer-Encoding: chunked" if chunked else f"Content-Length: {length}")
    return ("\r\n".join([*lines, *(["Connection: close"] if close else []), "", ""])).encode()


def read_response(sock: socket.socket) -> tuple[int, dict]:
    data = b""
    while b"\r\n\r\n" not in data or not data.rstrip().endswith(b"}"):
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ", 2)[1]), json.loads(body)


def slow_client(server: Server, until: float, outcome: dict) -> None:
    """Send a valid one-row request one byte every TRICKLE seconds, then the rest at once."""
    with connect(server) as sock:
        sock.sendall(headers(len(ONE_ROW)))
        sent = 0
        while time.monotonic() < until and sent < len(ONE_ROW) - 1:
            sock.sendall(ONE_ROW[sent : sent + 1])
            sent += 1
            time.sleep(TRICKLE)
        outcome["trickled until"] = time.perf_counter()  # the request was incomplete till now
        sock.sendall(ONE_ROW[sent:])
        outcome["bytes trickled"] = sent
        outcome["status"], outcome["body"] = read_response(sock)


def fast_client(
    server: Server, until: float, latencies: list[float], answered: list[float], errors: list[str]
) -> None:
    with requests.Session() as http:
        while time.monotonic() < until:
            started = time.perf_counter()
            try:
                response = http.post(
                    server.url + "/score",
                    data=ONE_ROW,
                    headers={"Content-Type": "application/json"},
                    timeout=60,
                )
            except requests.RequestException as exc:
                errors.append(repr(exc)[:200])
                continue
            answered.append(time.perf_counter())
            latencies.append((answered[-1] - started) * 1000)
            if response.status_code != 200:
                errors.append(f"{response.status_code}: {response.text[:200]}")


def test_fifty_clients_with_a_slow_one_get_no_errors(server: Server) -> None:
    until = time.monotonic() + SECONDS
    latencies: list[float] = []
    answered: list[float] = []  # when each fast request got its answer
    errors: list[str] = []
    slow: dict = {}
    threads = [threading.Thread(target=slow_client, args=(server, until, slow))]
    threads += [
        threading.Thread(target=fast_client, args=(server, until, latencies, answered, errors))
        for _ in range(CLIENTS - 1)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 120)
    elapsed = time.perf_counter() - started
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []
    # the slow request stayed incomplete over several gaps, and the others were served meanwhile
    # (how many bytes it trickled depends on how the machine schedules 50 threads: not asserted)
    assert slow["bytes trickled"] >= 2
    assert sum(1 for t in answered if t < slow["trickled until"]) >= CLIENTS
    assert slow["status"] == 200, slow
    assert len(slow["body"]["predictions"]) == 1
    assert len(latencies) >= CLIENTS  # every fast client got answers
    cuts = statistics.quantiles(latencies, n=100, method="inclusive")
    print(
        f"\n{CLIENTS} clients ({CLIENTS - 1} fast, 1 slow) for {SECONDS:.0f} s: "
        f"{len(latencies)} requests, 0 errors, {len(latencies) / elapsed:.0f} req/s, "
        f"p50 {cuts[49]:.1f} ms, p99 {cuts[98]:.1f} ms"
    )


def test_declared_body_over_the_limit_is_refused_unread(server: Server) -> None:
    """Only 8 bytes of a declared 5 GB body are sent: a server that read it would hang."""
    with connect(server) as sock:
        sock.sendall(headers(5_000_000_000) + b'{"data":')
        status, body = read_response(sock)
    assert status == 413
    assert body["message"] == f"body has 5000000000 bytes; the limit is {MAX_BODY_BYTES}"


def test_chunked_body_over_the_limit_is_cut_while_reading(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(headers(None, chunked=True))
        piece = b"x" * 65536
        sent = 0
        while sent <= MAX_BODY_BYTES:
            sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            sent += len(piece)
        status, body = read_response(sock)  # the terminating chunk is never sent
    assert status == 413
    assert body["message"] == (
        f"body has more than {MAX_BODY_BYTES} bytes; the limit is {MAX_BODY_BYTES}"
    )


def test_chunked_body_within_the_limit_is_scored(server: Server) -> None:
    with connect(server) as sock:
        sock.sendall(headers(None, chunked=True))
        sock.sendall(b"%x\r\n%s\r\n0\r\n\r\n" % (len(ONE_ROW), ONE_ROW))
        status, body = read_response(sock)
    assert status == 200, body
    assert len(body["predictions"]) == 1


@pytest.mark.skipif(not sockets.AVAILABLE, reason="reads /proc (Linux only)")
@pytest.mark.skipif(settings_for(os.cpu_count() or 1).workers < 2, reason="one core: one worker")
def test_connections_opened_at_once_are_spread_over_the_workers(server: Server) -> None:
    """Keep-alive connections stay with the worker that accepted them: a burst of clients must
    not all land on one worker while the others idle. 30 connections per worker, each answered
    once and kept open; every worker holds at least a third of its fair share (a fair hash misses
    that in 3 of 100 million runs on two workers and 2 of 100,000 on eight; with one shared
    socket, one worker took all 60 of 60 in each of three runs)."""
    workers = settings_for(os.cpu_count() or 1).workers
    port = urlparse(server.url).port
    clients = [connect(server) for _ in range(30 * workers)]
    try:
        for client in clients:
            client.sendall(headers(len(ONE_ROW), close=False) + ONE_ROW)
        for client in clients:
            assert read_response(client)[0] == 200
        ends = sockets.server_ends(port)
        held = {pid: sockets.inodes_of(pid) for pid in sockets.descendants(server.process.pid)}
        holders = Counter(
            next(pid for pid, inodes in held.items() if ends[c.getsockname()[1]] in inodes)
            for c in clients
        )
    finally:
        for client in clients:
            client.close()
    assert len(holders) == workers, holders
    assert min(holders.values()) >= 10, holders


def test_a_second_serve_on_the_port_of_a_running_one_is_refused(
    server: Server, tmp_path: Path
) -> None:
    """The workers' sockets allow sharing the port (``SO_REUSEPORT``) among themselves; a second
    ``serve`` must still be told the port is taken, not join in and answer with its own model."""
    port = urlparse(server.url).port
    workdir = tmp_path / "workdir"
    code, out, err = call(["serve", "--workdir", str(workdir), "--port", str(port)])
    assert code == ExitCode.USAGE, out + err
    assert err == (
        f"error: port {port} on 127.0.0.1 is in use (is another serve running?); stop that "
        "process or choose another --port\n"
    )
    assert out == "" and not workdir.exists()
