"""Every periodic job, defined here in code and written to django-celery-beat's
tables after each ``migrate``. A job is created when missing and never
overwritten: what an admin changed in the admin (interval, enabled) stays."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    task: str
    every_minutes: int
    description: str
    # Also run once when ``manage.py start`` comes up, so the demo shows data at once.
    run_at_start: bool = False


PERIODIC_JOBS = (
    PeriodicJob(
        name="Refresh credit balances",
        task="accounts.tasks.refresh_credits",
        every_minutes=10,
        description="AllMySMS credits, eCampaign credits per route, MDWorks quotas.",
        run_at_start=True,
    ),
)


def schedules_sync(*, app_config, **kwargs) -> None:
    """post_migrate handler: once django-celery-beat's tables are migrated, create
    the missing periodic tasks."""
    if app_config.label != "django_celery_beat":
        return
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    for job in PERIODIC_JOBS:
        if PeriodicTask.objects.filter(name=job.name).exists():
            continue
        interval, _ = IntervalSchedule.objects.get_or_create(every=job.every_minutes, period=IntervalSchedule.MINUTES)
        PeriodicTask.objects.create(name=job.name, task=job.task, interval=interval, description=job.description)
