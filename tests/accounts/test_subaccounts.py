import pytest
from django.urls import reverse

from accounts.gateways import gateway_for
from accounts.models import AuditEvent, Provider, SubAccount
from backoffice.providers.sandbox import Fault

pytestmark = pytest.mark.django_db


def form(connections, **overrides):
    data = {
        "name": "Boulangerie Martin",
        "contact_email": "contact@martin.example",
        "quota": "5000",
        "ip_pool": "",
        "on_mdworks": "on",
        "mdworks_connection": connections[Provider.MDWORKS].pk,
        "mdworks_login": "martinbou",
        "mdworks_password": "Secret-pass-123",
        "on_allmysms": "on",
        "allmysms_connection": connections[Provider.ALLMYSMS].pk,
        "allmysms_login": "martinbou",
        "allmysms_password": "Secret-pass-123",
        "first_name": "Paul",
        "last_name": "Martin",
        "mobile": "0612345678",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


def remote_user_list(connections):
    connection = connections[Provider.MDWORKS]
    return gateway_for(connection).client(connection).list_users()


def remote_users(connections):
    return {user.login: user for user in remote_user_list(connections)}


def test_a_manager_creates_a_sub_account_on_both_providers(client, manager, connections):
    client.force_login(manager)
    response = client.post(reverse("accounts:subaccount_create"), form(connections), follow=True)
    sub_account = SubAccount.objects.get()
    assert sub_account.mdworks_user_id == remote_users(connections)["martinbou"].id
    assert sub_account.allmysms_created
    assert f"#{sub_account.mdworks_user_id}" in response.text
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"subaccount.create", "subaccount.provider_create"} <= actions


def test_provider_rules_are_checked_before_any_call_each_naming_its_field(client, manager, connections):
    client.force_login(manager)
    response = client.post(
        reverse("accounts:subaccount_create"),
        form(connections, mdworks_login="é-bad", mdworks_password="short", first_name=""),
    )
    assert response.status_code == 200
    text = response.text
    assert text.count('class="field-error"') >= 3
    assert not SubAccount.objects.exists() and "martinbou" not in remote_users(connections)


def test_when_one_provider_refuses_the_other_is_kept_and_the_rest_can_be_retried(client, manager, connections, sandbox):
    sandbox.app.inject("allmysms", Fault.SERVER_ERROR, match="createSubAccount")
    client.force_login(manager)
    response = client.post(reverse("accounts:subaccount_create"), form(connections), follow=True)
    sub_account = SubAccount.objects.get()
    assert sub_account.mdworks_user_id is not None and sub_account.allmysms_pending
    assert "AllMySMS a refusé" in response.text
    response = client.post(
        reverse("accounts:subaccount_retry", args=[sub_account.pk]),
        {"allmysms_password": "Secret-pass-123"},
        follow=True,
    )
    sub_account.refresh_from_db()
    assert sub_account.allmysms_created
    assert [user.login for user in remote_user_list(connections)].count("martinbou") == 1


def test_a_retry_after_an_unanswered_creation_never_duplicates_the_mdworks_user(client, manager, connections, sandbox):
    # The truncated answer comes after MDWorks created the user: we never heard its id.
    sandbox.app.inject("mdworks", Fault.TRUNCATED, match="user_create")
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None))
    sub_account = SubAccount.objects.get()
    assert sub_account.mdworks_pending
    client.post(reverse("accounts:subaccount_retry", args=[sub_account.pk]), {"mdworks_password": "Secret-pass-123"})
    sub_account.refresh_from_db()
    assert sub_account.mdworks_user_id == remote_users(connections)["martinbou"].id
    assert [user.login for user in remote_user_list(connections)].count("martinbou") == 1


def test_changing_the_quota_changes_it_on_mdworks(client, manager, connections):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections))
    sub_account = SubAccount.objects.get()
    client.post(
        reverse("accounts:subaccount_edit", args=[sub_account.pk]),
        {
            "name": sub_account.name,
            "contact_email": sub_account.contact_email,
            "quota": "7500",
            "ip_pool": "",
        },
    )
    sub_account.refresh_from_db()
    assert sub_account.quota == 7500
    assert remote_users(connections)["martinbou"].quota == 7500
    assert AuditEvent.objects.filter(action="subaccount.update", detail__changed__quota=7500).exists()


def test_a_refused_change_changes_nothing_here(client, manager, connections, sandbox):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections))
    sub_account = SubAccount.objects.get()
    sandbox.app.inject("mdworks", Fault.SERVER_ERROR, match="user_update", times=5)  # beyond the retries
    response = client.post(
        reverse("accounts:subaccount_edit", args=[sub_account.pk]),
        {
            "name": "Nouveau nom",
            "contact_email": sub_account.contact_email,
            "quota": "7500",
            "ip_pool": "",
        },
        follow=True,
    )
    sub_account.refresh_from_db()
    assert sub_account.quota == 5000 and sub_account.name == "Boulangerie Martin"
    assert "MDWorks a refusé la modification" in response.text


