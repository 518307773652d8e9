import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from accounts.models import CreditBalance, CreditSnapshot, Provider
from accounts.services import credits_refresh
from accounts.tasks import refresh_credits

pytestmark = pytest.mark.django_db


def test_the_refresh_stores_every_providers_counters(connections):
    report = credits_refresh()
    assert report.failed == {}
    by_provider = {p: CreditBalance.objects.filter(connection=connections[p]) for p in Provider}
    assert by_provider[Provider.ALLMYSMS].get(key="credits").amount == 1000
    routes = by_provider[Provider.ECAMPAIGN]
    assert routes.count() >= 4 and all(balance.key.startswith("route:") for balance in routes)
    assert any(balance.expires_on for balance in routes)


def test_running_the_job_twice_changes_nothing_the_second_time(connections):
    refresh_credits()
    before = list(CreditBalance.objects.values().order_by("pk")), CreditSnapshot.objects.count()
    second = refresh_credits()
    assert second["changed"] == 0 and second["unchanged"] > 0
    assert (list(CreditBalance.objects.values().order_by("pk")), CreditSnapshot.objects.count()) == before


def test_a_change_on_the_provider_adds_a_point_to_the_history(connections, sandbox):
    from backoffice.providers.allmysms.client import AllMySMSClient
    from backoffice.providers.allmysms.results import SmsRecipient

    credits_refresh()
    credentials = connections[Provider.ALLMYSMS].credentials
    AllMySMSClient(
        client_code=credentials["client_code"],
        pass_code=credentials["pass_code"],
        endpoint=connections[Provider.ALLMYSMS].endpoint,
    ).send_sms(message="Bonjour", recipients=[SmsRecipient("0612345678")])
    credits_refresh()
    balance = CreditBalance.objects.get(connection=connections[Provider.ALLMYSMS], key="credits")
    assert balance.amount < 1000
    assert [float(s.amount) for s in balance.history.all()] == [1000.0, float(balance.amount)]


def test_one_provider_failing_does_not_stop_the_others(connections, sandbox):
    from backoffice.providers.sandbox import Fault

    sandbox.app.inject("mdworks", Fault.SERVER_ERROR, times=5)  # more than the retries of a read
    report = credits_refresh()
    assert list(report.failed) == [connections[Provider.MDWORKS].pk]
    assert CreditBalance.objects.filter(connection=connections[Provider.ALLMYSMS]).exists()


def test_the_page_warns_below_the_threshold_and_draws_the_history(client, manager, connections, sandbox):
    connection = connections[Provider.ALLMYSMS]
    connection.low_credit_threshold = 5000
    connection.save()
    credits_refresh()
    client.force_login(manager)
    text = client.get(reverse("accounts:credits")).text
    assert "en dessous du seuil d’alerte" in text
    assert "Crédits SMS" in text


def test_the_refresh_is_scheduled_in_beat():
    task = PeriodicTask.objects.get(task="accounts.tasks.refresh_credits")
    assert task.enabled and task.interval.every == 10
