"""Demo data for ``make run``: three users, one per role. Known passwords, so
that a new user can log in at once; refused when DEBUG is off."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction

from .models import User
from .roles import Role


@dataclass(frozen=True)
class DemoUser:
    username: str
    password: str
    role: Role
    first_name: str
    last_name: str


DEMO_USERS = (
    DemoUser("admin", "demo-admin-2026", Role.ADMIN, "Alice", "Admin"),
    DemoUser("manager", "demo-manager-2026", Role.ACCOUNT_MANAGER, "Marc", "Gestionnaire"),
    DemoUser("marketing", "demo-marketing-2026", Role.MARKETING, "Manon", "Marketing"),
)


@transaction.atomic
def demo_users_load() -> list[DemoUser]:
    """Create the demo users, or put back their role and password if they exist."""
    for demo in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=demo.username)
        user.first_name, user.last_name = demo.first_name, demo.last_name
        user.email = f"{demo.username}@demo.example"
        user.is_staff = user.is_superuser = demo.role is Role.ADMIN
        user.set_password(demo.password)
        user.save()
        user.groups.set([Group.objects.get(name=demo.role.value)])
    return list(DEMO_USERS)
