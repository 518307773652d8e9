from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """The back-office user. Its role is the group it belongs to (see ``accounts.roles``)."""
