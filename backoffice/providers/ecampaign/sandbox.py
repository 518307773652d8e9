"""The eCampaign sandbox, mounted under ``/ecampaign`` by the shared sandbox app:
every web service of the spec with its checks and return codes, state per
account, and a delivery simulator that POSTs delivery callbacks.

The request is the form field ``xml``, form-encoded or, like the vendor's sample
client, raw (``xml=<?xml ...``); a bare XML body is accepted too. Outgoing HTTP
(MP3s, import files, callbacks) reaches loopback addresses only."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
import re
from collections.abc import Callable
from urllib.parse import parse_qs

from ..errors import ProviderError
from ..http import parse_xml
from ..sandbox.app import ProviderSandbox, Request, Response
from .codes import PROVIDER
from .fake import groups, sending, templates, tracking
from .fake.delivery import DeliverySimulator
from .fake.demo import seed_demo
from .fake.state import Account, Refusal, Store, answer
from .xml import Element, serialize, text

logger = logging.getLogger(__name__)

DEMO_USER = "demo"
DEMO_PASSWORD = "demo-pass"  # noqa: S105 - the sandbox's public demo account

Handler = Callable[[Account, Element, re.Match], "Element | Response"]


class ECampaignSandbox(ProviderSandbox):
    name = "ecampaign"

    def reset(self) -> None:
        self.store = Store()
        self.simulator = DeliverySimulator(self)
        # Where delivery callbacks go when the account has none of its own.
        self.callback_url: str | None = None
        seed_demo(self.store, self.context.clock.now(), user=DEMO_USER, password=DEMO_PASSWORD)
        self.routes: list[tuple[re.Pattern, Handler]] = [
            (re.compile(r"/(sendSMS|sendVoice|sendMail|sendFAX)"), self._send),
            (re.compile(r"/manageGroup/listGroups"), lambda a, r, m: groups.list_groups(self.store, a)),
            (re.compile(r"/manageGroup/addGroup"), self._add_group),
            (re.compile(r"/manageGroup/(\d+)/(\w+)"), self._group_operation),
            (re.compile(r"/manageTemplate/list"), self._list_templates),
            (re.compile(r"/manageTemplate/add"), self._add_template),
            (re.compile(r"/manageTemplate/(\d+)/(get|mod|del|getMP3|pushMP3)"), self._template_operation),
            (re.compile(r"/manageCredit/getCredit"), lambda a, r, m: tracking.get_credit(a)),
            (re.compile(r"/manageFeedback/(\w+)/(getBlacklist|delBlacklistMember|getResponses)"), self._feedback),
            (re.compile(r"/tracking/getCDR"), lambda a, r, m: tracking.get_cdr(self.store, a, r.find("tracking"))),
            (
                re.compile(r"/tracking/(\d+)/getMailEvents"),
                lambda a, r, m: tracking.get_mail_events(self.store, a, int(m.group(1))),
            ),
        ]

    # --- what tests and the demo use -------------------------------------------------

    def add_account(self, user: str, password: str, **options) -> Account:
        """Another account (``api_enabled=False`` to get code 4; no routes for code 31)."""
        account = Account(user, password, **options)
        self.store.accounts[user] = account
        return account

    def callback_url_for(self, user: str) -> str | None:
        return self.store.accounts[user].callback_url or self.callback_url

    def summary(self) -> dict:
        demo = self.store.accounts.get(DEMO_USER)
        return {
            "accounts": sorted(self.store.accounts),
            "demo_credits": {str(r.id): str(r.credits) for r in demo.routes.values()} if demo else {},
            "groups": len(self.store.groups),
            "templates": len(self.store.templates),
            "messages": len(self.store.messages),
            "callbacks_posted": len(self.simulator.posted),
        }

    def server_error(self) -> Response:
        # The real platform is PHP behind Apache: a 500 comes as Apache's HTML page.
        page = (
            b'<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head><title>500 Internal Server '
            b"Error</title></head><body><h1>Internal Server Error</h1></body></html>\n"
        )
        return Response(page, status=500, content_type="text/html; charset=iso-8859-1")

    # --- dispatch ------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        try:
            result = self._hlr(request) if request.path == "/numberInfo/HLRlookup" else self._dispatch(request)
        except Refusal as refusal:
            logger.debug("eCampaign sandbox: %s refused with %s %s", request.path, refusal.code, refusal.detail)
            result = answer(refusal.code)
        if isinstance(result, Response):
            return result
        return Response(serialize(result))

    def _dispatch(self, request: Request) -> Element | Response:
        if request.method != "POST":
            raise Refusal(1)
        root = self._read_xml(request.body)
        account = self._login(text(root, "login/user"), text(root, "login/password"), text(root, "login/md5"))
        for pattern, handler in self.routes:
            match = pattern.fullmatch(request.path)
            if match:
                return handler(account, root, match)
        raise Refusal(1)

    @staticmethod
    def _read_xml(body: bytes) -> Element:
        if body.startswith(b"xml=<"):
            content = body[4:]  # the vendor's sample posts the XML unencoded
        elif body.lstrip().startswith(b"<"):
            content = body
        else:
            values = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).get("xml")
            if not values:
                raise Refusal(1)
            content = values[-1].encode("utf-8")
        try:
            root = parse_xml(content, provider=PROVIDER)
        except ProviderError as exc:
            raise Refusal(2) from exc
        if root.tag != "ecampaign":
            raise Refusal(2)
        return root

    def _login(self, user: str, password: str, md5: str) -> Account:
        account = self.store.accounts.get(user)
        if md5.lower() in ("true", "1"):
            expected = hashlib.md5(account.password.encode(), usedforsecurity=False).hexdigest() if account else None
            password = password.lower()
        else:
            expected = account.password if account else None
        if account is None or password != expected:
            raise Refusal(3)
        if not account.api_enabled:
            raise Refusal(4)
        return account

    def _hlr(self, request: Request) -> Element:
        query = request.query
        account = self.store.accounts.get(query.get("user", ""))
        password = query.get("pass", "")
        # A GET has no md5 element: the plain password or its digest are both accepted.
        digest = hashlib.md5(account.password.encode(), usedforsecurity=False).hexdigest() if account else None
        if account is None or password not in (account.password, digest):
            raise Refusal(3)
        if not account.api_enabled:
            raise Refusal(4)
        return tracking.hlr_lookup(query.get("code", ""), query.get("number", ""))

    # --- handlers ----------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        return self.context.clock.now().replace(microsecond=0)

    def _send(self, account: Account, root: Element, match: re.Match) -> Element:
        operation = match.group(1)
        op = root.find(operation)
        if op is None:
            raise Refusal(1)
        send = sending.check_send(self.store, account, operation, op, self._now())
        template = self.store.templates.get(send.template_id) if send.template_id else None
        answer_root, messages = sending.record_send(
            self.store, account, send, template.duration if template else 60, self._now()
        )
        for message in messages:
            self.simulator.start(message)
        return answer_root

    def _add_group(self, account: Account, root: Element, match: re.Match) -> Element:
        return groups.add_group(self.store, account, root.find("manageGroup/addGroup"), self._now())

    def _group_operation(self, account: Account, root: Element, match: re.Match) -> Element:
        group = groups.find_group(self.store, account, int(match.group(1)))
        operation, manage = match.group(2), root.find("manageGroup")
        op = manage.find(operation) if manage is not None else None
        handlers = {
            "getGroup": lambda: groups.get_group(group),
            "modGroup": lambda: groups.mod_group(group, op),
            "delGroup": lambda: self._del_group(group),
            "emptyGroup": lambda: groups.empty_group(self.store, group),
            "addTags": lambda: groups.add_tags(group, op),
            "delTags": lambda: groups.del_tags(group, op),
            "addMember": lambda: groups.add_member(self.store, group, op),
            "modMember": lambda: groups.mod_member(self.store, group, op),
            "getMember": lambda: groups.get_member(self.store, group, op),
            "delMember": lambda: groups.del_member(self.store, group, manage),
            "importMembers": lambda: self._import(group, op),
        }
        if operation not in handlers:
            raise Refusal(1)
        return handlers[operation]()

    def _del_group(self, group) -> Element:
        groups.empty_group(self.store, group)
        del self.store.groups[group.id]
        return answer()

    def _import(self, group, op: Element | None) -> Element:
        xml_url, callback_url = groups.check_import(op)

        def run() -> None:
            content, problem = groups.fetch_import_file(xml_url)  # outside the lock: the URL may be ours
            with self.lock:
                if self.store.groups.get(group.id) is not group:
                    return
                outcome = ("KO", 0, [problem]) if content is None else groups.run_import(self.store, group, content)
            self.simulator.post(callback_url, groups.import_report_xml(*outcome))

        # The import runs after the answer, like the real platform's background job.
        self.context.clock.call_later(2, run)
        return answer()

    def _list_templates(self, account: Account, root: Element, match: re.Match) -> Element:
        return templates.list_templates(self.store, account.user, root.find("manageTemplate"))

    def _add_template(self, account: Account, root: Element, match: re.Match) -> Element:
        return templates.add_template(self.store, account.user, root.find("manageTemplate"), self._now())

    def _template_operation(self, account: Account, root: Element, match: re.Match) -> Element | Response:
        template = templates.find_template(self.store, account.user, int(match.group(1)))
        op, now = root.find("manageTemplate"), self._now()
        return {
            "get": lambda: templates.get_template(template),
            "mod": lambda: templates.mod_template(template, op, now),
            "del": lambda: templates.del_template(self.store, template, now),
            "pushMP3": lambda: templates.push_mp3(template, op, now),
            "getMP3": lambda: templates.get_mp3(template, op),
        }[match.group(2)]()

    def _feedback(self, account: Account, root: Element, match: re.Match) -> Element:
        channel, operation = tracking.feedback_channel(match.group(1).lower()), match.group(2)
        if operation == "getBlacklist":
            return tracking.get_blacklist(account, channel)
        if operation == "getResponses":
            return tracking.get_responses(account, channel)
        return tracking.del_blacklist_member(account, channel, root.find("delBlacklistMember"))


__all__ = ["DEMO_PASSWORD", "DEMO_USER", "ECampaignSandbox"]
