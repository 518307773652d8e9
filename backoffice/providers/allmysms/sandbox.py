"""A faithful AllMySMS for tests, demos and rehearsals, mounted by the shared
sandbox app under ``/allmysms``: the SOAP endpoint at ``/allmysms/soap/server.php``
and its WSDL at ``/allmysms/soap/wSDL.php`` (or ``server.php?wsdl``).

Every status of the spec's annexes is reachable: see sandbox_send.py for sendSms
and sandbox_platform.py for deliveries. What input cannot produce on its own is
seeded on the demo account: campaigns whose status or send date is corrupt
(deleteCampaign's BADCAMPAIGNSTATUS, BADDATETOSEND) and one whose reports the
platform cannot reach (getAcks/getPull status 3); and an inactive account (303).
"""

from __future__ import annotations

import re

from lxml import etree

from ..sandbox.app import ProviderSandbox, Request, Response
from .checks import parse_send_date
from .client import WSDL
from .codes import SEND_STATUSES, SUB_ACCOUNT_CREATED
from .sandbox_platform import Account, Campaign, Platform, stamp
from .sandbox_send import Refusal, refusal_answer, send
from .sandbox_soap import BadEnvelope, Typed, answer, children, fault, read_call, value

DEMO_CLIENT_CODE = "demo"
DEMO_PASS_CODE = "demo-pass"  # noqa: S105 - the sandbox's public demo account
DEMO_CREDITS = 1000
INACTIVE_CLIENT_CODE = "demo-inactive"
INACTIVE_PASS_CODE = "demo-pass"  # noqa: S105
CORRUPT_STATUS_CAMPAIGN_ID = "ap_100000000001"
CORRUPT_DATE_CAMPAIGN_ID = "ap_100000000002"
UNREACHABLE_REPORTS_CAMPAIGN_ID = "ap_100000000003"
# The STOPs of the spec's getStop sample.
SEEDED_STOPS = {
    "33612345678": "2014-01-22 14:34:12",
    "33612345679": "2014-01-25 14:47:30",
    "33612345680": "2014-01-22 17:13:12",
    "33612345681": "2014-01-22 15:06:46",
}
SERVER_PATH = "/soap/server.php"
Parts = dict[str, etree._Element]  # a call's parts by name
WSDL_PATHS = ("/soap/wSDL.php", "/soap/wsdl.php")

# Sub-account formats (the spec names the checks, not the rules: these are ours).
NAME = re.compile(r"[^\W\d_]+(?:[ '\-][^\W\d_]+)*")
LOGIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{3,29}")
PASSWORD = re.compile(r"\S{6,30}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[A-Za-z]{2,}")
SUB_ACCOUNT_REQUIRED = ("firstName", "lastName", "society", "mobile", "email", "login", "password")
SUB_ACCOUNT_FORMATS = (
    ("firstName", NAME, "bad FIRSTNAME format"),
    ("lastName", NAME, "bad LASTNAME format"),
    ("login", LOGIN, "bad LOGIN format"),
    ("password", PASSWORD, "bad PASSWORD format"),
    ("email", EMAIL, "bad EMAIL format"),
)


