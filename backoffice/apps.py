from django.apps import AppConfig
from django.db.models.signals import post_migrate


class BackofficeConfig(AppConfig):
    """The project package as an app: the dashboard, the ``ping`` task, the periodic
    schedules and ``manage.py start``."""

    name = "backoffice"
    verbose_name = "Back-office"

    def ready(self) -> None:
        from .schedules import schedules_sync

        # Not ``sender=self``: Django only signals apps that have models.
        post_migrate.connect(schedules_sync, dispatch_uid="backoffice.schedules_sync")
