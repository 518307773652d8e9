from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    """The project package as an app: the dashboard, the ``ping`` task and ``manage.py run``."""

    name = "backoffice"
    verbose_name = "Back-office"
