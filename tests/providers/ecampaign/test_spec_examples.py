"""The spec's own XML examples (values filled in) parse into the client's
dataclasses, and the requests the client builds match the spec's shapes. Where
an example is not well-formed XML (the getCDR and getMailEvents answers miss the
">" closing their opening tags), the corrected form is used."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from urllib.parse import parse_qs

import httpx
import pytest
from lxml import etree

from backoffice.providers.ecampaign import Criterion, ECampaignClient, GroupTarget, VoiceOptions
from backoffice.providers.ecampaign.xml import md5_hex
from backoffice.providers.types import Channel


class Recorder:
    def __init__(self, answer: bytes, content_type: str = "text/xml") -> None:
        self.answer, self.content_type = answer, content_type
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        return httpx.Response(200, content=self.answer, headers={"Content-Type": self.content_type})

    @property
    def xml(self) -> etree._Element:
        form = parse_qs(self.requests[-1].content.decode())
        return etree.fromstring(form["xml"][0].encode())


def _client(answer: str | bytes, content_type: str = "text/xml", **options) -> tuple[ECampaignClient, Recorder]:
    recorder = Recorder(answer.encode() if isinstance(answer, str) else answer, content_type)
    client = ECampaignClient(user="UTILISATEUR", password="MOT_DE_PASSE", **options)
    # Below the client only: the transport answers the spec's example instead of the network.
    client._http = httpx.Client(transport=httpx.MockTransport(recorder), base_url="http://api.ecampaign.test")
    return client, recorder


def _ok(body: str) -> str:
    return f'<?xml version="1.0"?>\n<ecampaign>\n  <code>0</code>\n  <message>OK</message>\n{body}\n</ecampaign>'


SEND_ANSWER = _ok("""  <recipients>
    <destination mail="" code="33" number="612345678">
      <state>OK</state><msgid>A1B2C3</msgid><credits>1</credits><memberID>5001</memberID>
    </destination>
    <destination mail="jean@example.fr" code="" number="">
      <state>KO</state><msgid></msgid><credits>0</credits><memberID></memberID>
    </destination>
  </recipients>""")


def test_the_send_answer_parses_with_destination_elements():
    client, _ = _client(SEND_ANSWER)
    result = client.send_sms(route=1, message="x", phones=["0612345678"])
    first, second = result.messages
    assert (first.accepted, first.message_id, first.credits, first.member_id, first.recipient) == (
        True,
        "A1B2C3",
        Decimal(1),
        5001,
        "+33612345678",
    )
    assert (second.accepted, second.mail, second.member_id) == (False, "jean@example.fr", None)


def test_the_send_answer_parses_with_the_vendor_samples_phone_elements():
    client, _ = _client(SEND_ANSWER.replace("<destination", "<phone").replace("</destination>", "</phone>"))
    result = client.send_sms(route=1, message="x", phones=["0612345678"])
    assert [m.message_id for m in result.messages] == ["A1B2C3", ""]


def test_a_send_request_has_the_specs_shape_form_encoded_in_the_xml_field():
    client, recorder = _client(SEND_ANSWER)
    target = GroupTarget(12, ["mobile", "fixe"], [Criterion("ville", "=", "Paris"), Criterion("age", "NULL")], "OR")
    client.send_sms(route=7, message="Tom & Jerry +1", sender_id="SHOP", template_id=3, caller_id="33170000000",
                    send_date=dt.datetime(2030, 1, 2, 9, 30), phones=["+33 6 12 34 56 78"], group=target)  # fmt: skip
    request = recorder.requests[-1]
    assert request.url.path == "/sendSMS"
    assert request.headers["content-type"] == "application/x-www-form-urlencoded"
    assert b"xml=%3C%3Fxml" in request.content  # encoded, unlike the vendor's sample
    root = recorder.xml
    assert [e.tag for e in root] == ["login", "sendSMS"]
    assert [(e.tag, e.text) for e in root.find("login")] == [
        ("user", "UTILISATEUR"),
        ("password", "MOT_DE_PASSE"),
        ("md5", "false"),
    ]
    op = root.find("sendSMS")
    assert [e.tag for e in op] == ["route", "senderID", "callerID", "templateID", "message", "sendDate", "recipients"]
    assert op.findtext("message") == "Tom & Jerry +1" and op.findtext("sendDate") == "2030-01-02 09:30:00"
    recipients = op.find("recipients")
    assert [e.tag for e in recipients] == ["groupID", "groupFields", "groupFilter", "phone"]
    assert [f.text for f in recipients.iterfind("groupFields/field")] == ["mobile", "fixe"]
    assert recipients.findtext("groupFilter/globalOperator") == "OR"
    assert [(c.findtext("field"), c.findtext("operator")) for c in recipients.iterfind("groupFilter/criteria")] == [
        ("ville", "="),
        ("age", "NULL"),
    ]
    assert (recipients.findtext("phone/code"), recipients.findtext("phone/number")) == ("33", "612345678")


def test_mail_recipients_and_fax_requests_follow_the_spec():
    client, recorder = _client(SEND_ANSWER)
    client.send_mail(route=1, subject="S", message="M", reply_to="r@example.fr", emails=["a@example.fr"])
    assert recorder.xml.findtext("sendMail/recipients/mail/mail") == "a@example.fr"
    client.send_fax(route=2, filename="doc.pdf", phones=["0145678910"])
    assert recorder.requests[-1].url.path == "/sendFAX" and recorder.xml.findtext("sendFAX/filename") == "doc.pdf"


def test_the_md5_option_sends_the_digest_and_true():
    client, recorder = _client(_ok("<credits/>"), password_is_md5=True)
    client.get_credits()
    login = recorder.xml.find("login")
    assert (login.findtext("password"), login.findtext("md5")) == (md5_hex("MOT_DE_PASSE"), "true")


def test_the_get_member_answer_parses():
    client, recorder = _client(
        _ok("""<member id="5001"><tags><item id="nom">Martin</item><item id="ville">Paris</item>
      </tags></member><member id="5002"><tags><item id="nom">Petit</item></tags></member>""")
    )
    members = client.get_member(12, where={"ville": "Paris"})
    assert [(m.id, m.values) for m in members] == [
        (5001, {"nom": "Martin", "ville": "Paris"}),
        (5002, {"nom": "Petit"}),
    ]
    assert recorder.requests[-1].url.path == "/manageGroup/12/getMember"
    assert recorder.xml.find("manageGroup/getMember/tags/item").get("id") == "ville"


def test_the_group_answers_parse():
    client, _ = _client(
        _ok("""<groups>
      <group id="12" date="2017-01-05 10:00:00" locked_structure="true" locked_content="false">Clients</group>
      <group id="13" date="2017-01-06 11:00:00" locked_structure="false" locked_content="true">Prospects</group>
      </groups>""")
    )
    assert [(g.id, g.name, g.locked_structure, g.locked_content) for g in client.list_groups()] == [
        (12, "Clients", True, False),
        (13, "Prospects", False, True),
    ]
    client, _ = _client(
        _ok("""<group><name>Clients</name><date>2017-01-05 10:00:00</date>
      <locked_structure>true</locked_structure><locked_content>false</locked_content>
      <tags><tag type="mobile">portable</tag><tag type="mail">email</tag></tags></group>""")
    )
    group = client.get_group(12)
    assert (group.name, group.created_at, [(f.name, f.type) for f in group.fields]) == (
        "Clients",
        dt.datetime(2017, 1, 5, 10, tzinfo=group.created_at.tzinfo),
        [("portable", "mobile"), ("email", "mail")],
    )
    client, _ = _client(_ok("<id_group>42</id_group>"))
    assert client.add_group(name="x", fields=[]) == 42
    client, _ = _client(_ok("<idMember>77</idMember>"))
    assert client.add_member(42, {"nom": "x"}) == 77


def test_the_template_answers_parse():
    client, recorder = _client(
        _ok("""<templateid>9</templateid><phonenumber>33170950000</phonenumber>
      <phonecode>123456</phonecode><reference>VX9</reference>""")
    )
    created = client.add_template(name="Voix", type="voice", voice=VoiceOptions(duration=120, intro=True))
    assert (created.template_id, created.phone_number, created.phone_code, created.reference) == (
        9,
        "33170950000",
        "123456",
        "VX9",
    )
    voice = recorder.xml.find("manageTemplate/addTemplate/voice")
    assert [e.tag for e in voice] == ["duration", "recorded", "interactive", "responder"]
    assert voice.findtext("interactive/intro") == "true" and voice.findtext("responder/enable") == "false"

    client, _ = _client(
        _ok("""<type>voice</type><id>9</id><create_date>2017-01-05 10:00:00</create_date>
      <update_date>2017-01-06 10:00:00</update_date><name>Voix</name><phonecode>123456</phonecode>
      <templatereference>VX9</templatereference><recorded>TRUE</recorded><duration>120</duration>
      <interactive><enabled>TRUE</enabled><intro>FALSE</intro><ask_end>TRUE</ask_end></interactive>
      <responder><enabled>FALSE</enabled><custom>FALSE</custom></responder>""")
    )
    template = client.get_template(9)
    assert template.voice == VoiceOptions(duration=120, recorded=True, interactive=True, ask_end=True)
    assert template.reference == "VX9" and template.updated_at.day == 6

    client, _ = _client(
        _ok("""<templates><template id="1" type="sms" date_create="2017-01-05 10:00:00"
      date_update="2017-01-06 10:00:00">Promo</template></templates>""")
    )
    [summary] = client.list_templates()
    assert (summary.id, summary.type, summary.name) == (1, "sms", "Promo")


def test_get_mp3_returns_the_audio_bytes():
    client, recorder = _client(b"ID3\x03\x00audio", content_type="audio/mpeg")
    assert client.get_mp3(9, message_type="ask_end_thanks") == b"ID3\x03\x00audio"
    assert recorder.xml.findtext("manageTemplate/getMP3/messagetype") == "ask_end_thanks"


def test_the_credit_answer_parses_into_what_a_credits_refresh_needs():
    client, _ = _client(
        _ok("""<credits>
      <route id="1001" name="SMS Premium" type="SMS" expire="2027-12-31" allownegative="100">4990.5</route>
      <route id="2001" name="Voix" type="Voice" expire="2027-12-31 23:59:59" allownegative="0">800</route>
      <route id="9" name="Autre" type="Telex" expire="" allownegative="">0</route></credits>""")
    )
    sms, voice, other = client.get_credits()
    assert (sms.route_id, sms.channel, sms.credits, sms.allowed_overdraft) == (
        1001,
        Channel.SMS,
        Decimal("4990.5"),
        Decimal(100),
    )
    assert sms.expires_at.date() == dt.date(2027, 12, 31) and voice.expires_at.hour == 23
    assert (other.channel, other.channel_raw, other.expires_at) == (None, "Telex", None)


def test_the_blacklist_and_responses_answers_parse():
    client, _ = _client(
        _ok("""<blacklist><member><date>2017-01-05 10:00:00</date><code>33</code>
      <number>612345678</number><mail></mail><reason>STOP</reason></member></blacklist>""")
    )
    [entry] = client.get_blacklist("sms")
    assert (entry.code, entry.number, entry.reason) == ("33", "612345678", "STOP")
    one_container = _ok("""<responses><date>2017-01-05 10:00:00</date><code>33</code><number>612345678</number>
      <message>STOP</message><date>2017-01-06 10:00:00</date><code>33</code><number>623456789</number>
      <message>Oui</message></responses>""")
    several = _ok("""<responses><date>2017-01-05 10:00:00</date><code>33</code><number>612345678</number>
      <message>STOP</message></responses><responses><date>2017-01-06 10:00:00</date><code>33</code>
      <number>623456789</number><message>Oui</message></responses>""")
    for answer in (one_container, several):
        client, _ = _client(answer)
        assert [(r.number, r.message) for r in client.get_responses("sms")] == [("612345678", "STOP"),
                                                                               ("623456789", "Oui")]  # fmt: skip


CDR_LIST = _ok("""<getCDR>
    <message id="11" channel="vsms"><date_init>2017-01-05 10:00:00</date_init><sender>SHOP</sender>
      <from_api>true</from_api><credits>1</credits><message_ref>A1B2</message_ref><phone_code>33</phone_code>
      <phone_number>145678910</phone_number><mail_recipient></mail_recipient><mail_subject></mail_subject>
      <status_id>4</status_id><status_date>2017-01-05 10:00:30</status_date><content>Bonjour</content></message>
    <campaign id="7" Channel="mail" recipients_count="1200"><date_init>2017-01-05 09:00:00</date_init>
      <sender>news@example.fr</sender><from_api>false</from_api><credits>1200</credits><group_id>12</group_id>
      <template_id>3</template_id></campaign>
  </getCDR>""")


def test_both_forms_of_the_cdr_answer_parse():
    client, recorder = _client(CDR_LIST)
    report = client.get_cdr(start_date=dt.date(2017, 1, 1), stop_date="2017-01-31", channel=Channel.EMAIL,
                            campaign_only=False, api_only=True, show_content=True)  # fmt: skip
    [message], [campaign] = report.messages, report.campaigns
    assert (message.id, message.channel, message.from_api, message.status_id, message.content) == (
        11,
        "vsms",
        True,
        "4",
        "Bonjour",
    )
    assert message.status.value == "delivered"
    assert (campaign.id, campaign.channel, campaign.recipients_count, campaign.from_api, campaign.group_id) == (
        7,
        "mail",
        1200,
        False,
        12,
    )
    query = recorder.xml.find("tracking/getCDR")
    assert [(e.tag, e.text or "") for e in query] == [
        ("startdate", "2017-01-01"), ("stopdate", "2017-01-31"), ("channel", "mail"), ("campaignonly", "false"),
        ("apionly", "true"), ("campaignid", ""), ("showcontent", "true"),
    ]  # fmt: skip

    client, _ = _client(
        _ok("""<getCDR><message id="12"><date_init>2017-01-05 10:00:00</date_init><credits>1</credits>
      <message_ref>C3D4</message_ref><group_member_id>5001</group_member_id><phone_code></phone_code>
      <phone_number></phone_number><mail_recipient>a@example.fr</mail_recipient><mail_subject>S</mail_subject>
      <status_id>58</status_id><status_date>2017-01-05 11:00:00</status_date><content></content></message></getCDR>""")
    )
    [message] = client.get_cdr(start_date="2017-01-01", stop_date="2017-01-31", campaign_id=7).messages
    assert (message.group_member_id, message.mail_recipient, message.status.value, message.from_api) == (
        5001,
        "a@example.fr",
        "clicked",
        None,
    )


def test_the_mail_events_answer_parses():
    client, recorder = _client(
        _ok("""<getMailEvents><event id="1" type="click"><date>2017-01-05 10:00:00</date>
      <mail_recipient>a@example.fr</mail_recipient><message_id>12</message_id><value>https://example.fr</value>
      <user_agent>Firefox</user_agent><ip>192.0.2.1</ip><lang>fr</lang></event></getMailEvents>""")
    )
    [event] = client.get_mail_events(7)
    assert (event.id, event.type, event.value, event.lang) == (1, "click", "https://example.fr", "fr")
    assert recorder.requests[-1].url.path == "/tracking/7/getMailEvents"


def test_the_hlr_answer_parses_and_the_lookup_is_a_get():
    client, recorder = _client(
        _ok("""<hlr><number>33610203040</number><status_code>0</status_code>
      <status_msg>Délivrée</status_msg><error_code>0</error_code><error_permanent>false</error_permanent>
      <error_msg>Numéro valide</error_msg><imsi>208150000000000</imsi><net_mcc>208</net_mcc><net_mnc>15</net_mnc>
      <ported>true</ported><net_orig>Orange</net_orig><net_orig_prefix>61</net_orig_prefix>
      <net_orig_country>33</net_orig_country><net_port>Free Mobile</net_port><net_port_prefix>66</net_port_prefix>
      <net_port_country>33</net_port_country></hlr>""")
    )
    result = client.hlr_lookup(code="33", number="610203040")
    assert (result.mnc, result.ported, result.ported_network, result.original_network) == (
        "15",
        True,
        "Free Mobile",
        "Orange",
    )
    request = recorder.requests[-1]
    assert request.method == "GET" and request.url.path == "/numberInfo/HLRlookup"
    assert dict(request.url.params) == {"user": "UTILISATEUR", "pass": "MOT_DE_PASSE", "code": "33",
                                        "number": "610203040"}  # fmt: skip


@pytest.mark.parametrize(
    "call",
    [
        lambda c: c.del_group(3), lambda c: c.empty_group(3), lambda c: c.mod_member(3, 4, {"a": "b"}),
        lambda c: c.del_member(3, 4), lambda c: c.add_tags(3, []), lambda c: c.del_tags(3, ["a"]),
        lambda c: c.mod_group(3, name="n"), lambda c: c.del_template(3), lambda c: c.import_members(
            3, xml_url="http://a/b.xml", callback_url="http://a/c"),
        lambda c: c.push_mp3(3, message_type="main", url="http://a/b.mp3"),
        lambda c: c.mod_template(3, name="n", type="sms", message="m"),
        lambda c: c.del_blacklist_member("fax", phone="0145678910"),
    ],
)  # fmt: skip
def test_the_bare_answers_parse(call):
    client, _ = _client(_ok(""))
    assert call(client) is None
