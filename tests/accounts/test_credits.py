import pytest
from django.urls import reverse
from django_celery_beat.models import PeriodicTask

from accounts.gateways import gateway_for
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
    assert "<h2>SMS</h2>" in text and "</strong> crédits" in text


def test_the_refresh_is_scheduled_in_beat():
    task = PeriodicTask.objects.get(task="accounts.tasks.refresh_credits")
    assert task.enabled and task.interval.every == 10


def test_amounts_finer_than_stored_do_not_count_as_changes(connections):
    from decimal import Decimal

    from django.utils import timezone

    from accounts.gateways import Balance
    from accounts.services import balances_store

    connection = connections[Provider.ALLMYSMS]
    given = [Balance("credits", "SMS", Decimal("12.3456"), "credits")]
    balances_store(connection=connection, balances=given, fetched_at=timezone.now())
    assert balances_store(connection=connection, balances=given, fetched_at=timezone.now()) == (0, 1)
    assert CreditSnapshot.objects.count() == 1


def test_an_older_result_never_overwrites_a_newer_one(connections):
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from accounts.gateways import Balance
    from accounts.services import balances_store

    connection, now = connections[Provider.ALLMYSMS], timezone.now()
    balances_store(connection=connection, balances=[Balance("credits", "SMS", Decimal(900), "credits")], fetched_at=now)
    late = [Balance("credits", "SMS", Decimal(1000), "credits")]
    balances_store(connection=connection, balances=late, fetched_at=now - dt.timedelta(seconds=5))
    assert CreditBalance.objects.get(connection=connection).amount == 900


def test_a_counter_no_longer_reported_is_hidden_with_its_history_kept(connections, sandbox, client, manager):
    credits_refresh()
    connection = connections[Provider.MDWORKS]
    with gateway_for(connection).session(connection) as mdworks:
        mdworks.delete_user(mdworks.list_users()[0].id)
    credits_refresh()
    gone = CreditBalance.objects.get(connection=connection)
    assert not gone.reported and gone.history.exists()
    client.force_login(manager)
    assert f"Quota de {gone.label}" not in client.get(reverse("accounts:credits")).text


def test_unreadable_credentials_fail_that_connection_only_and_show(settings, connections, client, manager):
    from accounts import crypto

    connection = connections[Provider.ECAMPAIGN]
    connection.credentials_encrypted = crypto.fernet().encrypt(b"x").decode()[:-4] + "AAAA"
    connection.save()
    report = credits_refresh()
    assert list(report.failed) == [connection.pk]
    assert CreditBalance.objects.filter(connection=connections[Provider.ALLMYSMS]).exists()
    client.force_login(manager)
    assert "la dernière actualisation a échoué" in client.get(reverse("accounts:credits")).text
