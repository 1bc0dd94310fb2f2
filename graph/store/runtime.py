"""Where the local server's code comes from: Neo4j 5.26 Community's jars from Maven Central.

The ``org.neo4j:neo4j`` artifact on Maven Central carries the whole Community server (kernel,
Cypher, Bolt connector, the ``CommunityEntryPoint`` main class and ``neo4j-admin``'s
``AdminTool``), so ``mvn dependency:copy-dependencies`` once into a cache outside the repository is
all the download there is; later starts need no network. Java 17+ runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from ..errors import ServerError

NEO4J_VERSION = os.environ.get("ACTORGRAPH_NEO4J_VERSION", "5.26.30")
ENTRY_POINT = "org.neo4j.server.CommunityEntryPoint"
ADMIN_TOOL = "org.neo4j.cli.AdminTool"

_POM = """<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>actorgraph</groupId><artifactId>neo4j-runtime</artifactId><version>1</version>
  <packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.neo4j</groupId><artifactId>neo4j</artifactId><version>{version}</version></dependency>
  </dependencies>
</project>
"""


def cache_dir() -> Path:
    """Where the server's jars are kept, outside any repository, shared by all checkouts."""
    base = os.environ.get("ACTORGRAPH_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "actorgraph"
    )
    return Path(base) / f"neo4j-{NEO4J_VERSION}"


def java_major() -> int | None:
    """The major version of the ``java`` on PATH, or None without one."""
    java = shutil.which("java")
    if not java:
        return None
    out = subprocess.run([java, "-version"], capture_output=True, text=True).stderr
    for token in out.replace('"', " ").split():
        if token[:1].isdigit():
            head = token.split(".")[0]
            major = int(token.split(".")[1]) if head == "1" else int(head.split("-")[0])
            return major
    return None


def docker_engine_available() -> bool:
    """True only when a Docker engine answers (the client alone is not enough)."""
    if not shutil.which("docker"):
        return False
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


def check_prerequisites() -> None:
    """One error naming what to install when neither route to a server is open."""
    major = java_major()
    have_jars = (cache_dir() / "lib").is_dir()
    if major is not None and major >= 17 and (have_jars or shutil.which("mvn")):
        return
    problems = []
    if major is None:
        problems.append("no `java` on PATH")
    elif major < 17:
        problems.append(f"java {major} is too old (Neo4j 5.26 needs Java 17 or 21)")
    if not have_jars and not shutil.which("mvn"):
        problems.append("no `mvn` on PATH to fetch the server from Maven Central")
    raise ServerError(
        "Cannot run Neo4j here: " + "; ".join(problems) + ". Install Java 17+ and Maven "
        "(Debian/Ubuntu: `apt-get install openjdk-17-jre-headless maven`), or Docker and use "
        "`docker compose up`, or point NEO4J_URI at a running Neo4j 5."
    )


def ensure_jars(echo: Callable[[str], object] = print) -> Path:
    """Resolve the server's jars with Maven once; return the folder holding them."""
    lib = cache_dir() / "lib"
    if lib.is_dir() and any(lib.glob("neo4j-kernel-*.jar")):
        return lib
    check_prerequisites()
    cache_dir().mkdir(parents=True, exist_ok=True)
    echo(f"Fetching Neo4j {NEO4J_VERSION} from Maven Central into {lib} (once) ...")
    with tempfile.TemporaryDirectory(prefix="actorgraph-mvn-") as tmp:
        (Path(tmp) / "pom.xml").write_text(_POM.format(version=NEO4J_VERSION), encoding="utf-8")
        partial = cache_dir() / "lib.partial"
        shutil.rmtree(partial, ignore_errors=True)
        proc = subprocess.run(
            [
                "mvn",
                "-B",
                "-q",
                "dependency:copy-dependencies",
                f"-DoutputDirectory={partial}",
                "-DincludeScope=runtime",
            ],
            cwd=tmp,
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            tail = "\n".join((proc.stdout + proc.stderr).strip().splitlines()[-15:])
            raise ServerError(f"Maven could not fetch org.neo4j:neo4j:{NEO4J_VERSION}:\n{tail}")
        partial.rename(lib)  # atomic: a half download never looks complete
    return lib
