from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from accounts.demo import demo_load


class Command(BaseCommand):
    help = (
        "Create (or refresh) the demo users, sandbox connections and sub-accounts, and print the logins. "
        "Only with DEBUG on."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Demo data has known passwords: it is only loaded with DEBUG=true.")
        users = demo_load()
        self.stdout.write(self.style.SUCCESS("Demo logins:"))
        for demo in users:
            self.stdout.write(f"  {demo.username:<10} {demo.password:<22} ({demo.role.value})")