class AllMySMSSandbox(ProviderSandbox):
    name = "allmysms"

    def reset(self) -> None:
        self.platform = Platform(self.context.clock)
        demo = self.platform.add_account(Account(DEMO_CLIENT_CODE, DEMO_PASS_CODE, float(DEMO_CREDITS)))
        self.platform.add_account(Account(INACTIVE_CLIENT_CODE, INACTIVE_PASS_CODE, 0.0, active=False))
        for phone, when in SEEDED_STOPS.items():
            demo.stops[phone] = ("stop", self._seed_time(when))
        seeds = {CORRUPT_STATUS_CAMPAIGN_ID: "corrupt_status", CORRUPT_DATE_CAMPAIGN_ID: "corrupt_date"}
        for campaign_id, state in seeds.items():
            self.platform.campaigns[campaign_id] = self._seed_campaign(campaign_id, state=state)
        unreachable = self._seed_campaign(UNREACHABLE_REPORTS_CAMPAIGN_ID, state="sent")
        unreachable.reports_unreachable = True
        self.platform.campaigns[UNREACHABLE_REPORTS_CAMPAIGN_ID] = unreachable

    def _seed_time(self, when: str) -> float:
        return parse_send_date(when).timestamp()

    def _seed_campaign(self, campaign_id: str, *, state: str) -> Campaign:
        return Campaign(campaign_id, DEMO_CLIENT_CODE, "Seeded", [], 0.0, DEMO_CLIENT_CODE, state=state)

    def summary(self) -> dict:
        return self.platform.summary()

    def server_error(self) -> Response:
        return fault("Server", "Internal Server Error")

    # --- HTTP ------------------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        wsdl_query = request.environ.get("QUERY_STRING", "").lower() == "wsdl"  # PHP's "server.php?wsdl"
        if request.method == "GET" and (request.path in WSDL_PATHS or wsdl_query):
            return self._wsdl()
        if request.path != SERVER_PATH:
            return Response(b"Not Found", 404, "text/plain")
        if request.method != "POST":
            return fault("Client", "Bad Request. Can't find HTTP_RAW_POST_DATA")
        try:
            method, element = read_call(request.body)
        except BadEnvelope as exc:
            return fault("Client", str(exc))
        operation = self.OPERATIONS.get(method)
        if operation is None:
            return fault("Client", f'Function ("{method}") is not a valid method for this service')
        name, run = operation
        parts = children(element)
        login = value(parts.get("clientCode")) or value(parts.get("clientId"))
        return answer(name, run(self, login, value(parts.get("passCode")), parts))

    def _wsdl(self) -> Response:
        endpoint = self.context.url(self.name, SERVER_PATH)
        body = WSDL.read_text(encoding="utf-8").replace("http://api.msinnovations.com/soap/server.php", endpoint)
        return Response(body.encode("utf-8"), content_type="text/xml; charset=utf-8")

    # --- operations (C. Méthodes) ---------------------------------------------------------

    def _send_sms(self, login: str | None, password: str | None, parts: Parts) -> dict:
        account = self.platform.account(login, password)
        try:
            return send(self.platform, account, parts.get("messageData"), self.lock)
        except Refusal as refusal:
            return refusal_answer(refusal, account)

    def _report(self, login: str | None, password: str | None, parts: Parts) -> tuple[Campaign | None, int]:
        """The campaign behind getAcks/getPull, or the request status to answer."""
        account = self.platform.account(login, password)
        if account is None or not account.active:
            return None, 2
        campaign = self.platform.campaigns.get((value(parts.get("campId")) or "").strip())
        if campaign is None:
            return None, 1
        if campaign.owner != account.login:
            return None, 2
        return campaign, 3 if campaign.reports_unreachable else 0

    def _get_acks(self, login: str | None, password: str | None, parts: Parts) -> dict:
        campaign, status = self._report(login, password, parts)
        acks = self.platform.acks(campaign) if campaign is not None and status == 0 else []
        return {
            "status": status if acks or status else 1,
            "acks": acks,
            "cliMsgId": campaign.cli_msg_id if campaign else "",
        }

    def _get_pull(self, login: str | None, password: str | None, parts: Parts) -> dict:
        campaign, status = self._report(login, password, parts)
        replies = campaign.replies if campaign is not None and status == 0 else []
        # As the sample: replies under "answer", "pulls" nil, odd xsi:types kept.
        return {
            "status": status if replies or status else 1,
            "pulls": None,
            "answer": [
                {
                    "id": str(reply.reply_id),
                    "campaignId": campaign.campaign_id,
                    "message": reply.text,
                    "receptionDate": stamp(reply.received),
                    "phoneNumber": Typed(reply.phone, "xsd:int"),
                }
                for reply in replies
            ],
            "cliMsgId": Typed(campaign.cli_msg_id if campaign else "", "xsd:boolean"),
        }

    def _get_info(self, login: str | None, password: str | None, parts: Parts) -> dict:
        account = self.platform.accounts.get(login or "")
        if account is None:
            return {"status": "301", "credits": "0"}
        if account.password != (password or ""):
            return {"status": "302", "credits": "0"}
        status = "active account" if account.active else "303"
        return {"status": status, "credits": f"{account.credits:g}"}

    def _delete_campaign(self, login: str | None, password: str | None, parts: Parts) -> dict:
        account = self.platform.account(login, password)
        campaign = self.platform.campaigns.get((value(parts.get("campId")) or "").strip())
        if account is None or campaign is None or campaign.owner != account.login:
            status = "CAMPNOTFOUND"
        elif campaign.state == "deleted":
            status = "CAMPAIGNALREADYDELETED"
        elif campaign.state == "corrupt_status":
            status = "BADCAMPAIGNSTATUS"
        elif campaign.state == "corrupt_date":
            status = "BADDATETOSEND"
        elif not campaign.deferred:
            status = "BADCAMPAIGNSENDINGTYPE"
        elif campaign.state == "sent":
            status = "CAMPALREADYSENT"
        else:
            campaign.state, status = "deleted", "OK"
            account.credits += campaign.cost  # nothing was sent: the credits come back
        return {"status": Typed(status, "xsd:int")}  # typed as in the sample

    def _get_stop(self, login: str | None, password: str | None, parts: Parts) -> dict:
        account = self.platform.account(login, password)
        if account is None:
            return {"status": 2, "answer": []}
        entries = sorted(account.stops.items(), key=lambda entry: entry[1][1])
        return {
            "answer": [
                {"phoneNumber": phone, "comment": comment, "receptionDate": stamp(when)}
                for phone, (comment, when) in entries
            ]
        }

    def _create_sub_account(self, login: str | None, password: str | None, parts: Parts) -> dict:
        master = self.platform.account(login, password)
        if master is None or not master.active:
            return {"status": "0", "text": SEND_STATUSES["102"].message.fr}
        fields = {name: (value(node) or "").strip() for name, node in children(parts.get("subAccount")).items()}
        text = self._sub_account_refusal(fields)
        if text:
            return {"status": "0", "text": text}
        self.platform.add_account(
            Account(
                fields["login"],
                fields["password"],
                0.0,
                master=master.login,
                post_paid=fields.get("postPaid") == "1" and master.post_paid,
                profile={k: v for k, v in fields.items() if k != "password"},
            )
        )
        return {"status": "1", "text": SUB_ACCOUNT_CREATED}

    def _sub_account_refusal(self, fields: dict[str, str]) -> str:
        if any(not fields.get(name) for name in SUB_ACCOUNT_REQUIRED):
            return "bad parameters"
        for name, pattern, refusal in SUB_ACCOUNT_FORMATS:
            if len(fields[name]) > 50 or not pattern.fullmatch(fields[name]):
                return refusal
        if fields["login"] in self.platform.accounts:
            return "The login already exists"
        return ""

    # method name (and the aliases the prose uses) -> (answer's name, handler)
    OPERATIONS = {
        "sendSms": ("sendSms", _send_sms),
        "sendSMS": ("sendSms", _send_sms),
        "getAcks": ("getAcks", _get_acks),
        "getAck": ("getAcks", _get_acks),
        "getPull": ("getPull", _get_pull),
        "getPulls": ("getPull", _get_pull),
        "getInfo": ("getInfo", _get_info),
        "deleteCampaign": ("deleteCampaign", _delete_campaign),
        "getStop": ("getStop", _get_stop),
        "getStops": ("getStop", _get_stop),
        "createSubAccount": ("createSubAccount", _create_sub_account),
        "subAccount": ("createSubAccount", _create_sub_account),
    }
