"""manageTemplate/*: SMS, e-mail and voice templates, and the voice recordings
pushed from a URL (codes 66-72: type, URL syntax, download, 5 MB, MP3, duration)."""

from __future__ import annotations

import datetime as dt
import secrets
from urllib.parse import urlsplit

import httpx

from ...sandbox.app import Response
from ...sandbox.net import NotLoopbackError, fetch
from ..xml import Element, add, text
from .state import Refusal, Store, Template, answer, parse_bool, stamp

TYPES = ("sms", "voice", "mail")
MESSAGE_TYPES = ("intro", "main", "ask_end", "ask_end_thanks", "responder")
DURATIONS = (60, 120, 180)
MAX_MP3_BYTES = 5 * 1024 * 1024
RECORDING_NUMBER = "33170950000"  # the number to call to record a voice template


def list_templates(store: Store, owner: str, op: Element | None) -> Element:
    kind = text(op, "listTemplates/type") or "all"
    if kind not in (*TYPES, "all"):
        raise Refusal(63)
    root = answer()
    container = add(root, "templates")
    for template in store.templates.values():
        if template.owner == owner and kind in ("all", template.type):
            add(
                container,
                "template",
                template.name,
                id=template.id,
                type=template.type,
                date_create=stamp(template.created),
                date_update=stamp(template.updated),
            )
    return root


def find_template(store: Store, owner: str, template_id: int) -> Template:
    template = store.templates.get(template_id)
    if template is None:
        raise Refusal(65)
    if template.owner != owner:
        raise Refusal(60)
    return template


def add_template(store: Store, owner: str, op: Element | None, now: dt.datetime) -> Element:
    body = _body(op)
    kind = text(body, "type")
    if kind not in TYPES:
        raise Refusal(63)
    template = Template(store.next_id("template"), owner, kind, "", now, now)
    _fill(template, body)
    if kind == "voice":
        template.phone_code = f"{secrets.randbelow(10**6):06d}"
        template.reference = f"VX{template.id}{secrets.token_hex(2).upper()}"
    store.templates[template.id] = template
    root = answer()
    add(root, "templateid", template.id)
    if kind == "voice":
        add(root, "phonenumber", RECORDING_NUMBER)
        add(root, "phonecode", template.phone_code)
        add(root, "reference", template.reference)
    return root


def mod_template(template: Template, op: Element | None, now: dt.datetime) -> Element:
    body = _body(op)
    if text(body, "type") not in ("", template.type):
        raise Refusal(64, "a template's type cannot change")
    _fill(template, body)
    template.updated = now
    return answer()


def get_template(template: Template) -> Element:
    root = answer()
    for tag, value in (
        ("type", template.type),
        ("id", template.id),
        ("create_date", stamp(template.created)),
        ("update_date", stamp(template.updated)),
        ("name", template.name),
    ):
        add(root, tag, value)
    if template.type == "voice":
        add(root, "phonecode", template.phone_code)
        add(root, "templatereference", template.reference)
        add(root, "recorded", template.recorded)
        add(root, "duration", template.duration)
        interactive = add(root, "interactive")
        add(interactive, "enabled", template.interactive)
        add(interactive, "intro", template.intro)
        add(interactive, "ask_end", template.ask_end)
        responder = add(root, "responder")
        add(responder, "enabled", template.responder)
        add(responder, "custom", template.responder_custom)
    return root


def del_template(store: Store, template: Template, now: dt.datetime) -> Element:
    campaigns = [c for c in store.campaigns.values() if c.template_id == template.id]
    if any(c.date_init > now for c in campaigns):
        raise Refusal(61)
    if any(store.messages[ref].status_id is None for c in campaigns for ref in c.message_refs):
        raise Refusal(62, "a campaign using it is being sent")
    del store.templates[template.id]
    return answer()


