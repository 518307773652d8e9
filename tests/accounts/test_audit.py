import pytest
from django.urls import reverse

from accounts import services
from accounts.audit import audit_record
from accounts.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db


def test_no_secret_reaches_the_trail(manager):
    audit_record(
        actor=manager,
        action=AuditAction.CONNECTION_UPDATE,
        detail={"password": "s3cret", "nested": {"api_key": "k3y", "mdworks_password": "p"}, "label": "ok"},
    )
    detail = AuditEvent.objects.get().detail
    assert detail == {"password": "•••", "nested": {"api_key": "•••", "mdworks_password": "•••"}, "label": "ok"}


def test_admins_filter_the_trail(client, admin_user, manager, connections):
    services.connection_test(actor=manager, connection=next(iter(connections.values())))
    client.force_login(admin_user)
    everything = client.get(reverse("accounts:audit")).text
    assert "Connexion ajoutée" in everything and "Connexion testée" in everything
    tests_only = client.get(reverse("accounts:audit"), {"action": "connection.", "outcome": "ok", "actor": "marc"})
    assert "Connexion testée" in tests_only.text
    assert "Connexion ajoutée" not in client.get(reverse("accounts:audit"), {"action": "subaccount."}).text


def test_scheduled_jobs_are_recorded_as_the_system(db):
    event = audit_record(actor=None, action=AuditAction.CONNECTION_TEST)
    assert event.actor is None and event.actor_name == ""
