"""The test site server: a browser that hangs up in the middle of a response is not an error."""

from __future__ import annotations

import socket
import struct
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.site_server import serve_site


def test_a_client_that_hangs_up_mid_response_leaves_no_traceback(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "big.bin").write_bytes(b"x" * (32 << 20))  # more than the socket buffers hold
    (tmp_path / "index.html").write_text("<p>still serving</p>")
    with serve_site(tmp_path) as url:
        address = (urlsplit(url).hostname, urlsplit(url).port)
        for _ in range(3):  # as Chromium cancels a request it no longer needs
            with socket.create_connection(address) as client:
                client.sendall(b"GET /big.bin HTTP/1.1\r\nHost: localhost\r\n\r\n")
                assert client.recv(16).startswith(b"HTTP/1.0 200")
                client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with urllib.request.urlopen(url) as page:
            assert b"still serving" in page.read()
    # leaving the block joined the request threads: whatever they printed is in capfd
    assert "Traceback" not in capfd.readouterr().err
