"""A real Neo4j 5.26 LTS Community server without Docker.

Machines without a Docker engine (many laptops and CI runners, ours included) still have Java 17
and Maven: ``graph.store.runtime`` fetches the server's jars from Maven Central once, and this
module configures, starts, watches and stops the server process.

Everything the server writes (configuration, data, logs, pid, the generated password) lives in one
project-local folder, ``.neo4j/`` by default (``ACTORGRAPH_NEO4J_DIR``), which git ignores. Bolt and
HTTP listen on 127.0.0.1 only. Where a Docker engine runs, ``actorgraph neo4j`` drives
``docker compose`` instead (see ``docker-compose.yml``).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..errors import ServerError
from . import config
from .runtime import (  # re-exported: ``server`` is where the CLI and tests find them
    ADMIN_TOOL,
    ENTRY_POINT,
    NEO4J_VERSION,
    cache_dir,
    check_prerequisites,
    docker_engine_available,
    ensure_jars,
    java_major,
)

__all__ = [
    "ADMIN_TOOL",
    "ENTRY_POINT",
    "NEO4J_VERSION",
    "PRIVATE_UMASK",
    "Instance",
    "Status",
    "cache_dir",
    "check_prerequisites",
    "compose",
    "docker_engine_available",
    "ensure_jars",
    "instance",
    "java_major",
    "logs",
    "make_private",
    "parse_size",
    "password",
    "render_conf",
    "running_pid",
    "start",
    "status",
    "stop",
    "transaction_memory",
]


@dataclass(frozen=True)
class Instance:
    """One local server: its folder (configuration, data, logs, pid, password), ports and memory.

    The user's server comes from the environment (:func:`instance`); a test session builds its own
    with a folder under its temp dir and free ports, so tests never touch the user's server.
    """

    home: Path
    bolt_port: int = 7687
    http_port: int = 7474
    heap: str = "2g"
    pagecache: str = "2g"
    password: str | None = None  # None: NEO4J_PASSWORD, else the one generated at first start

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    @property
    def conf(self) -> Path:
        return self.home / "conf"

    @property
    def data(self) -> Path:
        return self.home / "data"

    @property
    def logs(self) -> Path:
        return self.home / "logs"

    @property
    def pidfile(self) -> Path:
        return self.home / "run" / "neo4j.pid"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def console_log(self) -> Path:
        return self.logs / "console.log"

    @property
    def neo4j_log(self) -> Path:
        return self.logs / "neo4j.log"


def instance() -> Instance:
    """The user's local server as the environment describes it (``NEO4J_URI``'s port,
    ``ACTORGRAPH_NEO4J_DIR``, ``ACTORGRAPH_NEO4J_HTTP_PORT``, ``_HEAP``, ``_PAGECACHE``)."""
    cfg = config.settings()
    env = os.environ
    return Instance(
        home=config.neo4j_dir(),
        bolt_port=cfg.port,
        http_port=int(env.get("ACTORGRAPH_NEO4J_HTTP_PORT", "7474")),
        heap=env.get("ACTORGRAPH_NEO4J_HEAP", "2g"),
        pagecache=env.get("ACTORGRAPH_NEO4J_PAGECACHE", "2g"),
    )


# --- configuration -------------------------------------------------------------------------


_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def parse_size(value: str) -> int:
    """Bytes of a Neo4j memory size such as ``512m``, ``2g`` or ``1000``."""
    text = str(value).strip().lower().removesuffix("b").removesuffix("i")
    unit = text[-1:] if text[-1:] in _UNITS and not text[-1:].isdigit() else ""
    number = text[: len(text) - len(unit)]
    if not number.isdigit():
        raise ValueError(f"{value!r} is not a memory size (e.g. 512m, 2g)")
    return int(number) * _UNITS[unit]


def transaction_memory(heap: str) -> tuple[int, int]:
    """(one transaction's limit, all transactions' limit) in bytes for a server with this heap.

    Without limits a single query can fill the heap; these make Neo4j fail the query that asks for
    more (``MemoryPoolOutOfMemoryError``) while the server keeps the rest of its heap for itself and
    the other sessions. Half the heap for one transaction leaves loads their room; 70% for all of
    them is Neo4j's own default for the total, made explicit."""
    heap_bytes = parse_size(heap)
    return heap_bytes // 2, heap_bytes * 7 // 10


