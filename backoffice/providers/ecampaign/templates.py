"""Message templates and voice recordings (spec, "Méthodes pour la gestion des modèles")."""

from __future__ import annotations

import httpx

from ..errors import TransientError
from .codes import PROVIDER
from .connection import Connection
from .results import Template, TemplateCreated, TemplateSummary, TemplateType, VoiceMessageType, VoiceOptions
from .xml import Element, add, parse_answer, parse_datetime, text, to_bool, to_int


class TemplatesMixin(Connection):
    def list_templates(self, type: TemplateType | str = "all") -> list[TemplateSummary]:  # noqa: A002 - the spec's word
        root = self._request()
        add(add(add(root, "manageTemplate"), "listTemplates"), "type", str(type))
        answer = self._call("/manageTemplate/list", root, safe_to_repeat=True)
        return [
            TemplateSummary(
                id=int(template.get("id", "0")),
                type=template.get("type", ""),
                name=(template.text or "").strip(),
                created_at=parse_datetime(template.get("date_create")),
                updated_at=parse_datetime(template.get("date_update")),
            )
            for template in answer.iterfind("templates/template")
        ]

    def get_template(self, template_id: int) -> Template:
        root = self._request()
        add(root, "manageTemplate")
        answer = self._call(f"/manageTemplate/{int(template_id)}/get", root, safe_to_repeat=True)
        kind = text(answer, "type")
        voice = None
        if kind == TemplateType.VOICE:
            voice = VoiceOptions(
                duration=to_int(text(answer, "duration")) or 0,
                recorded=to_bool(text(answer, "recorded")),
                interactive=_enabled(answer.find("interactive")),
                intro=to_bool(text(answer, "interactive/intro")),
                ask_end=to_bool(text(answer, "interactive/ask_end")),
                responder=_enabled(answer.find("responder")),
                responder_custom=to_bool(text(answer, "responder/custom")),
            )
        return Template(
            id=to_int(text(answer, "id")) or int(template_id),
            type=kind,
            name=text(answer, "name"),
            created_at=parse_datetime(text(answer, "create_date")),
            updated_at=parse_datetime(text(answer, "update_date")),
            phone_code=text(answer, "phonecode"),
            reference=text(answer, "templatereference"),
            voice=voice,
        )

    def add_template(
        self,
        *,
        name: str,
        type: TemplateType | str,  # noqa: A002 - the spec's word
        message: str | None = None,
        subject: str | None = None,
        voice: VoiceOptions | None = None,
    ) -> TemplateCreated:
        """``message`` is the SMS or e-mail text, ``subject`` the e-mail's;
        ``voice`` the options of a voice template (unset booleans are false)."""
        root = self._request()
        _add_template_body(root, name=name, kind=str(type), message=message, subject=subject, voice=voice)
        answer = self._call("/manageTemplate/add", root, safe_to_repeat=False)
        return TemplateCreated(
            template_id=int(text(answer, "templateid")),
            phone_number=text(answer, "phonenumber"),
            phone_code=text(answer, "phonecode"),
            reference=text(answer, "reference"),
        )

    def mod_template(
        self,
        template_id: int,
        *,
        name: str,
        type: TemplateType | str,  # noqa: A002 - the spec's word
        message: str | None = None,
        subject: str | None = None,
        voice: VoiceOptions | None = None,
    ) -> None:
        """The spec documents one body for creation and modification (``<addTemplate>``)."""
        root = self._request()
        _add_template_body(root, name=name, kind=str(type), message=message, subject=subject, voice=voice)
        self._call(f"/manageTemplate/{int(template_id)}/mod", root, safe_to_repeat=True)

    def del_template(self, template_id: int) -> None:
        root = self._request()
        add(root, "manageTemplate")
        self._call(f"/manageTemplate/{int(template_id)}/del", root, safe_to_repeat=True)

    def push_mp3(self, template_id: int, *, message_type: VoiceMessageType | str, url: str) -> None:
        """eCampaign downloads the MP3 from ``url`` (5 MB at most, no longer than the
        template's duration)."""
        root = self._request()
        op = add(add(root, "manageTemplate"), "pushMP3")
        add(op, "messagetype", str(message_type))
        add(op, "url", url)
        self._call(f"/manageTemplate/{int(template_id)}/pushMP3", root, safe_to_repeat=True)

    def get_mp3(self, template_id: int, *, message_type: VoiceMessageType | str) -> bytes:
        """The recording's MP3 bytes; an XML answer is an error (spec, "Réponse")."""
        root = self._request()
        add(add(add(root, "manageTemplate"), "getMP3"), "messagetype", str(message_type))
        return self._exchange(
            f"/manageTemplate/{int(template_id)}/getMP3", root, safe_to_repeat=True, read=_audio_or_error
        )


def _audio_or_error(answer: httpx.Response) -> bytes:
    if answer.content.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        parse_answer(answer.content)  # raises the mapped error
        raise TransientError("getMP3 answered XML without an error code", provider=PROVIDER)
    return answer.content


def _enabled(element: Element | None) -> bool:
    # getTemplate answers <enabled>; the creation request says <enable>.
    return to_bool(text(element, "enabled") or text(element, "enable"))


def _add_template_body(
    root: Element, *, name: str, kind: str, message: str | None, subject: str | None, voice: VoiceOptions | None
) -> None:
    op = add(add(root, "manageTemplate"), "addTemplate")
    add(op, "name", name)
    add(op, "type", kind)
    if kind == TemplateType.SMS:
        add(add(op, "sms"), "message", message or "")
    elif kind == TemplateType.MAIL:
        mail = add(op, "mail")
        add(mail, "message", message or "")
        add(mail, "subject", subject or "")
    elif kind == TemplateType.VOICE:
        options = voice or VoiceOptions()
        element = add(op, "voice")
        add(element, "duration", options.duration)
        add(element, "recorded", options.recorded)
        interactive = add(element, "interactive")
        add(interactive, "enable", options.interactive)
        add(interactive, "intro", options.intro)
        add(interactive, "ask_end", options.ask_end)
        responder = add(element, "responder")
        add(responder, "enable", options.responder)
        add(responder, "custom", options.responder_custom)
