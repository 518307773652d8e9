"""``manage.py start``: the whole product in the foreground, for a laptop — the
web server, a Celery worker, Celery beat and the provider sandbox. Ctrl-C (or
SIGTERM) stops everything it started, grandchildren included."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import DEMO_USERS
from backoffice.celery import app as celery_app
from backoffice.schedules import PERIODIC_JOBS

GRACE_SECONDS = 10
WARM_UP_DELAY_SECONDS = 5  # lets the sandbox start listening first


@dataclass
class Service:
    name: str
    argv: list[str]
    process: subprocess.Popen | None = None


class Command(BaseCommand):
    help = "Start the web server, a Celery worker, Celery beat and the provider sandbox; Ctrl-C stops them all."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000, help="web server port (default 8000)")

    def handle(self, *args, port: int, **options):
        python = sys.executable
        celery = [python, "-m", "celery", "-A", "backoffice"]
        services = [
            Service("sandbox", [python, "manage.py", "sandbox", "--port", str(settings.SANDBOX_PORT)]),
            Service("web", [python, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"]),
            # Mingle and gossip are worker-to-worker chatter, useless with one worker.
            Service(
                "worker",
                [*celery, "worker", "--loglevel", "INFO", "--concurrency", "2", "--without-mingle", "--without-gossip"],
            ),
            Service("beat", [*celery, "beat", "--loglevel", "INFO"]),
        ]
        stop = threading.Event()
        for signum in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signum, lambda *_: stop.set())
        try:
            for service in services:
                self._spawn(service)
            self._banner(port)
            self._warm_up()
            while not stop.wait(0.5):
                dead = [s for s in services if s.process.poll() is not None]
                if dead:
                    raise CommandError(
                        f"{dead[0].name} stopped (exit {dead[0].process.returncode}); stopping the rest."
                    )
        finally:
            self._stop_all(services)

    def _banner(self, port: int) -> None:
        lines = [f"Back-office: http://127.0.0.1:{port}/", f"Provider sandbox: {settings.SANDBOX_URL}/_sandbox/"]
        if settings.DEBUG:
            lines += [f"  login {demo.username:<10} password {demo.password}" for demo in DEMO_USERS]
        lines.append("Ctrl-C stops everything.")
        self.stdout.write(self.style.SUCCESS("\n" + "\n".join(lines) + "\n"))

    def _warm_up(self) -> None:
        """Queue the jobs marked ``run_at_start`` through the broker, as beat would."""
        for job in PERIODIC_JOBS:
            if job.run_at_start:
                celery_app.send_task(job.task, countdown=WARM_UP_DELAY_SECONDS)

    def _spawn(self, service: Service) -> None:
        # Each service leads its own process group, so that stopping it reaches the
        # worker's pool processes too; the terminal's Ctrl-C reaches only us.
        service.process = subprocess.Popen(  # noqa: S603 - our own argv, no shell
            service.argv,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            bufsize=1,
            start_new_session=True,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        threading.Thread(target=self._relay, args=(service,), daemon=True).start()

    def _relay(self, service: Service) -> None:
        for line in service.process.stdout:
            self.stdout.write(f"{service.name:>8} | {line.rstrip()}")

    def _stop_all(self, services: list[Service]) -> None:
        running = [s for s in services if s.process and s.process.poll() is None]
        for service in running:
            # The leader only: a Celery worker then stops its own pool cleanly.
            service.process.terminate()
        deadline = time.monotonic() + GRACE_SECONDS
        for service in running:
            with contextlib.suppress(subprocess.TimeoutExpired):
                service.process.wait(max(0.1, deadline - time.monotonic()))
        for service in services:
            # Whatever is left in a group (a stuck pool child) is killed outright.
            if service.process:
                self._signal(service, signal.SIGKILL)
                service.process.wait()
        self.stdout.write("All services stopped.")

    @staticmethod
    def _signal(service: Service, signum: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(service.process.pid, signum)
