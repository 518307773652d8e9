"""The audit trail: one call records who did what, when, with what result."""

from __future__ import annotations

from django.db import models

from .models import AuditAction, AuditEvent

# A key containing any of these never has its value in the trail, wherever it appears.
SECRET_KEY_PARTS = ("pass", "key", "secret", "token", "credential", "motdepasse")


def _is_secret(key: str) -> bool:
    return any(part in key.lower() for part in SECRET_KEY_PARTS)


def _without_secrets(value: object) -> object:
    if isinstance(value, dict):
        return {k: ("•••" if _is_secret(str(k)) else _without_secrets(v)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_without_secrets(v) for v in value]
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


def audit_record(
    *,
    actor,
    action: AuditAction,
    target: models.Model | None = None,
    provider: str = "",
    success: bool = True,
    message: str = "",
    detail: dict | None = None,
) -> AuditEvent:
    """Record one event. ``actor`` is a user, or None for the scheduled jobs."""
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if is_user else None,
        actor_name=actor.get_username() if is_user else "",
        action=action,
        provider=provider,
        target_type=target._meta.model_name if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_repr=str(target)[:200] if target is not None else "",
        success=success,
        message=str(message)[:2000],
        detail=_without_secrets(detail or {}),
    )
