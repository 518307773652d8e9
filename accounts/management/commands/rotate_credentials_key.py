from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts import crypto
from accounts.models import ProviderConnection


class Command(BaseCommand):
    help = (
        "Re-encrypt every provider credential with the first key of CREDENTIALS_KEYS. "
        "To rotate: put a new key first (keep the old one after it), run this, then drop the old key. "
        "--new-key prints a fresh key."
    )

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="print a new Fernet key and stop")

    def handle(self, *args, new_key: bool, **options):
        if new_key:
            self.stdout.write(crypto.new_key())
            return
        rotated = 0
        with transaction.atomic():
            for connection in ProviderConnection.objects.select_for_update():
                try:
                    connection.credentials_encrypted = crypto.rotate(connection.credentials_encrypted)
                except crypto.CredentialsUnreadableError as exc:
                    raise CommandError(
                        f"Connection {connection.pk} ({connection}): {exc}. Nothing was changed."
                    ) from exc
                connection.save(update_fields=["credentials_encrypted"])
                rotated += 1
        self.stdout.write(self.style.SUCCESS(f"{rotated} connection(s) re-encrypted with the first key."))
