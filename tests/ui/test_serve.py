"""`disclosure-qa serve`: its options, and a real server that binds 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
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


def fetch(url: str, timeout: float = 30) -> tuple[int, str, str]:
    """(status, content type, body) of a GET, errors included."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.headers.get("content-type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("content-type", ""), exc.read().decode("utf-8")


def start_serve(data_dir: Path, port: int, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "assistant.cli", "serve", "--port", str(port), "--data-dir", str(data_dir), *extra], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def wait_listening(server: subprocess.Popen, port: int, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not listening(port):
        assert server.poll() is None, f"serve exited early:\n{server.stdout.read()}"
        assert time.monotonic() < deadline, f"serve did not start listening within {seconds:.0f} s"
        time.sleep(0.02)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc/net/tcp (Linux)")
def test_serve_binds_127_0_0_1_by_default(e5_store, tmp_path):
    store, _ = e5_store
    data_dir = tmp_path / "store"
    shutil.copytree(store.dir, data_dir)  # a copy: the server process opens its own Chroma
    port = free_port()
    server = start_serve(data_dir, port)
    try:
        wait_listening(server, port)
        assert listening(port) == ["127.0.0.1"]
        deadline = time.monotonic() + 120
        while (got := fetch(f"http://127.0.0.1:{port}/config"))[0] != 200:
            assert time.monotonic() < deadline, got
            time.sleep(0.2)
        assert "部门决算问答" in got[2]
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="reads the listening sockets from /proc/net/tcp (Linux)")
def test_a_first_start_shows_a_waiting_page_until_the_store_is_built(tmp_path):
    """An empty data folder: the bundled disclosure is ingested first; the port answers at once."""
    port = free_port()
    server = start_serve(tmp_path / "empty", port, "--embedder", "hash")
    try:
        wait_listening(server, port)
        status, kind, body = fetch(f"http://127.0.0.1:{port}/")
        assert (status, kind) == (503, "text/html; charset=utf-8")
        assert '<html lang="zh-CN">' in body and "部门决算问答正在启动" in body
        progress = json.loads(fetch(f"http://127.0.0.1:{port}/dqa/startup")[2])
        assert set(progress) == {"stage", "message", "done", "total", "seconds", "failed"} and progress["failed"] is False
        deadline = time.monotonic() + 120
        while (got := fetch(f"http://127.0.0.1:{port}/dqa/startup"))[0] != 200 or "ready" not in got[2]:
            assert time.monotonic() < deadline, got
            time.sleep(0.2)
        status, _, page = fetch(f"http://127.0.0.1:{port}/")
        assert status == 200 and 'lang="zh-CN"' in page and "dqa/client.js" in page
    finally:
        server.terminate()
        server.wait(timeout=30)
