"""The AllMySMS SOAP API (specs/allmysms-soap-api.txt, "C. Méthodes"): one method
per operation, through zeep and the hand-written WSDL shipped beside this module.

Reads (acks, replies, info, STOPs) and campaign deletion are retried on a
:class:`TransientError`; ``sendSms`` and ``createSubAccount`` only when the request
provably never left (a second send would send twice).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from pathlib import Path

from ..errors import InvalidRequestError, ProviderError, TransientError
from ..http import DEFAULT_TIMEOUT, RETRY_ATTEMPTS, build_soap_client, soap_errors, with_retries
from . import answers, checks
from .codes import PROVIDER
from .envelope import SpecEncoding
from .results import (
    AccountInfo,
    AckReport,
    CampaignDeletion,
    ReplyReport,
    SendResult,
    SmsRecipient,
    Stop,
    SubAccountCreated,
)

WSDL = Path(__file__).with_name("allmysms.wsdl")
DEFAULT_ENDPOINT = "http://api.msinnovations.com/soap/server.php"  # "Envoi de requêtes SOAP"

# createSubAccount's fields: our keyword -> the spec's name, required first.
SUB_ACCOUNT_REQUIRED = {
    "first_name": "firstName",
    "last_name": "lastName",
    "society": "society",
    "mobile": "mobile",
    "email": "email",
    "login": "login",
    "password": "password",
}
SUB_ACCOUNT_OPTIONAL = {
    "phone": "phone",
    "website": "website",
    "address": "address",
    "zip": "zip",
    "city": "city",
    "country": "country",
}


@functools.lru_cache(maxsize=16)
def _soap_service(endpoint: str, timeout: float):
    # Built once per process and endpoint: parsing the WSDL is the costly part.
    _, service = build_soap_client(
        wsdl=WSDL, provider=PROVIDER, endpoint=endpoint, timeout=timeout, plugins=[SpecEncoding()]
    )
    return service


def _client_fault(fault) -> ProviderError:
    # The server blamed our envelope (a SOAP-ENV:Client fault).
    return InvalidRequestError(f"SOAP fault: {fault.message}", provider=PROVIDER, code=fault.code, raw=fault.detail)


class AllMySMSClient:
    def __init__(
        self,
        *,
        client_code: str,
        pass_code: str,
        endpoint: str = DEFAULT_ENDPOINT,
        timeout: float = DEFAULT_TIMEOUT,
        attempts: int = RETRY_ATTEMPTS,
    ) -> None:
        self.client_code = client_code
        self._pass_code = pass_code
        self.endpoint = endpoint
        self.timeout = timeout
        self.attempts = attempts

    def __repr__(self) -> str:
        return f"AllMySMSClient(client_code={self.client_code!r}, endpoint={self.endpoint!r})"

    # --- sendSms ----------------------------------------------------------------

    def send_sms(
        self,
        *,
        message: str,
        recipients: Sequence[SmsRecipient | str],
        dynamic: int | None = None,
        lowcost: bool = False,
        campaign_name: str | None = None,
        cli_msg_id: str | None = None,
        date: dt.datetime | str | None = None,
        tpoa: str | None = None,
        mail_notif: bool = False,
    ) -> SendResult:
        """Send ``message`` to ``recipients`` (now, or at ``date``, Paris time).

        With a custom sender (``tpoa``) and a French number among the recipients,
        "STOP au 36180" is appended when the message does not end with it: without it
        the provider silently replaces the sender by 36180 (MessageData, "Pour des
        raisons légales"). ``SendResult.stop_mention_added`` says so, and the length
        checks count it."""
        recipients = [r if isinstance(r, SmsRecipient) else SmsRecipient(r) for r in recipients]
        message_data, stop_added = self._message_data(
            message,
            recipients,
            dynamic=dynamic,
            lowcost=lowcost,
            campaign_name=campaign_name,
            cli_msg_id=cli_msg_id,
            date=date,
            tpoa=tpoa,
            mail_notif=mail_notif,
        )
        return self._post_message_data(message_data, stop_mention_added=stop_added)

    def _message_data(
        self,
        message: str,
        recipients: list[SmsRecipient],
        *,
        dynamic: int | None,
        lowcost: bool,
        tpoa: str | None,
        date: dt.datetime | str | None,
        campaign_name: str | None,
        cli_msg_id: str | None,
        mail_notif: bool,
    ) -> tuple[dict, bool]:
        if not (message or "").strip():
            raise checks.invalid("message", "Le message est vide", "The message is empty")
        if not recipients:
            raise checks.invalid("sms", "Aucun destinataire", "No recipient")
        if tpoa is not None:
            checks.check_tpoa(tpoa)
        phones = checks.normalize_recipient_numbers([r.phone for r in recipients])
        count = checks.check_placeholders(message, dynamic, [r.params for r in recipients])
        stop_added = False
        if tpoa is not None and not checks.has_stop_mention(message) and any(map(checks.is_french, phones)):
            message, stop_added = checks.with_stop_mention(message), True
        for recipient in recipients if count else recipients[:1]:
            checks.check_length(checks.render(message, recipient.params), lowcost=lowcost)
        data = {
            "message": message,
            "lowcost": int(lowcost),
            "mailNotif": int(mail_notif),
            "sms": {
                "item": [
                    {"mobilePhone": checks.wire_phone(phone), "params": {"item": list(r.params)}}
                    for phone, r in zip(phones, recipients, strict=True)
                ]
            },
        }
        optional = {
            "dynamic": count or dynamic,
            "campaignName": campaign_name,
            "cliMsgId": cli_msg_id,
            "date": checks.format_send_date(date) if date is not None else None,
            "tpoa": tpoa,
        }
        data.update({key: value for key, value in optional.items() if value is not None})
        return data, stop_added

    def _post_message_data(self, message_data: dict, *, stop_mention_added: bool = False) -> SendResult:
        answer = self._call(
            "sendSms",
            safe_to_repeat=False,
            clientCode=self.client_code,
            passCode=self._pass_code,
            messageData=message_data,
        )
        return answers.send_result(answer, stop_mention_added=stop_mention_added)

    # --- reports ------------------------------------------------------------------

    def get_acks(self, campaign_id: str) -> AckReport:
        answer = self._call("getAcks", clientCode=self.client_code, passCode=self._pass_code, campId=campaign_id)
        return answers.ack_report(answer, campaign_id)

    def get_pulls(self, campaign_id: str) -> ReplyReport:
        answer = self._call("getPull", clientCode=self.client_code, passCode=self._pass_code, campId=campaign_id)
        return answers.reply_report(answer, campaign_id)

    def get_info(self) -> AccountInfo:
        """The account's status and credits. Raises :class:`AuthenticationError` for an
        unknown account or a wrong pass code; an inactive account is returned."""
        answer = self._call("getInfo", clientCode=self.client_code, passCode=self._pass_code)
        return answers.account_info(answer)

    def get_stops(self) -> tuple[Stop, ...]:
        return answers.stops(self._call("getStop", clientId=self.client_code, passCode=self._pass_code))

    # --- changes --------------------------------------------------------------------

    def delete_campaign(self, campaign_id: str) -> CampaignDeletion:
        """Cancel a scheduled campaign. Deleting an already deleted campaign is not an
        error (``already_deleted``), so this is safe to repeat."""
        answer = self._call("deleteCampaign", clientId=self.client_code, passCode=self._pass_code, campId=campaign_id)
        return answers.campaign_deletion(answer, campaign_id)

    def create_sub_account(
        self,
        *,
        first_name: str,
        last_name: str,
        society: str,
        mobile: str,
        email: str,
        login: str,
        password: str,
        phone: str = "",
        website: str = "",
        address: str = "",
        zip: str = "",  # noqa: A002 - the spec's field name
        city: str = "",
        country: str = "",
        send_email_to_customer: bool = False,
        send_email_to_master_account: bool = False,
        post_paid: bool = False,
    ) -> SubAccountCreated:
        given = locals()
        sub_account = {}
        for keyword, name in SUB_ACCOUNT_REQUIRED.items():
            if not str(given[keyword] or "").strip():
                raise checks.invalid(name, f"Le champ {name} est obligatoire", f"{name} is required")
            sub_account[name] = given[keyword]
        sub_account.update({name: given[keyword] for keyword, name in SUB_ACCOUNT_OPTIONAL.items() if given[keyword]})
        sub_account.update(
            sendEmailToCustomer=int(send_email_to_customer),
            sendEmailToMasterAccount=int(send_email_to_master_account),
            postPaid=int(post_paid),
        )
        answer = self._call(
            "createSubAccount",
            safe_to_repeat=False,
            clientCode=self.client_code,
            passCode=self._pass_code,
            subAccount=sub_account,
        )
        status, text = answers.sub_account_answer(answer)
        return SubAccountCreated(login=login, status_text=text, message=status.message)

    # --- plumbing -----------------------------------------------------------------------

    def _call(self, operation: str, *, safe_to_repeat: bool = True, **parts):
        service = _soap_service(self.endpoint, self.timeout)

        def attempt():
            with soap_errors(PROVIDER, classify_fault=_client_fault):
                answer = getattr(service, operation)(**parts)
            if answer is None:
                raise TransientError(f"{operation}: the answer has no return value", provider=PROVIDER)
            return answer

        return with_retries(attempt, safe_to_repeat=safe_to_repeat, attempts=self.attempts)


__all__ = ["AllMySMSClient", "SmsRecipient"]
