import datetime as dt

import pytest

from backoffice.providers.ecampaign import TemplateType, VoiceMessageType, VoiceOptions
from backoffice.providers.errors import InvalidRequestError, NotFoundError

from .conftest import mp3

ALL_VOICE_OPTIONS = VoiceOptions(duration=120, recorded=True, interactive=True, intro=True, ask_end=True,
                                 responder=True, responder_custom=True)  # fmt: skip


def _code(call) -> int:
    with pytest.raises((InvalidRequestError, NotFoundError)) as caught:
        call()
    return caught.value.code


@pytest.fixture
def voice_template(client) -> int:
    return client.add_template(name="Annonce", type=TemplateType.VOICE, voice=VoiceOptions(duration=60)).template_id


def test_it_creates_lists_and_reads_sms_and_mail_templates(client):
    sms = client.add_template(name="Relance", type="sms", message="Votre RDV demain").template_id
    mail = client.add_template(name="Lettre", type="mail", message="<p>Bonjour</p>", subject="Nouvelles").template_id
    assert {t.id for t in client.list_templates("sms")} >= {sms} and mail not in {
        t.id for t in client.list_templates("sms")
    }
    assert {sms, mail} <= {t.id for t in client.list_templates()}
    template = client.get_template(mail)
    assert (template.type, template.name, template.voice) == ("mail", "Lettre", None)
    assert isinstance(template.created_at, dt.datetime)


def test_a_voice_template_keeps_every_voice_option_and_gives_its_recording_access(client):
    created = client.add_template(name="Sondage", type="voice", voice=ALL_VOICE_OPTIONS)
    assert created.phone_number and created.phone_code and created.reference
    template = client.get_template(created.template_id)
    assert template.voice == ALL_VOICE_OPTIONS
    assert (template.phone_code, template.reference) == (created.phone_code, created.reference)


def test_unset_voice_booleans_are_stored_as_false(client, voice_template):
    client.mod_template(voice_template, name="Annonce", type="voice", voice=VoiceOptions(duration=180, intro=True))
    assert client.get_template(voice_template).voice == VoiceOptions(duration=180, intro=True)


def test_it_modifies_and_deletes_a_template(client):
    template_id = client.add_template(name="A", type="sms", message="un").template_id
    client.mod_template(template_id, name="B", type="sms", message="deux")
    assert client.get_template(template_id).name == "B"
    client.del_template(template_id)
    assert _code(lambda: client.get_template(template_id)) == 65


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"name": "x", "type": "fax"}, 63),
        ({"name": "", "type": "sms", "message": "x"}, 64),
        ({"name": "x", "type": "sms"}, 64),
        ({"name": "x", "type": "mail", "message": "sans objet"}, 64),
        ({"name": "x", "type": "voice", "voice": VoiceOptions(duration=90)}, 64),
    ],
)
def test_a_template_creation_is_refused_with_the_specs_code(client, kwargs, code):
    assert _code(lambda: client.add_template(**kwargs)) == code


def test_template_errors_use_the_specs_codes(client, ecampaign, voice_template):
    assert _code(lambda: client.list_templates("fax")) == 63
    assert _code(lambda: client.mod_template(voice_template, name="x", type="sms", message="y")) == 64
    ecampaign.store.templates[voice_template].owner = "someone-else"
    assert _code(lambda: client.get_template(voice_template)) == 60


def test_a_template_used_by_a_scheduled_campaign_cannot_be_deleted(client, voice_template):
    client.send_voice(route=2001, template_id=voice_template, phones=["0612345678", "0623456789"],
                      send_date=dt.datetime(2031, 1, 1, 9, 0))  # fmt: skip
    assert _code(lambda: client.del_template(voice_template)) == 61


def test_a_template_of_a_campaign_being_sent_cannot_be_deleted(client):
    template_id = client.add_template(name="Promo", type="sms", message="-10%").template_id
    client.send_sms(route=1001, template_id=template_id, phones=["0612345678", "0623456789"])
    assert _code(lambda: client.del_template(template_id)) == 62


def test_it_pushes_an_mp3_from_our_url_and_gets_it_back(client, receiver, voice_template):
    receiver.files["/main.mp3"] = audio = mp3(30)
    client.push_mp3(voice_template, message_type=VoiceMessageType.MAIN, url=f"{receiver.url}/main.mp3")
    assert client.get_mp3(voice_template, message_type="main") == audio
    assert client.get_template(voice_template).voice.recorded


@pytest.mark.parametrize(
    ("path", "content", "code"),
    [
        ("not a url", None, 68),
        ("/missing.mp3", None, 69),
        ("/big.mp3", b"\xff" * (5 * 1024 * 1024 + 1), 70),
        ("/text.mp3", b"ceci n'est pas un MP3" * 100, 71),
        ("/long.mp3", mp3(61), 72),
    ],
)
def test_an_mp3_push_is_refused_with_the_specs_code(client, receiver, voice_template, path, content, code):
    if content is not None:
        receiver.files[path] = content
    url = f"{receiver.url}{path}" if path.startswith("/") else path
    assert _code(lambda: client.push_mp3(voice_template, message_type="main", url=url)) == code


def test_an_mp3_push_from_a_non_loopback_address_is_refused_with_69(client, voice_template):
    assert _code(lambda: client.push_mp3(voice_template, message_type="main", url="http://192.0.2.1/a.mp3")) == 69


def test_mp3_errors_use_the_specs_codes(client, voice_template):
    sms_template = next(t.id for t in client.list_templates("sms"))
    assert _code(lambda: client.get_mp3(voice_template, message_type="outro")) == 66
    assert _code(lambda: client.push_mp3(voice_template, message_type="outro", url="http://127.0.0.1/")) == 66
    assert _code(lambda: client.get_mp3(voice_template, message_type="intro")) == 67
    assert _code(lambda: client.get_mp3(sms_template, message_type="main")) == 63
