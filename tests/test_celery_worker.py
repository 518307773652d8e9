"""A real Celery worker consumes ``ping`` from the embedded (file-system) broker,
and from Redis when one answers (CI always has one)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from celery import Celery

from scripts.reachable import reachable

ROOT = Path(__file__).resolve().parent.parent
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def filesystem_broker(tmp_path: Path) -> tuple[dict, Celery]:
    folder = tmp_path / "broker"
    results = tmp_path / "results"
    for path in (folder / "queue", folder / "control", results):
        path.mkdir(parents=True)
    worker_env = {
        "CELERY_BROKER_URL": "filesystem://",
        "CELERY_BROKER_FOLDER": str(folder),
        "CELERY_RESULT_BACKEND": f"file://{results}",
    }
    probe = Celery("probe", broker="filesystem://", backend=f"file://{results}")
    probe.conf.broker_transport_options = {
        "data_folder_in": str(folder / "queue"),
        "data_folder_out": str(folder / "queue"),
        "control_folder": str(folder / "control"),
    }
    return worker_env, probe


def redis_broker(tmp_path: Path) -> tuple[dict, Celery]:
    if not reachable(REDIS_URL):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI: Redis is not reachable at {REDIS_URL}")
        pytest.skip(f"Redis is not reachable at {REDIS_URL}")
    return {"CELERY_BROKER_URL": REDIS_URL, "CELERY_RESULT_BACKEND": REDIS_URL}, Celery(
        "probe", broker=REDIS_URL, backend=REDIS_URL
    )


@pytest.mark.parametrize("broker", [filesystem_broker, redis_broker], ids=["filesystem", "redis"])
def test_a_real_worker_runs_the_ping_task(tmp_path, broker):
    worker_env, probe = broker(tmp_path)
    env = {**os.environ, **worker_env, "DJANGO_SETTINGS_MODULE": "backoffice.test_settings"}
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "backoffice",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
            "--without-heartbeat",
            "-n",
            f"test-{tmp_path.name}@%h",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        result = probe.send_task("backoffice.tasks.ping")
        assert result.get(timeout=60) == "pong"
    finally:
        worker.terminate()
        output = worker.communicate(timeout=30)[0].decode(errors="replace")
    assert worker.returncode is not None, output
    if REDIS_URL in worker_env.values():
        probe.backend.client.flushdb()
