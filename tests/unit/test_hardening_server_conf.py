"""The configuration ``actorgraph neo4j start`` writes: the server advertises the port it listens on
(a ``neo4j://`` routing client is sent back to it, not to 7687) and bounds transaction memory by the
heap, so one greedy query fails instead of taking the server down."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.store import server


def _conf(**kw) -> dict[str, str]:
    inst = server.Instance(home=Path("/tmp/x"), **kw)
    pairs = [line.split("=", 1) for line in server.render_conf(inst).splitlines() if "=" in line and line[0] != "#"]
    return dict(pairs)


def test_advertised_bolt_and_http_addresses_carry_the_ports_the_server_listens_on():
    conf = _conf(bolt_port=17001, http_port=17002)
    assert conf["server.bolt.advertised_address"] == "127.0.0.1:17001"
    assert conf["server.http.advertised_address"] == "127.0.0.1:17002"
    assert conf["server.bolt.listen_address"] == "127.0.0.1:17001"


@pytest.mark.parametrize(("heap", "heap_bytes"), [("512m", 512 * 2**20), ("2g", 2 * 2**30), ("1536M", 1536 * 2**20)])
def test_transaction_memory_is_capped_below_the_heap(heap, heap_bytes):
    conf = _conf(heap=heap)
    one = server.parse_size(conf["db.memory.transaction.max"])
    total = server.parse_size(conf["dbms.memory.transaction.total.max"])
    assert 0 < one <= total < heap_bytes


def test_parse_size_reads_neo4j_memory_sizes():
    assert server.parse_size("1g") == 2**30
    assert server.parse_size("300m") == 300 * 2**20
    assert server.parse_size("64k") == 64 * 2**10
    assert server.parse_size("1000") == 1000
    with pytest.raises(ValueError):
        server.parse_size("lots")
