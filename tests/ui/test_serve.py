"""`disclosure-qa serve`: its options, and a real server that binds 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.cli import build_parser

LISTEN = "0A"  # the TCP state in /proc/net/tcp


def test_serve_defaults_to_this_machine_only():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port, args.data_dir, args.embedder, args.chroma_url) == ("127.0.0.1", 7860, None, None, None)


def test_serve_takes_host_port_and_store_options():
    args = build_parser().parse_args(["serve", "--host", "0.0.0.0", "--port", "8080", "--data-dir", "/tmp/store", "--embedder", "e5", "--chroma-url", "http://127.0.0.1:8000"])
    assert (args.host, args.port, args.data_dir, args.embedder, args.chroma_url) == ("0.0.0.0", 8080, "/tmp/store", "e5", "http://127.0.0.1:8000")


def test_the_cli_imports_gradio_only_to_serve():
    code = "import sys, assistant.cli; sys.exit('gradio' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def listening(port: int) -> list[str]:
    """The local addresses listening on ``port`` (IPv4 as dotted quads, IPv6 as hex)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if int(hex_port, 16) == port and state == LISTEN:
                found.append(".".join(str(int(address[i : i + 2], 16)) for i in (6, 4, 2, 0)) if len(address) == 8 else address)
    return found


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc/net/tcp (Linux)")
def test_serve_binds_127_0_0_1_by_default(e5_store, tmp_path):
    store, _ = e5_store
    data_dir = tmp_path / "store"
    shutil.copytree(store.dir, data_dir)  # a copy: the server process opens its own Chroma
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--data-dir", str(data_dir)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 120
        while not listening(port):
            assert server.poll() is None, f"serve exited early:\n{server.stdout.read()}"
            assert time.monotonic() < deadline, "serve did not start listening within 120 s"
            time.sleep(0.25)
        assert listening(port) == ["127.0.0.1"]
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/config", timeout=30) as response:
            assert response.status == 200
            assert "部门决算问答" in response.read().decode("utf-8")
    finally:
        server.terminate()
        server.wait(timeout=30)