def push_mp3(template: Template, op: Element | None, now: dt.datetime) -> Element:
    message_type = _voice_message_type(template, text(op, "pushMP3/messagetype"))
    url = text(op, "pushMP3/url")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refusal(68)
    try:
        content = fetch(url)
    except (NotLoopbackError, httpx.HTTPError) as exc:
        raise Refusal(69) from exc
    if len(content) > MAX_MP3_BYTES:
        raise Refusal(70)
    seconds = mp3_duration(content)
    if seconds is None:
        raise Refusal(71)
    if seconds > template.duration:
        raise Refusal(72)
    template.recordings[message_type] = content
    template.recorded = template.recorded or message_type == "main"
    template.updated = now
    return answer()


def get_mp3(template: Template, op: Element | None) -> Response | Element:
    message_type = _voice_message_type(template, text(op, "getMP3/messagetype"))
    if message_type not in template.recordings:
        raise Refusal(67)
    return Response(template.recordings[message_type], content_type="audio/mpeg")


def _voice_message_type(template: Template, message_type: str) -> str:
    if template.type != "voice":
        raise Refusal(63)
    if message_type not in MESSAGE_TYPES:
        raise Refusal(66)
    return message_type


def _body(op: Element | None) -> Element:
    # The spec shows <addTemplate> for creation and modification; <modTemplate> is accepted too.
    body = (
        None
        if op is None
        else (op.find("addTemplate") if op.find("addTemplate") is not None else op.find("modTemplate"))
    )
    if body is None:
        raise Refusal(64)
    return body


def _fill(template: Template, body: Element) -> None:
    name = text(body, "name") or template.name
    if not name:
        raise Refusal(64, "a template needs a name")
    if template.type == "sms":
        message = text(body, "sms/message") or template.message
        if not message:
            raise Refusal(64, "an SMS template needs a message")
        template.message = message
    elif template.type == "mail":
        template.message = text(body, "mail/message") or template.message
        template.subject = text(body, "mail/subject") or template.subject
        if not (template.message and template.subject):
            raise Refusal(64, "an e-mail template needs a subject and a message")
    else:
        voice = body.find("voice")
        if voice is not None:
            duration = text(voice, "duration")
            if duration and (not duration.isdigit() or int(duration) not in DURATIONS):
                raise Refusal(64, "duration must be 60, 120 or 180")
            template.duration = int(duration or template.duration)
            # "Tous les paramètres booléens qui ne sont pas spécifiés seront enregistrés à false."
            for attribute, path in (
                ("recorded", "recorded"),
                ("interactive", "interactive/enable"),
                ("intro", "interactive/intro"),
                ("ask_end", "interactive/ask_end"),
                ("responder", "responder/enable"),
                ("responder_custom", "responder/custom"),
            ):
                raw = text(voice, path) or text(voice, path.replace("enable", "enabled"))
                setattr(template, attribute, parse_bool(raw, code=64))
    template.name = name


# --- MP3 --------------------------------------------------------------------------

_BITRATES = {  # kbit/s by bitrate index, Layer III
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}


def mp3_duration(content: bytes) -> float | None:
    """Seconds of MPEG audio Layer III, by walking the frame headers; None when the
    content is not an MP3 (no two consecutive valid frames)."""
    position = 0
    if content[:3] == b"ID3" and len(content) >= 10:
        size = 0
        for byte in content[6:10]:
            size = (size << 7) | (byte & 0x7F)
        position = 10 + size
    frames, seconds = 0, 0.0
    while position + 4 <= len(content):
        frame = _frame(content[position : position + 4])
        if frame is None:
            break
        length, duration = frame
        frames += 1
        seconds += duration
        position += length
    return seconds if frames >= 2 else None


def _frame(header: bytes) -> tuple[int, float] | None:
    word = int.from_bytes(header, "big")
    version, layer = (word >> 19) & 0b11, (word >> 17) & 0b11
    bitrate_index, rate_index, padding = (word >> 12) & 0xF, (word >> 10) & 0b11, (word >> 9) & 1
    if word >> 21 != 0x7FF or version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None
    bitrate = _BITRATES[1 if version == 3 else 2][bitrate_index] * 1000
    sample_rate = _SAMPLE_RATES[version][rate_index]
    samples = 1152 if version == 3 else 576
    length = samples // 8 * bitrate // sample_rate + padding
    return length, samples / sample_rate
