"""The explorer listens on 127.0.0.1 only, however it is started: ``streamlit run`` from a folder
outside the repository, with no flags and no project config (it listened on every interface)."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request

import pytest
from support import free_port

from graph.resources import explorer_app


def _listening(port: int) -> set[str]:
    """The local addresses of the sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    out = set()
    for name in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(name) as fh:
                lines = fh.read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, hex_port = local.rsplit(":", 1)
            if state == "0A" and int(hex_port, 16) == port:  # 0A: LISTEN
                out.add(address)
    return out


LOOPBACK = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads listening sockets from /proc")
def test_streamlit_run_from_another_folder_listens_on_loopback_only(tmp_path):
    port = free_port()
    env = dict(os.environ, HOME=str(tmp_path))  # no user-level Streamlit config either
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(explorer_app()), "--server.port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
    )
    try:
        for _ in range(240):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("the explorer did not start")
        addresses = _listening(port)
        assert addresses and addresses <= LOOPBACK, addresses
    finally:
        proc.terminate()
        proc.wait(timeout=30)
