"""``manage.py start`` (what ``make run`` ends with) brings up the web server, the
worker, beat and the sandbox on the demo data; the worker runs the credits job
through the embedded broker; Ctrl-C leaves no process behind."""

import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for(url: str, deadline: float) -> httpx.Response:
    while True:
        try:
            return httpx.get(url, timeout=2)
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def wait_for_rows(database: Path, table: str, minimum: int, deadline: float) -> int:
    while True:
        with sqlite3.connect(database) as db:
            count = db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]  # noqa: S608 - our table name
        if count >= minimum or time.monotonic() > deadline:
            return count
        time.sleep(0.5)


def test_start_serves_everything_and_ctrl_c_stops_every_process(tmp_path):
    web_port, sandbox_port = free_port(), free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "backoffice.settings",
        "DEBUG": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "CELERY_BROKER_FOLDER": str(tmp_path / "broker"),
        "SANDBOX_PORT": str(sandbox_port),
    }
    for command in (["migrate", "-v0"], ["load_demo_data"]):
        subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=120,
                       capture_output=True)  # fmt: skip
    start = subprocess.Popen(
        [sys.executable, "manage.py", "start", "--port", str(web_port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        deadline = time.monotonic() + 90
        login = wait_for(f"http://127.0.0.1:{web_port}/accounts/login/", deadline)
        assert login.status_code == 200 and "Se connecter" in login.text
        assert wait_for(f"http://127.0.0.1:{sandbox_port}/_sandbox/", deadline).status_code == 200
        # The worker and beat are up too: four services, each with its process group.
        while len(started := descendants(start.pid)) < 4 and time.monotonic() < deadline:
            time.sleep(0.3)
        assert len(started) >= 4
        # The worker ran the credits job queued at start, against the sandbox.
        # One connection's balances land at a time: wait for one per provider at least.
        assert wait_for_rows(tmp_path / "db.sqlite3", "accounts_creditbalance", 3, deadline) >= 3
    finally:
        start.send_signal(signal.SIGINT)
        output = start.communicate(timeout=60)[0]
    assert "All services stopped." in output, output[-3000:]
    time.sleep(0.5)
    assert [pid for pid in started if alive(pid)] == []
