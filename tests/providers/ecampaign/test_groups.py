import io

import pytest

from backoffice.providers.ecampaign import FieldType, GroupField, Phone, parse_import_report, write_group_members
from backoffice.providers.errors import InvalidRequestError, NotFoundError

CONTACTS = [GroupField("mobile", FieldType.MOBILE, unique=True), GroupField("email", FieldType.MAIL),
            GroupField("nom", FieldType.CUSTOM), GroupField("rdv", FieldType.SCHEDULE)]  # fmt: skip


@pytest.fixture
def group_id(client) -> int:
    return client.add_group(name="Contacts", fields=CONTACTS)


def _code(call) -> int:
    with pytest.raises((InvalidRequestError, NotFoundError)) as caught:
        call()
    return caught.value.code


def test_it_creates_a_group_with_typed_fields_and_locks_and_lists_it(client):
    group_id = client.add_group(name="VIP", fields=CONTACTS, locked_structure=True, locked_content=False)
    listed = {g.id: g for g in client.list_groups()}
    assert listed[group_id].name == "VIP" and listed[group_id].locked_structure and not listed[group_id].locked_content
    group = client.get_group(group_id)
    assert [(f.name, f.type) for f in group.fields] == [("mobile", "mobile"), ("email", "mail"), ("nom", "custom"),
                                                        ("rdv", "planif")]  # fmt: skip
    assert group.created_at is not None


def test_it_modifies_renames_and_unlocks_a_group(client, group_id):
    client.mod_group(group_id, name="Contacts 2026", locked_content=True)
    group = client.get_group(group_id)
    assert group.name == "Contacts 2026" and group.locked_content and not group.locked_structure


def test_locks_protect_the_web_interface_only_so_the_api_may_still_change_a_locked_group(client):
    group_id = client.add_group(name="Verrou", fields=CONTACTS, locked_structure=True, locked_content=True)
    client.add_tags(group_id, [GroupField("ville")])
    assert client.add_member(group_id, {"nom": "Alice"})


def test_it_adds_and_deletes_fields(client, group_id):
    client.add_tags(group_id, [GroupField("ville"), GroupField("fax", FieldType.FAX, unique=True)])
    client.del_tags(group_id, ["rdv"])
    assert [f.name for f in client.get_group(group_id).fields] == ["mobile", "email", "nom", "ville", "fax"]


def test_it_deletes_and_empties_groups(client, group_id):
    client.add_member(group_id, {"nom": "Alice"})
    client.empty_group(group_id)
    assert _code(lambda: client.get_member(group_id, where={"nom": "Alice"})) == 22
    client.del_group(group_id)
    assert _code(lambda: client.get_group(group_id)) == 27


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "", "fields": CONTACTS}, 52),
        ({"name": "x", "fields": []}, 50),
        ({"name": "x", "fields": [GroupField("a"), GroupField("A")]}, 28),
        ({"name": "x", "fields": [GroupField("mon champ")]}, 29),
        ({"name": "x", "fields": [GroupField("a", "telephone")]}, 29),
        ({"name": "x", "fields": [GroupField(f"f{i}") for i in range(31)]}, 51),
    ],
)
def test_a_group_creation_is_refused_with_the_specs_code(client, kwargs, code):
    assert _code(lambda: client.add_group(**kwargs)) == code


def test_field_changes_are_refused_with_the_specs_codes(client, group_id):
    assert _code(lambda: client.add_tags(group_id, [GroupField("nom")])) == 28
    assert _code(lambda: client.add_tags(group_id, [])) == 50
    assert _code(lambda: client.del_tags(group_id, ["inconnu"])) == 55
    assert _code(lambda: client.mod_group(group_id)) == 53
    assert _code(lambda: client.mod_group(group_id, name="")) == 54


def test_another_accounts_group_is_forbidden_with_21(client, ecampaign, group_id):
    ecampaign.store.groups[group_id].owner = "someone-else"
    assert _code(lambda: client.get_group(group_id)) == 21


