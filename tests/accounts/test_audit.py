import pytest
from django.urls import reverse

from accounts import services
from accounts.audit import audit_record
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_no_secret_reaches_the_trail(manager):
    audit_record(
        actor=manager,
        action="connection.update",
        detail={"password": "s3cret", "nested": {"api_key": "k3y"}, "label": "ok"},
    )
    detail = AuditEvent.objects.get().detail
    assert detail == {"password": "•••", "nested": {"api_key": "•••"}, "label": "ok"}


def test_admins_filter_the_trail(client, admin_user, manager, connections):
    services.connection_test(actor=manager, connection=next(iter(connections.values())))
    client.force_login(admin_user)
    everything = client.get(reverse("accounts:audit")).text
    assert "connection.create" in everything and "connection.test" in everything
    tests_only = client.get(reverse("accounts:audit"), {"action": "connection.", "outcome": "ok", "actor": "marc"})
    assert "connection.test" in tests_only.text
    assert "connection.create" not in client.get(reverse("accounts:audit"), {"action": "subaccount."}).text


def test_scheduled_jobs_are_recorded_as_the_system(db):
    event = audit_record(actor=None, action="credits.refresh")
    assert event.actor_name == "système"
