"""N workers of a Flet app behind HAProxy: cookie affinity, health checks, failover.

A Flet session lives in the memory of the worker that created it, so every
request of a tab (its assets and its websocket) must reach the same worker:
HAProxy inserts a ``SERVERID`` cookie naming it. When that worker dies,
``option redispatch`` sends the tab's reconnect to a live worker, where Flet
starts a new session. Health checks every 500 ms take a dead worker out of
rotation; ``timeout tunnel`` keeps idle websockets open for an hour.

    python -m deploy.scaleout examples.store --workers 2 --port 8080 -- --strategy hash

Everything listens on 127.0.0.1. Ctrl-C stops HAProxy and the workers.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HAPROXY = os.environ.get("NAVKIT_HAPROXY", "/usr/sbin/haproxy")
HOST = "127.0.0.1"
COOKIE = "SERVERID"
CONFIG = """\
global
    stats socket {socket} mode 600 level admin

defaults
    mode http
    option redispatch 1
    retries 2
    timeout connect 500ms
    timeout client 30s
    timeout server 30s
    timeout tunnel 1h
    default-server inter 500ms fastinter 250ms downinter 100ms fall 2 rise 2

frontend web
    bind {host}:{port}
    default_backend workers

backend workers
    balance roundrobin
    cookie {cookie} insert indirect nocache
    option httpchk GET /
{servers}
"""


def free_port() -> int:
    """A port nobody listens on now, on 127.0.0.1."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


class Balancer:
    """HAProxy on ``base`` in front of ``workers`` processes of ``python -m module *args``.

    Worker ``i`` is HAProxy's server ``w{i}`` and the ``SERVERID`` cookie value
    ``"w{i}"``. Its output is appended to ``log(i)`` across restarts.
    """

    def __init__(
        self, module: str, args: Sequence[str] = (), workers: int = 2, port: int = 0
    ) -> None:
        self.module, self.args = module, list(args)
        self.port = port or free_port()
        self.base = f"http://{HOST}:{self.port}"
        self.dir = Path(tempfile.mkdtemp(prefix="navkit-scaleout-"))
        self.ports = [free_port() for _ in range(workers)]
        self.workers: list[subprocess.Popen[bytes] | None] = [None] * workers
        self.haproxy: subprocess.Popen[bytes] | None = None
        self.socket = self.dir / "haproxy.sock"
        servers = [
            f"    server w{i} {HOST}:{p} cookie w{i} check" for i, p in enumerate(self.ports)
        ]
        config = self.dir / "haproxy.cfg"
        config.write_text(
            CONFIG.format(
                socket=self.socket, host=HOST, port=self.port, cookie=COOKIE,
                servers="\n".join(servers),
            )
        )  # fmt: skip
        try:
            for i in range(workers):
                self._spawn(i)
            with (self.dir / "haproxy.log").open("ab") as log:
                self.haproxy = subprocess.Popen(
                    [HAPROXY, "-f", str(config), "-db"], stdout=log, stderr=subprocess.STDOUT
                )
            for i in range(workers):
                self.wait_ready(i)
        except BaseException:
            self.stop()
            raise

    def _spawn(self, i: int) -> None:
        command = [sys.executable, "-m", self.module, "--port", str(self.ports[i]), *self.args]
        env = {**os.environ, "PYTHONUNBUFFERED": "1", "FLET_FORCE_WEB_SERVER": "true"}
        with (self.dir / f"w{i}.log").open("ab") as log:
            self.workers[i] = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
            )

    def alive(self, i: int) -> bool:
        """True while worker ``i``'s process runs."""
        worker = self.workers[i]
        return worker is not None and worker.poll() is None

    def status(self) -> dict[str, str]:
        """HAProxy's view of each worker, from its stats socket: ``{"w0": "UP", ...}``."""
        with socket.socket(socket.AF_UNIX) as sock:
            sock.connect(str(self.socket))
            sock.sendall(b"show stat\n")
            data = b"".join(iter(lambda: sock.recv(65536), b"")).decode()
        rows = [line.split(",") for line in data.splitlines() if line.startswith("workers,w")]
        return {row[1]: row[17] for row in rows}  # column 17: status

    def _ready(self, i: int) -> bool:
        if not self.alive(i):
            raise RuntimeError(f"worker {i} exited:\n{self.log(i)[-3000:]}")
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.ports[i]}/", timeout=2) as reply:
                serving = reply.status == 200
        except OSError:
            return False
        return serving and self.socket.exists() and self.status().get(f"w{i}") == "UP"

    def wait_ready(self, i: int, timeout: float = 60.0) -> None:
        """Wait until worker ``i`` serves and HAProxy has it in rotation."""
        deadline = time.monotonic() + timeout
        while not self._ready(i):
            if time.monotonic() > deadline:
                raise TimeoutError(f"worker {i} not in rotation within {timeout:g} s")
            time.sleep(0.1)

    def kill(self, i: int) -> None:
        """SIGKILL worker ``i``, as a crash would: its sessions are gone."""
        worker = self.workers[i]
        if worker is not None and worker.poll() is None:
            worker.send_signal(signal.SIGKILL)
            worker.wait()

    def restart(self, i: int, wait: bool = True) -> None:
        """Start worker ``i`` again on its port; by default wait until it is in rotation."""
        self.kill(i)
        self._spawn(i)
        if wait:
            self.wait_ready(i)

    def worker_of_cookie(self, value: str) -> int:
        """The worker a ``SERVERID`` cookie value names: ``"w1"`` -> 1."""
        return int(value.removeprefix("w"))

    def worker_of(self, cookies: Iterable[Mapping[str, Any]]) -> int | None:
        """The worker a browser's cookies (Playwright's ``context.cookies()``) stick to."""
        for cookie in cookies:
            if cookie["name"] == COOKIE:
                return self.worker_of_cookie(str(cookie["value"]))
        return None

    def log(self, i: int | str) -> str:
        """What worker ``i`` (or ``"haproxy"``) printed so far."""
        path = self.dir / (f"w{i}.log" if isinstance(i, int) else f"{i}.log")
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        """Stop HAProxy, then the workers (SIGTERM; SIGKILL after 5 s)."""
        for process in (self.haproxy, *self.workers):
            if process is None or process.poll() is not None:
                continue
            process.terminate()
            try:
                process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


def main(argv: list[str] | None = None) -> None:
    """The CLI: start the balancer, print its address, run until Ctrl-C."""
    parser = argparse.ArgumentParser(prog="python -m deploy.scaleout", description=__doc__)
    parser.add_argument("module", help="the app's module, e.g. examples.store")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--port", type=int, default=8080, help="HAProxy's port")
    argv = sys.argv[1:] if argv is None else argv
    cut = argv.index("--") if "--" in argv else len(argv)
    args = parser.parse_args(argv[:cut])  # what follows "--" goes to every worker
    for number in (signal.SIGINT, signal.SIGTERM):  # even where a shell ignores SIGINT
        signal.signal(number, signal.default_int_handler)
    balancer = Balancer(args.module, argv[cut + 1 :], workers=args.workers, port=args.port)
    try:
        ports = ", ".join(map(str, balancer.ports))
        print(
            f"{args.module}: {balancer.base}/ (workers on ports {ports}); Ctrl-C to stop",
            flush=True,
        )
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        balancer.stop()


if __name__ == "__main__":
    main()