def test_it_adds_modifies_searches_and_deletes_members(client, group_id):
    member_id = client.add_member(group_id, {"mobile": Phone.parse("+33 6 12 34 56 78"), "nom": "Alice",
                                             "rdv": "2030-01-02 10:00:00"})  # fmt: skip
    client.mod_member(group_id, member_id, {"email": "alice@example.fr"})
    [by_id] = client.get_member(group_id, member_id=member_id)
    assert by_id.values == {"mobile": "612345678", "nom": "Alice", "rdv": "2030-01-02 10:00:00",
                            "email": "alice@example.fr"}  # fmt: skip
    assert [m.id for m in client.get_member(group_id, where={"nom": "alice", "email": "alice@example.fr"})] == [
        member_id
    ]
    client.del_member(group_id, member_id)
    assert _code(lambda: client.get_member(group_id, member_id=member_id)) == 22


def test_a_unique_field_refuses_a_duplicate_with_24(client, group_id):
    client.add_member(group_id, {"mobile": Phone.parse("0612345678")})
    assert _code(lambda: client.add_member(group_id, {"mobile": Phone.parse("+33612345678")})) == 24
    other = client.add_member(group_id, {"mobile": Phone.parse("0699999999")})
    assert _code(lambda: client.mod_member(group_id, other, {"mobile": "612345678"})) == 24


@pytest.mark.parametrize(
    "values", [{"email": "pas-une-adresse"}, {"mobile": "abc"}, {"rdv": "demain"}, {"inconnu": "x"}, {}]
)
def test_malformed_member_data_is_refused_with_23(client, group_id, values):
    assert _code(lambda: client.add_member(group_id, values)) == 23


def test_member_errors_use_the_specs_codes(client, group_id):
    other_group = client.add_group(name="Autre", fields=[GroupField("nom")])
    foreign = client.add_member(other_group, {"nom": "Bob"})
    assert _code(lambda: client.get_member(group_id, member_id=foreign)) == 56
    assert _code(lambda: client.del_member(group_id, foreign)) == 56
    assert _code(lambda: client.mod_member(group_id, 123456789, {"nom": "x"})) == 22
    assert _code(lambda: client.get_member(group_id)) == 25


def test_it_imports_members_from_a_file_and_the_report_reaches_our_callback(client, group_id, receiver, sandbox):
    rows = [
        {"mobile": Phone.parse("0611111111"), "nom": "Alice", "email": "alice@example.fr"},
        {"mobile": Phone.parse("+44 7911 123456"), "nom": "Bob"},
        {"mobile": Phone.parse("0611111111"), "nom": "Doublon"},
        {"email": "pas-une-adresse", "nom": "Mauvais"},
    ]
    file = io.BytesIO()
    assert write_group_members(rows, file) == 4
    receiver.files["/members.xml"] = file.getvalue()

    client.import_members(group_id, xml_url=f"{receiver.url}/members.xml", callback_url=f"{receiver.url}/report")
    sandbox.app.context.clock.advance(5)

    [form] = receiver.wait_for("/report")
    report = parse_import_report(form["xml"])
    assert (report.state, report.imported, len(report.errors)) == ("OK", 2, 2)
    assert "Membre n°3" in report.errors[0] and "Doublon" in report.errors[0]
    [bob] = client.get_member(group_id, where={"nom": "Bob"})
    assert bob.values["mobile"] == "7911123456"


def test_an_import_whose_file_cannot_be_fetched_reports_ko(client, group_id, receiver, sandbox):
    client.import_members(group_id, xml_url=f"{receiver.url}/missing.xml", callback_url=f"{receiver.url}/report")
    sandbox.app.context.clock.advance(5)
    report = parse_import_report(receiver.wait_for("/report")[0]["xml"])
    assert report.state == "KO" and report.imported == 0 and report.errors


def test_an_import_with_urls_that_are_not_http_is_refused_with_25(client, group_id):
    assert _code(lambda: client.import_members(group_id, xml_url="ftp://x/y.xml", callback_url="http://x/")) == 25


def test_the_sandbox_fetches_only_loopback_urls(client, group_id, receiver, sandbox):
    client.import_members(group_id, xml_url="http://192.0.2.1/members.xml", callback_url=f"{receiver.url}/report")
    sandbox.app.context.clock.advance(5)
    report = parse_import_report(receiver.wait_for("/report")[0]["xml"])
    assert report.state == "KO" and "loopback" in report.errors[0]
