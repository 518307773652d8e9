"""Roles are Django groups created by a data migration. This module is the one
permission helper every view goes through (``role_required``)."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _


class Role(StrEnum):
    ADMIN = "admin"
    ACCOUNT_MANAGER = "account_manager"
    MARKETING = "marketing"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.ADMIN: _("Administrator"),
    Role.ACCOUNT_MANAGER: _("Account manager"),
    Role.MARKETING: _("Marketing"),
}

ALL_ROLES = tuple(Role)
MANAGERS = (Role.ADMIN, Role.ACCOUNT_MANAGER)


def user_roles(user) -> frozenset[Role]:
    """The roles of ``user``; a superuser holds every role. Cached on the user object
    for the request."""
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        if user.is_superuser:
            cached = frozenset(Role)
        else:
            names = set(user.groups.values_list("name", flat=True))
            cached = frozenset(role for role in Role if role.value in names)
        user._roles_cache = cached
    return cached


def has_role(user, *roles: Role) -> bool:
    return bool(user_roles(user) & set(roles))


def role_required(*roles: Role) -> Callable:
    """View decorator: the user must be logged in (LoginRequiredMiddleware sees to
    that) and hold one of ``roles``; otherwise 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not has_role(request.user, *roles):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.required_roles = roles
        return wrapper

    return decorator
