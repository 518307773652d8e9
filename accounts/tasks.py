from celery import shared_task

from .services import credits_refresh


@shared_task(acks_late=True)
def refresh_credits() -> dict:
    """Periodic: refresh every enabled connection's credit balances (idempotent).
    One provider failing does not stop the others; each failure is logged."""
    report = credits_refresh()
    return {"changed": report.changed, "unchanged": report.unchanged, "failed": report.failed}