def render_conf(inst: Instance) -> str:
    one, total = transaction_memory(inst.heap)
    return "\n".join(
        [
            "# Written by `actorgraph neo4j start`; edits are overwritten on the next start.",
            "server.default_listen_address=127.0.0.1",
            "server.default_advertised_address=127.0.0.1",
            f"server.bolt.listen_address=127.0.0.1:{inst.bolt_port}",
            f"server.http.listen_address=127.0.0.1:{inst.http_port}",
            # the routing table a neo4j:// client receives names these: the port the server listens on
            f"server.bolt.advertised_address=127.0.0.1:{inst.bolt_port}",
            f"server.http.advertised_address=127.0.0.1:{inst.http_port}",
            "server.http.enabled=true",
            "server.https.enabled=false",
            f"server.directories.data={inst.data}",
            f"server.directories.logs={inst.logs}",
            f"server.directories.run={inst.home / 'run'}",
            f"server.directories.import={inst.home / 'import'}",
            f"server.directories.plugins={inst.home / 'plugins'}",
            f"server.memory.heap.initial_size={inst.heap}",
            f"server.memory.heap.max_size={inst.heap}",
            f"server.memory.pagecache.size={inst.pagecache}",
            f"db.memory.transaction.max={one}",
            f"dbms.memory.transaction.total.max={total}",
            "dbms.security.auth_enabled=true",
            "db.tx_log.rotation.retention_policy=2 files",
            "dbms.usage_report.enabled=false",
            "",
        ]
    )


PRIVATE_UMASK = 0o077  # what the server and its tools create is the user's alone (0700 / 0600)


def make_private(home: Path) -> None:
    """The server folder and everything in it readable by its owner only: it holds the password
    file, ``data/dbms/auth.ini`` and logs with queries and paths. Also tightens a folder an older
    version created with looser modes."""
    home.mkdir(parents=True, exist_ok=True)
    for root, dirs, files in os.walk(home):
        for name in dirs:
            _chmod(Path(root, name), 0o700)
        for name in files:
            path = Path(root, name)
            _chmod(path, 0o600 if not os.access(path, os.X_OK) else 0o700)
    _chmod(home, 0o700)


def _chmod(path: Path, mode: int) -> None:
    with contextlib.suppress(OSError):
        if not path.is_symlink():
            path.chmod(mode)


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
    path.chmod(0o600)


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def _bolt_answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=1.0):
            return True
    except OSError:
        return False


