"""Fixtures shared by every test package: an offline guard, one real store, one assistant.

The real store is the bundled disclosure ingested once per session with the default ``e5``
embedder (cold: about 20 s); tests that need a store of their own build it in ``tmp_path``.
"""

from __future__ import annotations

import socket

import pytest

from ingest.config import Settings, quiet_third_parties

quiet_third_parties()


@pytest.fixture(scope="session", autouse=True)
def offline():
    """Refuse every connection that leaves this machine: the suite must run offline."""
    real_connect = socket.socket.connect

    def connect(self, address):
        host = address[0] if isinstance(address, tuple) else address
        if self.family == socket.AF_UNIX or host in ("localhost", "::1") or str(host).startswith("127."):
            return real_connect(self, address)
        raise OSError(f"the tests run offline; refused a connection to {address!r}")

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(socket.socket, "connect", connect)
        yield


@pytest.fixture(scope="session")
def e5_store(tmp_path_factory):
    """One real ingest of the bundled disclosure with the default ``e5`` embedder."""
    from ingest.store import Store

    store = Store(Settings(data_dir=tmp_path_factory.mktemp("e5-store")), log=lambda message: None)
    report = store.ingest(progress=False)
    return store, report


@pytest.fixture(scope="session")
def bot(e5_store):
    """The assistant over the bundled disclosure (shared: pass a fresh session per conversation)."""
    from assistant.assistant import Assistant

    store, _ = e5_store
    return Assistant(store.load(auto_ingest=False), store=store, log=lambda message: None)


# -- PostgreSQL (tests/pg.py) ------------------------------------------------------------------------
@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server on loopback for this test session (or $DISCLOSURE_QA_TEST_PG_URL)."""
    import os

    import pg

    url = os.environ.get("DISCLOSURE_QA_TEST_PG_URL")
    if url:
        yield url.rstrip("/")
        return
    if pg.binaries() is None:
        if os.environ.get("DISCLOSURE_QA_REQUIRE_PG"):
            pytest.fail("PostgreSQL is required (DISCLOSURE_QA_REQUIRE_PG) but initdb/pg_ctl were not found; run scripts/setup --full")
        pytest.skip("PostgreSQL is not installed here (scripts/setup --full installs it)")
    cluster = pg.Cluster()
    try:
        yield cluster.start()
    finally:
        cluster.stop()


@pytest.fixture
def pg_url(pg_server):
    """A new, empty database on the session's server, dropped afterwards."""
    import pg

    url = pg.create_database(pg_server)
    yield url
    pg.drop_database(url)
