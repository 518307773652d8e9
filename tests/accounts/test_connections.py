import pytest
from django.core.management import call_command
from django.db import connection as db_connection
from django.urls import reverse

from accounts import crypto, services
from accounts.models import AuditEvent, Provider, ProviderConnection
from backoffice.providers.sandbox import Fault

pytestmark = pytest.mark.django_db


def test_a_manager_adds_a_connection_and_its_secret_is_never_shown_back(client, manager, sandbox):
    client.force_login(manager)
    response = client.post(
        reverse("accounts:connection_create", args=["mdworks"]),
        {
            "label": "Agence",
            "endpoint": f"{sandbox.url}/mdworks",
            "enabled": "on",
            "credential_api_key": "demo-api-key",
        },
    )
    assert response.status_code == 302
    connection = ProviderConnection.objects.get(label="Agence")
    assert connection.credentials == {"api_key": "demo-api-key"}
    assert connection.login.startswith("…-key #")
    for url in (reverse("accounts:connection_list"), reverse("accounts:connection_edit", args=[connection.pk])):
        assert "demo-api-key" not in client.get(url).text


def test_credentials_are_not_readable_in_the_database(connections):
    with db_connection.cursor() as cursor:
        cursor.execute("SELECT credentials_encrypted FROM accounts_providerconnection")
        stored = " ".join(row[0] for row in cursor.fetchall())
    assert "demo-pass" not in stored and "demo-api-key" not in stored


def test_a_database_dump_does_not_reveal_credentials(connections, capsys):
    call_command("dumpdata", "accounts.providerconnection")
    dump = capsys.readouterr().out
    assert "credentials_encrypted" in dump and "demo-pass" not in dump and "demo-api-key" not in dump


def test_editing_with_a_blank_secret_keeps_the_stored_one(client, manager, connections):
    connection = connections[Provider.ALLMYSMS]
    client.force_login(manager)
    client.post(
        reverse("accounts:connection_edit", args=[connection.pk]),
        {
            "label": "Renamed",
            "endpoint": connection.endpoint,
            "enabled": "on",
            "credential_client_code": "demo",
            "credential_pass_code": "",
        },
    )
    connection.refresh_from_db()
    assert connection.label == "Renamed"
    assert connection.credentials["pass_code"] == "demo-pass"


def test_an_invalid_endpoint_is_refused_and_named(client, manager):
    client.force_login(manager)
    response = client.post(
        reverse("accounts:connection_create", args=["ecampaign"]),
        {
            "label": "X",
            "endpoint": "not a url",
            "credential_user": "u",
            "credential_password": "p",
        },
    )
    assert response.status_code == 200
    assert "Saisissez une URL valide" in response.text
    assert not ProviderConnection.objects.exists()


@pytest.mark.parametrize("provider", list(Provider))
def test_testing_a_sandbox_connection_shows_the_providers_answer(client, manager, connections, provider):
    connection = connections[provider]
    client.force_login(manager)
    response = client.post(reverse("accounts:connection_test", args=[connection.pk]), HTTP_HX_REQUEST="true")
    connection.refresh_from_db()
    assert connection.last_check_ok is True, connection.last_check_message
    assert connection.last_check_message in response.text
    assert AuditEvent.objects.filter(action="connection.test", success=True, target_id=str(connection.pk)).exists()


def test_wrong_credentials_are_reported_in_plain_words(manager, connections):
    connection = connections[Provider.MDWORKS]
    services.connection_update(
        actor=manager,
        connection=connection,
        label=connection.label,
        endpoint=connection.endpoint,
        credentials={"api_key": "wrong-key"},
        enabled=True,
        low_credit_threshold=None,
    )
    ok, message = services.connection_test(actor=manager, connection=connection)
    assert not ok
    assert "IP" in message  # the hint about declaring the IP address
    assert "wrong-key" not in AuditEvent.objects.filter(action="connection.test").get().message


def test_a_provider_failure_is_shown_not_swallowed(manager, connections, sandbox):
    sandbox.app.inject("allmysms", Fault.HTML_PAGE, times=5)  # more than the retries of a read
    ok, message = services.connection_test(actor=manager, connection=connections[Provider.ALLMYSMS])
    assert not ok and message


def test_disabling_a_connection_is_recorded(client, manager, connections):
    connection = connections[Provider.ECAMPAIGN]
    client.force_login(manager)
    client.post(reverse("accounts:connection_toggle", args=[connection.pk]))
    connection.refresh_from_db()
    assert not connection.enabled
    assert AuditEvent.objects.filter(action="connection.disable", actor_name="marc").exists()


def test_key_rotation_keeps_credentials_usable(settings, connections):
    expected = {connection.pk: connection.credentials for connection in connections.values()}
    old_key, new_key = settings.CREDENTIALS_KEYS[0], crypto.new_key()
    settings.CREDENTIALS_KEYS = [new_key, old_key]
    call_command("rotate_credentials_key")
    settings.CREDENTIALS_KEYS = [new_key]
    for connection in ProviderConnection.objects.all():
        assert connection.credentials == expected[connection.pk]


def test_rotation_refuses_when_no_key_reads_the_credentials(settings, connections):
    settings.CREDENTIALS_KEYS = [crypto.new_key()]
    with pytest.raises(Exception, match="Nothing was changed"):
        call_command("rotate_credentials_key")


def test_a_new_endpoint_needs_the_secret_again(client, manager, connections):
    connection = connections[Provider.ALLMYSMS]
    client.force_login(manager)
    response = client.post(reverse("accounts:connection_edit", args=[connection.pk]), {
        "label": connection.label, "endpoint": "http://127.0.0.1:9/elsewhere", "enabled": "on",
        "credential_client_code": "demo", "credential_pass_code": "",
    })  # fmt: skip
    assert response.status_code == 200 and "l’adresse du service a changé" in response.text
    connection.refresh_from_db()
    assert connection.endpoint.endswith("/allmysms/soap/server.php")


def test_the_same_login_twice_is_refused_in_the_form(client, manager, connections):
    existing = connections[Provider.MDWORKS]
    client.force_login(manager)
    response = client.post(reverse("accounts:connection_create", args=["mdworks"]), {
        "label": "Encore", "endpoint": existing.endpoint, "enabled": "on", "credential_api_key": "demo-api-key",
    })  # fmt: skip
    assert response.status_code == 200 and "existe déjà" in response.text
    assert ProviderConnection.objects.filter(provider=Provider.MDWORKS).count() == 1


def test_testing_a_connection_whose_credentials_cannot_be_read_says_so(manager, connections, settings):
    settings.CREDENTIALS_KEYS = [crypto.new_key()]
    ok, message = services.connection_test(actor=manager, connection=connections[Provider.MDWORKS])
    assert not ok and "ne sont pas lisibles" in message
