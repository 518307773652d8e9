from django.apps import AppConfig


class SandboxConfig(AppConfig):
    """Registered only so that ``manage.py sandbox`` exists; the sandbox has no models."""

    name = "backoffice.providers.sandbox"
    label = "sandbox"
    verbose_name = "Provider sandbox"