def password(inst: Instance) -> str:
    """The instance's own password if it has one, else ``NEO4J_PASSWORD``, else the one generated at
    first start (kept with mode 0600)."""
    if inst.password:
        return inst.password
    config.load_dotenv_once()
    env = os.environ.get("NEO4J_PASSWORD")
    if env:
        return env
    if inst.password_file.exists():
        return inst.password_file.read_text(encoding="utf-8").strip()
    generated = secrets.token_urlsafe(18)
    inst.home.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(inst.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(generated + "\n")
    return generated


# --- lifecycle -----------------------------------------------------------------------------


def running_pid(inst: Instance) -> int | None:
    """The pid of our server if its pid file names a live Neo4j process."""
    try:
        pid = int(inst.pidfile.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        try:
            os.kill(pid, 0)
        except OSError:
            return None
        return pid
    return pid if ENTRY_POINT.encode() in cmdline else None


def _tail(path: Path, lines: int = 25) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log yet)"


@dataclass(frozen=True)
class Status:
    running: bool
    pid: int | None
    uri: str
    home: Path


def status(inst: Instance | None = None) -> Status:
    inst = inst or instance()
    pid = running_pid(inst)
    return Status(pid is not None, pid, inst.uri, inst.home)


def start(inst: Instance | None = None, timeout: float = 120.0, echo: Callable[[str], object] = print) -> Status:
    """Start a local server in the background and wait until Bolt answers. Harmless if running.
    Without ``inst``, the user's server (which needs a local ``NEO4J_URI``)."""
    if inst is None:
        cfg = config.settings()
        if not cfg.is_local:
            raise ServerError(
                f"NEO4J_URI={cfg.uri} is not on this machine; `actorgraph neo4j` only manages a local server."
            )
        inst = instance()
    if running_pid(inst):
        return status(inst)
    bolt, http = inst.bolt_port, inst.http_port
    for name, port in (("Bolt", bolt), ("HTTP", http)):
        if not _port_free(port):
            raise ServerError(
                f"Port {port} ({name}) on 127.0.0.1 is taken by another program. Stop it, or choose "
                f"other ports: NEO4J_URI=bolt://127.0.0.1:<port> and ACTORGRAPH_NEO4J_HTTP_PORT=<port>."
            )
    lib = ensure_jars(echo)
    for sub in (inst.conf, inst.data, inst.logs, inst.home / "run", inst.home / "import", inst.home / "plugins"):
        sub.mkdir(mode=0o700, parents=True, exist_ok=True)
    make_private(inst.home)
    _write_private(inst.conf / "neo4j.conf", render_conf(inst))
    env = dict(os.environ, NEO4J_HOME=str(inst.home), NEO4J_CONF=str(inst.conf))
    classpath = f"{lib}/*"
    if not (inst.data / "dbms" / "auth.ini").exists():
        init = subprocess.run(
            # "--": a password may start with "-" (one generated password in 64 did), which the
            # admin tool would otherwise read as an option and fail
            ["java", "-cp", classpath, ADMIN_TOOL, "dbms", "set-initial-password", "--", password(inst)],
            env=env,
            capture_output=True,
            text=True,
            umask=PRIVATE_UMASK,
        )
        if init.returncode != 0:
            raise ServerError(f"Setting the initial password failed:\n{init.stdout}{init.stderr}")
    cmd = [
        "java",
        f"-Xms{inst.heap}",
        f"-Xmx{inst.heap}",
        "-XX:+UseG1GC",
        # No -XX:+ExitOnOutOfMemoryError: Neo4j turns an OutOfMemoryError inside a query into a
        # TransientError for that query and carries on. Some values (a string doubled in a reduce())
        # escape the transaction memory tracking, so with the flag one read-only console query
        # stopped the whole server.
        "-Dfile.encoding=UTF-8",
        "-cp",
        classpath,
        ENTRY_POINT,
        f"--home-dir={inst.home}",
        f"--config-dir={inst.conf}",
    ]
    fd = os.open(inst.console_log, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    with os.fdopen(fd, "ab") as out:
        proc = subprocess.Popen(
            cmd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            cwd=inst.home,
            umask=PRIVATE_UMASK,
        )
    _write_private(inst.pidfile, str(proc.pid))
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            inst.pidfile.unlink(missing_ok=True)
            raise ServerError(
                f"Neo4j exited with code {proc.returncode} while starting. Last log lines:\n"
                f"{_tail(inst.console_log)}\n{_tail(inst.neo4j_log)}"
            )
        if _bolt_answers(bolt) and "Started." in _tail(inst.neo4j_log, 5):
            return status(inst)
        time.sleep(0.25)
    raise ServerError(
        f"Neo4j did not answer on port {bolt} within {timeout:.0f}s. Last log lines:\n{_tail(inst.neo4j_log)}"
    )


def stop(inst: Instance | None = None, timeout: float = 60.0) -> bool:
    """Shut the server down cleanly (SIGTERM, then SIGKILL after ``timeout``); True if one ran."""
    inst = inst or instance()
    pid = running_pid(inst)
    if pid is None:
        inst.pidfile.unlink(missing_ok=True)
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        while _alive(pid):
            time.sleep(0.1)
    inst.pidfile.unlink(missing_ok=True)
    return True


def _alive(pid: int) -> bool:
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reap if it is our child
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:  # a zombie is dead for our purposes
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


def logs(lines: int = 50, inst: Instance | None = None) -> str:
    return _tail((inst or instance()).neo4j_log, lines)


# --- Docker route --------------------------------------------------------------------------


def compose(*args: str) -> int:
    """Run ``docker compose`` with the project's compose file (for machines with an engine)."""
    return subprocess.call(["docker", "compose", *args])
