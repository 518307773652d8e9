"""Chunked, concurrent list inserts ("Insérer des contacts dans une liste - méthode push")."""

import httpx
import pytest

from backoffice.providers.errors import AuthenticationError, InvalidRequestError, NotFoundError, TransientError
from backoffice.providers.mdworks import ChunkOutcome, sandbox_rest
from backoffice.providers.mdworks.answers import decode
from backoffice.providers.sandbox import Fault


def people(count, start=0):
    for number in range(start, start + count):
        yield {"email": f"contact{number}@example.com", "nom": f"Nom {number}", "prenom": "Loïc"}


@pytest.fixture
def list_id(client):
    return client.create_list(name="Contacts", fields=["email", "nom", "prenom"], email_field="email")


@pytest.fixture
def insert_calls(monkeypatch):
    """The number of rows of every list_insert call the sandbox received."""
    calls = []
    original = sandbox_rest.FUNCTIONS["list_insert"]

    def counting(self, data):
        calls.append(len(data.get("tab_insert") or []))
        return original(self, data)

    monkeypatch.setitem(sandbox_rest.FUNCTIONS, "list_insert", counting)
    return calls


def test_a_thousand_rows_go_in_four_calls_none_over_255(client, mdworks, list_id, insert_calls):
    report = client.insert_rows(list_id, people(1000))
    assert sorted(insert_calls) == [235, 255, 255, 255]
    assert (report.rows_read, report.inserted, report.chunks, report.complete) == (1000, 1000, 4, True)
    assert mdworks.lists[list_id].row_count == 1000
    # Chunks run concurrently: they may land in any order.
    assert {"email": "contact0@example.com", "nom": "Nom 0", "prenom": "Loïc"} in mdworks.lists[list_id].rows


def test_every_chunk_is_reported_in_order(client, list_id):
    seen = []
    client.insert_rows(list_id, people(600), on_chunk=seen.append, concurrency=3)
    assert [(c.number, c.first_row, c.row_count, c.outcome) for c in seen] == [
        (1, 0, 255, ChunkOutcome.INSERTED),
        (2, 255, 255, ChunkOutcome.INSERTED),
        (3, 510, 90, ChunkOutcome.INSERTED),
    ]


def test_rows_are_read_lazily_with_a_bounded_number_of_chunks_held(client, list_id):
    read = 0
    ahead = []

    def counted(rows):
        nonlocal read
        for row in rows:
            read += 1
            yield row

    def on_chunk(chunk):
        ahead.append(read - (chunk.first_row + chunk.row_count))

    client.insert_rows(list_id, counted(people(20_000)), on_chunk=on_chunk, concurrency=2)
    # Never more than 2 x concurrency chunks (+ the one being read) beyond the last settled one.
    assert max(ahead) <= 5 * 255


def test_rows_with_a_bad_address_are_refused_before_sending_and_the_rest_goes_in(client, mdworks, list_id):
    rows = [{"email": "bon@example.com"}, {"email": "mauvais"}, "pas une ligne", {"email": "autre@example.com"}]
    report = client.insert_rows(list_id, rows)
    assert (report.inserted, report.rejected) == (2, 2)
    (chunk,) = report.problems
    assert [(r.row_number, r.field) for r in chunk.rejected] == [(1, "email"), (2, "email")]
    assert "mauvais" in chunk.rejected[0].reason
    assert mdworks.lists[list_id].row_count == 2


def test_the_email_field_can_be_given_for_a_list_the_client_has_not_seen(sandbox, make_client, mdworks):
    report = make_client().insert_rows(33541, [{"email": "x"}, {"email": "ok@example.com"}], email_field="email")
    assert (report.inserted, report.rejected) == (1, 1)


def test_a_chunk_mdworks_refuses_is_reported_and_the_others_go_in(make_client, mdworks, list_id):
    fresh = make_client()  # does not know the list's email field: MDWorks judges the addresses
    rows = [*people(100), {"email": "pas-une-adresse"}, *people(164, start=300)]
    report = fresh.insert_rows(list_id, rows)
    assert (report.inserted, report.failed) == (10, 255)
    (refused,) = report.problems
    assert refused.outcome is ChunkOutcome.REFUSED and refused.number == 1
    assert isinstance(refused.error, InvalidRequestError)
    assert refused.error.message == "Error invalid email in tab_insert: line 101: pas-une-adresse"
    assert mdworks.lists[list_id].row_count == 10


def test_a_chunk_that_may_have_gone_in_is_reported_uncertain_not_retried(sandbox, client, list_id, insert_calls):
    sandbox.app.inject("mdworks", Fault.RESET, match="list_insert")
    report = client.insert_rows(list_id, people(300), concurrency=1)
    assert [c.outcome for c in report.problems] == [ChunkOutcome.UNCERTAIN]
    assert isinstance(report.problems[0].error, TransientError)
    assert (report.inserted, report.uncertain) == (45, 255)
    assert insert_calls == [45]  # the reset chunk never reached the function, and was not sent again


def test_a_server_error_on_a_chunk_is_uncertain(sandbox, client, list_id):
    sandbox.app.inject("mdworks", Fault.SERVER_ERROR, match="list_insert")
    report = client.insert_rows(list_id, people(10))
    assert report.problems[0].outcome is ChunkOutcome.UNCERTAIN and report.uncertain == 10


def test_chunks_that_never_left_are_retried_then_reported_not_sent(make_client):
    report = make_client(base_url="http://127.0.0.1:9/mdworks", timeout=0.5).insert_rows(1, people(300))
    assert [c.outcome for c in report.problems] == [ChunkOutcome.NOT_SENT, ChunkOutcome.NOT_SENT]
    assert report.failed == 300


def test_a_wrong_api_key_stops_the_run(make_client, list_id):
    report = make_client(api_key="wrong-key").insert_rows(list_id, people(100_000), concurrency=2)
    assert isinstance(report.stopped_by, AuthenticationError)
    assert report.rows_read <= 5 * 255 and not report.complete


def test_an_unknown_list_stops_the_run(client):
    report = client.insert_rows(999, people(1000))
    assert isinstance(report.stopped_by, NotFoundError)


def test_it_refuses_a_silly_concurrency(client, list_id):
    with pytest.raises(InvalidRequestError):
        client.insert_rows(list_id, people(1), concurrency=0)


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([{"email": f"a{i}@example.com"} for i in range(256)], "Error too many lines in tab_insert (255 max)"),
        ([], "Error tab_insert invalid"),
        ([{"email": "a@example.com", "ville": "Paris"}], "Error unknown field in tab_insert: ville"),
        ([{"email": "a@example.com", "nom": {"x": 1}}], "Error tab_insert invalid: line 1"),
        ([{"nom": "sans adresse"}], "Error invalid email in tab_insert: line 1:"),
    ],
)
def test_the_sandbox_refuses_a_bad_insert_as_a_whole(sandbox, mdworks, list_id, rows, words):
    answer = httpx.post(
        f"{sandbox.url}/mdworks/api_http/list_insert",
        json={"api_key": "demo-api-key", "list_id": str(list_id), "tab_insert": rows},
    )
    with pytest.raises(InvalidRequestError) as refused:
        decode(answer)
    assert (refused.value.message, refused.value.field) == (words, "rows")
    assert mdworks.lists[list_id].row_count == 0


def test_a_run_stops_once_several_chunks_in_a_row_could_not_reach_mdworks(make_client):
    report = make_client(base_url="http://127.0.0.1:9/mdworks", timeout=0.5).insert_rows(1, people(100_000))
    assert isinstance(report.stopped_by, TransientError)
    assert report.inserted == 0 and report.rows_read < 20 * 255
