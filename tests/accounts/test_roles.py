import pytest
from django.contrib.auth.models import Group
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.roles import Role, has_role
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

# Views anyone may reach: logging in, and choosing the language on the login page.
PUBLIC_VIEWS = {"accounts:login", "accounts:logout", "set_language"}
APP_PAGES = [
    "dashboard",
    "contacts:index",
    "campaigns:templates",
    "campaigns:index",
    "campaigns:reports",
    "accounts:index",
    "accounts:profile",
    "accounts:password_change",
]


def iter_named_patterns(resolver=None, namespace=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.app_name == "admin":
                continue  # Django's admin has its own staff check
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from iter_named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}", pattern.callback


def test_the_three_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {role.value for role in Role}


def test_every_view_goes_through_the_role_helper_or_is_public():
    unguarded = []
    for name, view in iter_named_patterns():
        view = (getattr(view, "view_class", None) and view.view_class.dispatch) or view
        if name not in PUBLIC_VIEWS and not getattr(view, "required_roles", None):
            unguarded.append(name)
    assert unguarded == []


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("page", APP_PAGES)
def test_every_role_reaches_every_page_of_the_shell(client, role, page):
    client.force_login(UserFactory(role=role))
    assert client.get(reverse(page)).status_code == 200


@pytest.mark.parametrize("page", APP_PAGES)
def test_a_user_without_a_role_is_refused(client, page):
    client.force_login(UserFactory())
    assert client.get(reverse(page)).status_code == 403


def test_a_superuser_holds_every_role():
    user = UserFactory(is_superuser=True)
    assert all(has_role(user, role) for role in Role)


def test_only_admins_get_into_the_django_admin(client):
    client.force_login(UserFactory(role=Role.MARKETING))
    assert client.get(reverse("admin:index")).status_code == 302
    client.force_login(UserFactory(role=Role.ADMIN, is_staff=True))
    assert client.get(reverse("admin:index")).status_code == 200


def test_the_navigation_links_every_section(client):
    client.force_login(UserFactory(role=Role.MARKETING))
    text = client.get(reverse("dashboard")).text
    for label in ("Tableau de bord", "Contacts", "Modèles", "Campagnes", "Rapports", "Comptes"):
        assert f">{label}</a>" in text
