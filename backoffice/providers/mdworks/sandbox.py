"""The MDWorks sandbox, mounted under ``/mdworks`` by the shared sandbox app.

REST (mdworks-rest-api.txt): ``POST /mdworks/api_http/<function>`` with a JSON
body (under a JSON or a form content type), the API key and the caller's IP
checked, errors as ``{"error": "1", "message": ...}`` with HTTP 200; statistics
under ``/mdworks/api_http_open/campaigns_stats``, open to any IP.
SOAP scenario (mdworks-soap-scenario.txt): ``POST /mdworks/soap/scenario``.

Tests reach the state through the instance: :meth:`send_campaign` (a sub-account
that sent a campaign can no longer be deleted), :meth:`declare_ips`,
:meth:`protect_list`, ``lists[id].rows``, ``enrolments``.
"""

from __future__ import annotations

import json

from ..sandbox.app import ProviderSandbox, Request, Response
from . import codes, sandbox_soap
from .checks import is_email
from .sandbox_rest import Refusal, RestFunctions
from .sandbox_state import (
    FIRST_USER_ID,
    Campaign,
    ContactList,
    Enrolment,
    Ids,
    MainAccount,
    Pool,
    ScenarioAccount,
    User,
)

DEMO_API_KEY = "demo-api-key"
DEMO_MAIN_QUOTA = 100_000
DEMO_SUB_ACCOUNT_LOGIN = "agence_demo"  # the one sub-account of the demo; it has sent no campaign
DEMO_SUB_ACCOUNT_ID = FIRST_USER_ID  # it is created first on every reset
DEMO_SCENARIO_LOGIN = "demo"
DEMO_SCENARIO_PASSWORD = "demo-pass"  # noqa: S105 - the sandbox demo account
DEMO_SCENARIOS = {"21": "Bienvenue", "22": "Relance panier abandonné"}
# Another customer of the platform: its scenario "does not belong to you".
OTHER_SCENARIO_LOGIN = "autre_client"
OTHER_SCENARIO_ID = "99"
SCENARIO_PATH = "/soap/scenario"
SCENARIO_NAMESPACE = "urn:mdworks-scenario"
DECLARED_IP = "127.0.0.1"

HTML_NOT_FOUND = b"<!DOCTYPE html><html><head><title>404 Not Found</title></head><body><h1>Not Found</h1></body></html>"


