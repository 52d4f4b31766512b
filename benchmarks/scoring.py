"""Latency of one-row scoring through azmlinfsrv next to an in-process predict of the same row.

Run: ``.venv/bin/python benchmarks/scoring.py``. It trains once into a temporary working
directory, starts ``python -m reference_impl serve`` on a free 127.0.0.1 port, sends a bounded
number of requests over loopback, and stops the server.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import requests

from reference_impl.data import SAMPLE_REQUEST

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = 500
WARMUP = 20


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def measure(call) -> tuple[list[float], float]:
    for _ in range(WARMUP):
        call()
    latencies = []
    started = time.perf_counter()
    for _ in range(REQUESTS):
        begin = time.perf_counter()
        call()
        latencies.append((time.perf_counter() - begin) * 1000)
    return latencies, REQUESTS / (time.perf_counter() - started)


def report(name: str, latencies: list[float], rate: float) -> None:
    p50, p99 = percentile(latencies, 50), percentile(latencies, 99)
    print(f"{name:<34} p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   {rate:8.0f} requests/s")


def main() -> None:
    body = json.loads(SAMPLE_REQUEST.read_text())
    one_row = json.dumps({"data": body["data"][:1]})
    with tempfile.TemporaryDirectory() as folder:
        workdir = Path(folder) / "w"
        subprocess.run(
            [sys.executable, "-m", "reference_impl", "train", "--workdir", str(workdir)],
            cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        port = free_port()
        server = subprocess.Popen(
            [sys.executable, "-m", "reference_impl", "serve", "--workdir", str(workdir),
             "--port", str(port)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )  # fmt: skip
        url = f"http://127.0.0.1:{port}"
        try:
            with requests.Session() as http:
                for _ in range(240):
                    try:
                        if http.get(url + "/", timeout=1).status_code == 200:
                            break
                    except requests.RequestException:
                        time.sleep(0.5)
                headers = {"Content-Type": "application/json"}

                def over_http() -> None:
                    response = http.post(url + "/score", data=one_row, headers=headers, timeout=10)
                    response.raise_for_status()

                http_latencies, http_rate = measure(over_http)
        finally:
            server.send_signal(signal.SIGINT)
            server.wait(timeout=30)
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGKILL)

        from reference_impl.modeling.packaging import load_model_dir
        from reference_impl.scoring.request import parse_request

        model = load_model_dir(next((workdir / "serving" / "churn-classifier").iterdir()))
        frame = parse_request(one_row, model.contract)
        raw_latencies, raw_rate = measure(lambda: model.probability(frame))
        full_latencies, full_rate = measure(
            lambda: model.probability(parse_request(one_row, model.contract))
        )
    print(f"one-row request, {REQUESTS} sequential requests after {WARMUP} warm-up, loopback")
    report("azmlinfsrv /score (HTTP)", http_latencies, http_rate)
    report("in-process parse + predict_proba", full_latencies, full_rate)
    report("in-process predict_proba only", raw_latencies, raw_rate)
    overhead = percentile(http_latencies, 50) - percentile(raw_latencies, 50)
    print(f"HTTP overhead at p50: {overhead:.2f} ms")


if __name__ == "__main__":
    main()