def test_deleting_is_refused_once_the_sub_account_sent_a_campaign(client, manager, connections, sandbox):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None))
    sub_account = SubAccount.objects.get()
    sandbox.app.providers["mdworks"].send_campaign(user_id=sub_account.mdworks_user_id)
    response = client.post(reverse("accounts:subaccount_delete", args=[sub_account.pk]), follow=True)
    assert SubAccount.objects.filter(pk=sub_account.pk).exists()
    assert "MDWorks a refusé la suppression" in response.text


def test_deleting_removes_the_mdworks_user(client, manager, connections):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None))
    sub_account = SubAccount.objects.get()
    client.post(reverse("accounts:subaccount_delete", args=[sub_account.pk]))
    assert not SubAccount.objects.exists()
    assert "martinbou" not in remote_users(connections)


def test_existing_mdworks_users_can_be_imported_once(client, manager, connections):
    connection = connections[Provider.MDWORKS]
    mdworks = gateway_for(connection).client(connection)
    user_id = mdworks.create_user(login="dupontsa", password="Secret-pass-123", quota=1000, name="Dupont SA")
    client.force_login(manager)
    page = client.get(reverse("accounts:subaccount_import", args=[connection.pk])).text
    assert "dupontsa" in page
    for _ in range(2):
        client.post(reverse("accounts:subaccount_import", args=[connection.pk]), {"user_id": [str(user_id)]})
    imported = SubAccount.objects.get(mdworks_user_id=user_id)
    assert (imported.name, imported.quota, imported.mdworks_login) == ("Dupont SA", 1000, "dupontsa")


def test_the_list_searches_filters_and_paginates(client, manager):
    for number in range(25):
        SubAccount.objects.create(name=f"Client {number:02}", contact_email=f"c{number}@example.test", quota=10)
    client.force_login(manager)
    first = client.get(reverse("accounts:subaccount_list")).text
    assert "Client 00" in first and "Client 24" not in first and "Page 1 sur 2" in first
    found = client.get(reverse("accounts:subaccount_list"), {"q": "client 24"}, HTTP_HX_REQUEST="true").text
    assert "Client 24" in found and "Client 00" not in found


def test_a_login_existing_on_mdworks_is_refused_not_taken_over(client, manager, connections):
    connection = connections[Provider.MDWORKS]
    with gateway_for(connection).session(connection) as mdworks:
        mdworks.create_user(login="martinbou", password="Someone-else-123", quota=10)
    client.force_login(manager)
    response = client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None), follow=True)
    sub_account = SubAccount.objects.get()
    assert sub_account.mdworks_pending and sub_account.mdworks_user_id is None
    assert "MDWorks a refusé" in response.text


def test_a_login_used_by_another_sub_account_is_refused_in_the_form(client, manager, connections):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None))
    response = client.post(reverse("accounts:subaccount_create"), form(connections, name="Autre", on_allmysms=None))
    assert response.status_code == 200
    assert "Un autre sous-compte utilise cet identifiant" in response.text
    assert SubAccount.objects.count() == 1


def test_a_bad_allmysms_login_after_an_unanswered_attempt_is_not_taken_as_created(
    client, manager, connections, sandbox
):
    sandbox.app.inject("allmysms", Fault.TRUNCATED, match="createSubAccount")
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_mdworks=None, allmysms_login="x"))
    sub_account = SubAccount.objects.get()
    assert sub_account.allmysms_uncertain and not sub_account.allmysms_created
    client.post(reverse("accounts:subaccount_retry", args=[sub_account.pk]), {"allmysms_password": "Secret-pass-123"})
    sub_account.refresh_from_db()
    assert not sub_account.allmysms_created


def test_a_user_mdworks_no_longer_knows_is_deleted_here(client, manager, connections):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None))
    sub_account = SubAccount.objects.get()
    with gateway_for(connections[Provider.MDWORKS]).session(connections[Provider.MDWORKS]) as mdworks:
        mdworks.delete_user(sub_account.mdworks_user_id)
    response = client.post(reverse("accounts:subaccount_delete", args=[sub_account.pk]), follow=True)
    assert not SubAccount.objects.exists()
    assert "ne connaissait plus" in response.text


def test_the_pool_cannot_be_taken_back_to_the_main_accounts(client, manager, connections):
    client.force_login(manager)
    client.post(reverse("accounts:subaccount_create"), form(connections, on_allmysms=None, ip_pool="545"))
    sub_account = SubAccount.objects.get()
    assert sub_account.ip_pool_id == 545 and sub_account.ip_pool_name
    response = client.post(reverse("accounts:subaccount_edit", args=[sub_account.pk]), {
        "name": sub_account.name, "contact_email": sub_account.contact_email, "quota": "5000", "ip_pool": "",
    })  # fmt: skip
    assert "choisissez un pool" in response.text
    sub_account.refresh_from_db()
    assert sub_account.ip_pool_id == 545


def test_going_back_in_history_gets_the_whole_list_page(client, manager):
    client.force_login(manager)
    response = client.get(reverse("accounts:subaccount_list"), HTTP_HX_REQUEST="true",
                          HTTP_HX_HISTORY_RESTORE_REQUEST="true")  # fmt: skip
    assert "<html" in response.text and "HX-Request" in response["Vary"]
