"""Contact lists ("Gestion des listes"): list, create, delete, import from a URL."""

import http.server
import threading

import httpx
import pytest

from backoffice.providers.errors import InvalidRequestError, NotFoundError
from backoffice.providers.mdworks import ContactList
from backoffice.providers.mdworks.answers import decode


def test_it_lists_the_main_account_lists(client):
    lists = client.list_lists()
    assert lists[0] == ContactList(id=33541, name="Clients démo", email_field="email", sms_field="", row_count=3)


def test_it_creates_a_list_on_a_sub_account_with_indexed_fields(client, mdworks):
    list_id = client.create_list(
        name="Ma nouvelle liste",
        fields=["email", "nom", "prenom", "code_naf"],
        email_field="email",
        index_fields=["code_naf"],
        user_id=2123,
        encrypt_emails=True,
    )
    assert [item.id for item in client.list_lists(user_id=2123)] == [list_id]
    created = mdworks.lists[list_id]
    assert (created.owner_id, created.index_fields, created.encrypt_emails) == (2123, ["code_naf"], True)
    assert list_id not in [item.id for item in client.list_lists()]


def test_listing_the_lists_of_an_unknown_sub_account_is_not_found(client):
    with pytest.raises(NotFoundError):
        client.list_lists(user_id=999)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"fields": [f"champ_{chr(97 + i // 26)}{chr(97 + i % 26)}" for i in range(51)]}, "fields"),
        ({"fields": ["email", "code_naf2"]}, "fields"),
        ({"fields": ["email", "prénom"]}, "fields"),
        ({"fields": ["email", "nom", "nom"]}, "fields"),
        ({"fields": ["email", "nom"], "index_fields": ["ville"]}, "index_fields"),
        (
            {
                "fields": ["email"] + [f"champ_{chr(97 + i)}" for i in range(21)],
                "index_fields": [f"champ_{chr(97 + i)}" for i in range(21)],
            },
            "index_fields",
        ),
        ({"fields": ["mail", "nom"]}, "email_field"),
        ({"name": "  "}, "name"),
    ],
)
def test_it_refuses_a_bad_list_before_calling_naming_the_field(client, mdworks, kwargs, field):
    arguments = {"name": "Liste", "fields": ["email", "nom"], "email_field": "email", **kwargs}
    with pytest.raises(InvalidRequestError) as refused:
        client.create_list(**arguments)
    assert refused.value.field == field
    assert refused.value.localized.fr and refused.value.localized.en
    assert len(mdworks.lists) == 2


@pytest.mark.parametrize(
    ("data", "words", "field"),
    [
        (
            {"nom": "L", "field_list": ",".join(f"f{'a' * (i + 1)}" for i in range(51)), "field_email": "fa"},
            "Error too many fields in field_list (50 max)",
            "fields",
        ),
        ({"nom": "L", "field_list": "email,code2", "field_email": "email"}, "Error field_list invalid", "fields"),
        (
            {"nom": "L", "field_list": "email,nom", "field_index": "ville", "field_email": "email"},
            "Error field_index invalid",
            "index_fields",
        ),
        (
            {
                "nom": "L",
                "field_list": ",".join(f"f{'a' * (i + 1)}" for i in range(21)),
                "field_index": ",".join(f"f{'a' * (i + 1)}" for i in range(21)),
                "field_email": "fa",
            },
            "Error too many fields in field_index (20 max)",
            "index_fields",
        ),
        (
            {"nom": "L", "field_list": "email,nom", "field_email": "mail"},
            "Error field_email not in field_list",
            "email_field",
        ),
        ({"field_list": "email", "field_email": "email"}, "Error nom missing", "name"),
        (
            {"nom": "L", "field_list": "email", "field_email": "email", "user_id": "77"},
            "Error user_id invalid",
            "user_id",
        ),
    ],
)
def test_the_sandbox_refuses_a_bad_list_and_the_client_maps_its_words(sandbox, data, words, field):
    answer = httpx.post(f"{sandbox.url}/mdworks/api_http/list_create", json={"api_key": "demo-api-key", **data})
    with pytest.raises((InvalidRequestError, NotFoundError)) as refused:
        decode(answer)
    assert (refused.value.message, refused.value.field) == (words, field)


def test_it_deletes_a_list(client):
    list_id = client.create_list(name="Temporaire", fields=["email"], email_field="email")
    client.delete_list(list_id)
    assert list_id not in [item.id for item in client.list_lists()]


def test_it_refuses_to_delete_a_protected_list_with_mdworks_words(client, mdworks):
    with pytest.raises(InvalidRequestError) as refused:
        client.delete_list(33542)
    assert refused.value.message == "Error this list protected against delete, go to the dashboard"
    assert "protégée" in refused.value.localized.fr
    assert 33542 in mdworks.lists


def test_a_list_protected_from_the_dashboard_can_no_longer_be_deleted(client, mdworks):
    list_id = client.create_list(name="À garder", fields=["email"], email_field="email")
    mdworks.protect_list(list_id)
    with pytest.raises(InvalidRequestError):
        client.delete_list(list_id)


def test_deleting_an_unknown_list_is_not_found(client):
    with pytest.raises(NotFoundError) as refused:
        client.delete_list(1)
    assert refused.value.message == "Error list_id invalid"


@pytest.fixture
def csv_server():
    """A loopback web server for the files MDWorks fetches ("méthode get")."""
    files: dict[str, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            body = files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    server.files = files
    server.url = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    server.shutdown()
    server.server_close()


def test_it_imports_a_semicolon_separated_csv_from_a_url(client, mdworks, csv_server):
    csv_server.files["/liste.csv"] = (
        "email;nom;prenom\nmartin@example.com;Dupont;Martin\nnope;X;Y\nmyrlene@example.com;Durant;Myrlène\n".encode()
    )
    list_id = client.create_list(name="Import", fields=["email", "nom", "prenom"], email_field="email")
    client.insert_from_url(list_id, f"{csv_server.url}/liste.csv")
    assert mdworks.lists[list_id].rows == [
        {"email": "martin@example.com", "nom": "Dupont", "prenom": "Martin"},
        {"email": "myrlene@example.com", "nom": "Durant", "prenom": "Myrlène"},
    ]


def test_an_unreadable_import_url_is_refused_naming_the_url(client, csv_server):
    with pytest.raises(InvalidRequestError) as refused:
        client.insert_from_url(33541, f"{csv_server.url}/absent.csv")
    assert (refused.value.message, refused.value.field) == ("Error url invalid", "url")
    with pytest.raises(InvalidRequestError) as refused:
        client.insert_from_url(33541, "ftp://example.com/liste.csv")
    assert refused.value.field == "url"


def test_an_import_whose_header_names_an_unknown_field_is_refused(client, csv_server):
    csv_server.files["/autre.csv"] = b"email;ville\nmartin@example.com;Paris\n"
    with pytest.raises(InvalidRequestError, match="unknown field in tab_insert: ville"):
        client.insert_from_url(33541, f"{csv_server.url}/autre.csv")