class MDWorksSandbox(ProviderSandbox, RestFunctions):
    name = "mdworks"

    def reset(self) -> None:
        self.ids = Ids()
        self.account = MainAccount(
            id=1474,
            login=DEMO_SCENARIO_LOGIN,
            api_key=DEMO_API_KEY,
            quota=DEMO_MAIN_QUOTA,
            pool_id=527,
            declared_ips={DECLARED_IP},
        )
        self.pools = {
            527: Pool(
                527, "Classe 527 - Démo - Premium MTA 101", "domaine1.com", "domaine1.com", "91.209.225.64/25", 2
            ),
            545: Pool(
                545,
                "Classe 545 - Démo - Premium MTA 102",
                "domaine3.com",
                "domaine3.com",
                "91.209.225.64/25",
                2,
                tracking_ssl=False,
            ),
        }
        self.users: dict[int, User] = {}
        self.lists: dict[int, ContactList] = {}
        self.campaigns: list[Campaign] = []
        self.scenario_accounts = {
            DEMO_SCENARIO_LOGIN: ScenarioAccount(DEMO_SCENARIO_LOGIN, DEMO_SCENARIO_PASSWORD, dict(DEMO_SCENARIOS)),
            OTHER_SCENARIO_LOGIN: ScenarioAccount(
                OTHER_SCENARIO_LOGIN, "autre-pass-123", {OTHER_SCENARIO_ID: "Scénario d'un autre client"}
            ),
        }
        self.enrolments: list[Enrolment] = []
        self._load_demo()

    def _load_demo(self) -> None:
        user = User(
            next(self.ids.user),
            DEMO_SUB_ACCOUNT_LOGIN,
            "demo-password-1",
            "Agence démo",
            "tech@agence-demo.fr",
            20_000,
            545,
        )
        self.users[user.id] = user
        clients = self._new_list(self.account.id, "Clients démo", ["email", "nom", "prenom", "civilite"], "email")
        for email, nom, prenom, civilite in (
            ("martin.dupont@example.com", "Dupont", "Martin", "Monsieur"),
            ("myrlene.durant@example.com", "Durant", "Myrlène", "Madame"),
            ("loic.bresler@example.com", "Bresler", "Loïc", "Monsieur"),
        ):
            clients.add({"email": email, "nom": nom, "prenom": prenom, "civilite": civilite})
        self._new_list(self.account.id, "Liste principale (protégée)", ["email", "nom"], "email").protected = True
        self.account.unsubscribed.add("desabonne@example.com")
        self.account.radiated.add("radie@example.com")
        now = self.context.clock.time()
        self.send_campaign(
            reference="Newsletter de novembre", subject="Nos nouveautés", volume=1300, sent_at=now - 2 * 86400
        )
        self.send_campaign(
            reference="Relance panier", subject="Vous avez oublié quelque chose", volume=4151, sent_at=now - 3600
        )

    # --- hooks for tests and the demo --------------------------------------

    def send_campaign(
        self,
        user_id: int | None = None,
        *,
        reference: str = "Campagne de test",
        subject: str = "Test",
        volume: int = 1000,
        sent_at: float | None = None,
    ) -> int:
        """Simulate a campaign sent by a sub-account (or the main account): its
        statistics grow with the clock, and the sub-account can no longer be deleted."""
        login = self.account.login
        if user_id is not None:
            self.users[user_id].has_sent = True
            login = self.users[user_id].login
        campaign = Campaign(
            next(self.ids.campaign),
            user_id or self.account.id,
            login,
            reference,
            subject,
            self.context.clock.time() if sent_at is None else sent_at,
            volume,
        )
        self.campaigns.append(campaign)
        return campaign.id

    def declare_ips(self, *ips: str) -> None:
        self.account.declared_ips = set(ips)

    def protect_list(self, list_id: int, protected: bool = True) -> None:
        self.lists[list_id].protected = protected

    def _new_list(self, owner_id: int, name: str, fields: list[str], email_field: str) -> ContactList:
        contact_list = ContactList(next(self.ids.list), owner_id, name, fields, email_field)
        self.lists[contact_list.id] = contact_list
        return contact_list

    def summary(self) -> dict:
        return {
            "users": len(self.users),
            "lists": {i: lst.row_count for i, lst in self.lists.items()},
            "campaigns": len(self.campaigns),
            "enrolments": len(self.enrolments),
            "unsubscribed": sorted(self.account.unsubscribed),
            "radiated": sorted(self.account.radiated),
        }

    def server_error(self) -> Response:
        # PHP SoapServer's own 500; the REST side answers the same status, which is what matters.
        return sandbox_soap.fault("Server", "Internal Server Error")

    # --- HTTP ----------------------------------------------------------------

    def handle(self, request: Request) -> Response:
        if request.path == SCENARIO_PATH:
            return self._scenario(request)
        area, _, function = request.path.strip("/").partition("/")
        open_area = area == "api_http_open"
        handler = self.OPEN_FUNCTIONS.get(function) if open_area else self.FUNCTIONS.get(function)
        if request.method != "POST" or area not in ("api_http", "api_http_open") or handler is None:
            return Response(HTML_NOT_FOUND, 404, "text/html; charset=utf-8")
        try:
            data = self._authenticate(request, check_ip=not open_area)
            answer = handler(self, data)
        except Refusal as refusal:
            answer = {"error": "1", "message": refusal.words}
        return Response(
            json.dumps(answer, ensure_ascii=False).encode("utf-8"), content_type="application/json; charset=utf-8"
        )

    def _authenticate(self, request: Request, *, check_ip: bool) -> dict:
        # The body is JSON whatever the content type (the vendor's PHP sends it as a form).
        try:
            data = json.loads(request.body or b"null")
        except ValueError:
            data = None
        if not isinstance(data, dict) or data.get("api_key") != self.account.api_key:
            raise Refusal(codes.API_KEY_INVALID)
        if check_ip and request.remote_addr not in self.account.declared_ips:
            raise Refusal(f"{codes.IP_NOT_DECLARED}: {request.remote_addr}")
        return data

    # --- SOAP scenario -------------------------------------------------------

    def _scenario(self, request: Request) -> Response:
        call = sandbox_soap.read_call(request.body)
        if isinstance(call, Response):
            return call
        operation, parameters = call
        if operation != sandbox_soap.OPERATION:
            return sandbox_soap.fault("Server", f"Function '{operation}' doesn't exist")
        # PHP passes parameters by position; a missing one arrives empty.
        login, password, scenario, email, *values = (parameters + [""] * 12)[:12]
        refusal = self._scenario_refusal(login, password, scenario, email)
        if refusal is not None:
            return sandbox_soap.error(SCENARIO_NAMESPACE, refusal, codes.SCENARIO_ERRORS[refusal].words)
        enrolment = Enrolment(
            next(self.ids.recipient), login, scenario, email, tuple(values), self.context.clock.time()
        )
        self.enrolments.append(enrolment)
        return sandbox_soap.success(SCENARIO_NAMESPACE, enrolment.id)

    def _scenario_refusal(self, login: str, password: str, scenario: str, email: str) -> int | None:
        """The spec's error (its number in codes.SCENARIO_ERRORS) for this call, if any."""
        if not login.strip():
            return 1
        if not password:
            return 2
        if not scenario.strip() or not email.strip():
            return 4
        account = self.scenario_accounts.get(login)
        if account is None or account.password != password:
            return 5
        if scenario.strip() not in account.scenarios:
            return 3
        if not is_email(email.strip()):
            return 6
        if login == self.account.login and self.is_suppressed(email):
            return 7
        return None

    def is_suppressed(self, email: str) -> bool:
        address = email.strip().lower()
        return address in self.account.unsubscribed or address in self.account.radiated
