import contextlib

from django.conf import settings
from django.core.management.base import BaseCommand

from backoffice.providers.sandbox import SandboxServer


class Command(BaseCommand):
    help = "Serve the provider sandbox (AllMySMS, eCampaign, MDWorks) on 127.0.0.1."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=settings.SANDBOX_PORT)

    def handle(self, *args, port: int, **options):
        server = SandboxServer(port=port)
        mounted = ", ".join(f"{server.url}/{name}" for name in server.app.providers) or "no provider yet"
        self.stdout.write(f"Provider sandbox on {server.url} ({mounted}); control API at {server.url}/_sandbox/")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()
