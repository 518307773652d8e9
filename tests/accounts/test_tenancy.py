"""Every URL of the accounts app, visited as every role and as a member of
another sub-account: managers reach everything, marketing users only the
sub-accounts they belong to (read-only), never another tenant's data."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent, ProviderConnection, SubAccount
from accounts.roles import Role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

OWN, OTHER = "own", "other"


@pytest.fixture
def world(db):
    connection = ProviderConnection(provider="mdworks", label="X", endpoint="http://127.0.0.1:9/mdworks", login="…x")
    connection.credentials = {"api_key": "k"}
    connection.save()
    own = SubAccount.objects.create(name="Notre client", contact_email="own@example.test", quota=1)
    other = SubAccount.objects.create(name="Client d'un autre", contact_email="other@example.test", quota=1)
    return {"connection": connection, OWN: own, OTHER: other}


# (url name, kwargs builder, who may reach it); "member" = a marketing member of that sub-account.
URLS = [
    ("accounts:index", lambda w: {}, "all"),
    ("accounts:connection_list", lambda w: {}, "managers"),
    ("accounts:connection_create", lambda w: {"provider": "mdworks"}, "managers"),
    ("accounts:connection_edit", lambda w: {"pk": w["connection"].pk}, "managers"),
    ("accounts:subaccount_import", lambda w: {"connection_pk": w["connection"].pk}, "managers"),
    ("accounts:subaccount_list", lambda w: {}, "all"),
    ("accounts:subaccount_create", lambda w: {}, "managers"),
    ("accounts:subaccount_detail", lambda w: {"pk": w[OWN].pk}, "member"),
    ("accounts:subaccount_detail", lambda w: {"pk": w[OTHER].pk}, "managers-404"),
    ("accounts:subaccount_edit", lambda w: {"pk": w[OWN].pk}, "managers"),
    ("accounts:subaccount_delete", lambda w: {"pk": w[OWN].pk}, "managers"),
    ("accounts:credits", lambda w: {}, "managers"),
    ("accounts:audit", lambda w: {}, "admin"),
]
POST_ONLY = [
    ("accounts:connection_toggle", lambda w: {"pk": w["connection"].pk}),
    ("accounts:connection_test", lambda w: {"pk": w["connection"].pk}),
    ("accounts:subaccount_retry", lambda w: {"pk": w[OWN].pk}),
]


def expected_status(rule: str, role: Role) -> int:
    manager = role in (Role.ADMIN, Role.ACCOUNT_MANAGER)
    return {
        "all": 200,
        "managers": 200 if manager else 403,
        "admin": 200 if role is Role.ADMIN else 403,
        "member": 200,
        "managers-404": 200 if manager else 404,
    }[rule]


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize(("name", "kwargs", "rule"), URLS, ids=[f"{n}-{r}" for n, _, r in URLS])
def test_each_page_answers_each_role_as_it_should(client, world, role, name, kwargs, rule):
    user = UserFactory(role=role)
    world[OWN].members.add(user)
    client.force_login(user)
    response = client.get(reverse(name, kwargs=kwargs(world)))
    assert response.status_code == expected_status(rule, role)
    if response.status_code == 200:
        assert "Client d'un autre" not in response.text or role in (Role.ADMIN, Role.ACCOUNT_MANAGER)


@pytest.mark.parametrize(("name", "kwargs"), POST_ONLY, ids=[n for n, _ in POST_ONLY])
def test_a_marketing_user_cannot_act_on_connections_or_sub_accounts(client, world, name, kwargs):
    user = UserFactory(role=Role.MARKETING)
    world[OWN].members.add(user)
    client.force_login(user)
    assert client.post(reverse(name, kwargs=kwargs(world))).status_code == 403
    assert not AuditEvent.objects.exists()


def test_a_marketing_user_sees_only_their_sub_accounts_in_the_list(client, world):
    user = UserFactory(role=Role.MARKETING)
    world[OWN].members.add(user)
    client.force_login(user)
    text = client.get(reverse("accounts:subaccount_list")).text
    assert "Notre client" in text and "Client d&#x27;un autre" not in text and "Client d'un autre" not in text
    assert "Nouveau sous-compte" not in text
