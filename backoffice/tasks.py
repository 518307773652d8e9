from celery import shared_task


@shared_task
def ping() -> str:
    """Answers "pong": proves a worker is consuming from the broker."""
    return "pong"
