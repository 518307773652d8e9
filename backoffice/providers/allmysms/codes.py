"""Every status table of the AllMySMS manual (specs/allmysms-soap-api.txt, annexes
1 to 5 and the request statuses of AckAnswer / PullAnswer), each code mapped to the
error it raises (``None``: the call succeeded) and to its meaning in French (the
spec's words) and English."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import (
    AuthenticationError,
    InsufficientCreditError,
    InvalidRequestError,
    NotFoundError,
    ProviderError,
    TransientError,
)
from ..types import DeliveryStatus, LocalizedMessage

PROVIDER = "allmysms"


@dataclass(frozen=True)
class StatusCode:
    code: str
    message: LocalizedMessage
    error: type[ProviderError] | None
    field: str | None = None  # the request field the code blames, when it names one


def _table(*rows: tuple) -> dict[str, StatusCode]:
    return {
        str(code): StatusCode(str(code), LocalizedMessage(fr, en), error, *rest) for code, fr, en, error, *rest in rows
    }


# Annex 1: statuses after sendSms.
SEND_STATUSES = _table(
    (100, "Le message a été envoyé", "The message was sent", None),
    (101, "Le message a été programmé pour un envoi différé", "The message was scheduled for later", None),
    (
        102,
        "Problème de connexion - Aucun compte ne correspond aux clientcode et passcode spécifiés",
        "Connection problem: no account matches this client code and pass code",
        AuthenticationError,
    ),
    (
        103,
        "Crédit SMS épuisé. Veuillez re-créditer votre compte sur AllMySMS.com",
        "SMS credits exhausted. Please top up the account on AllMySMS.com",
        InsufficientCreditError,
    ),
    (
        104,
        "Crédit insuffisant pour traiter cet envoi. A utiliser: XX Crédits, Disponibles: YY Crédits. "
        "Veuillez re-créditer votre compte sur AllMySMS.com",
        "Not enough credits for this send (XX needed, YY available). Please top up the account on AllMySMS.com",
        InsufficientCreditError,
    ),
    (105, "MessageData vide", "The message data is empty", InvalidRequestError, "messageData"),
    (
        106,
        "MessageData incomplet ou invalide",
        "The message data is incomplete or invalid",
        InvalidRequestError,
        "messageData",
    ),
    (109, "Message invalide", "The message is invalid", InvalidRequestError, "message"),
    (110, "Message vide", "The message is empty", InvalidRequestError, "message"),
    (
        111,
        "Le message dépasse 640 caractères",
        "The message is longer than 640 characters",
        InvalidRequestError,
        "message",
    ),
    (112, "MobilePhone invalide", "A mobile phone number is invalid", InvalidRequestError, "mobilePhone"),
    # A partial send: the valid numbers were sent and charged, so the client returns
    # the result (with invalidNumbers) rather than raising; the class says what it is.
    (
        113,
        "Certains numéros de téléphone sont invalides ou non pris en charge",
        "Some phone numbers are invalid or not supported",
        InvalidRequestError,
        "mobilePhone",
    ),
    (
        114,
        "Aucun numéro de téléphone valide dans le flux. Veuillez-vous référer à la documentation en ligne "
        "pour connaitre les formats valides.",
        "No valid phone number in the request. See the online documentation for the valid formats.",
        InvalidRequestError,
        "mobilePhone",
    ),
    (115, "Date mal formatée", "The date is badly formatted", InvalidRequestError, "date"),
)
PARTIAL_SEND_STATUS = "113"

# AckAnswer / PullAnswer "status": the state of the request itself.
REPORT_STATUSES = _table(
    (0, "Accusés ou réponses disponibles", "Acks or replies available", None),
    (1, "Pas d'accusé ou de réponse", "No ack or reply yet", None),
    (2, "Accès refusé", "Access denied", AuthenticationError),
    (3, "Problème de connexion au service", "The provider cannot reach its service", TransientError),
)


@dataclass(frozen=True)
class AckCode:
    code: str
    message: LocalizedMessage
    status: DeliveryStatus


# Annex 2: delivery ack statuses.
ACK_STATUSES = {
    code: AckCode(code, LocalizedMessage(fr, en), status)
    for code, fr, en, status in (
        ("1", "Délivré", "Delivered", DeliveryStatus.DELIVERED),
        ("2", "Non délivré (envoyé par l'opérateur)", "Not delivered (sent by the operator)", DeliveryStatus.FAILED),
        ("3", "Transmis à l'opérateur", "Handed to the operator", DeliveryStatus.SENT),
        ("4", "Message rejeté", "Message rejected", DeliveryStatus.REJECTED),
        (
            "5",
            "SMS rejeté (probablement numéro inconnu / abonné absent)",
            "SMS rejected (probably an unknown number or an unreachable subscriber)",
            DeliveryStatus.REJECTED,
        ),
    )
}

# Annex 3: account statuses. The sample answer says "active account" for 300.
ACCOUNT_STATUSES = _table(
    (300, "Compte actif", "Active account", None),
    (301, "Compte inexistant", "No such account", AuthenticationError),
    (
        302,
        "Vous n'avez pas accès aux informations concernant ce compte",
        "No access to this account's information",
        AuthenticationError,
    ),
    # get_info returns an inactive account (the connection test shows it); the class
    # is what an operation needing an active account would raise.
    (303, "Compte inactif", "Inactive account", AuthenticationError),
)
ACCOUNT_STATUS_ALIASES = {
    "active account": "300",
    "inactive account": "303",
    **{status.message.fr.lower(): code for code, status in ACCOUNT_STATUSES.items()},
}

# Annex 4: deleteCampaign answers.
CAMPAIGN_DELETION_ANSWERS = _table(
    ("CAMPNOTFOUND", "La campagne n'a pas été trouvée", "Campaign not found", NotFoundError, "campId"),
    (
        "BADCAMPAIGNSENDINGTYPE",
        "La campagne n'est pas programmée",
        "The campaign is not a scheduled one",
        InvalidRequestError,
        "campId",
    ),
    # Deleting twice leaves the campaign deleted: not an error, so a retried or
    # repeated cancellation changes nothing.
    ("CAMPAIGNALREADYDELETED", "Campagne déjà supprimée", "Campaign already deleted", None),
    (
        "BADCAMPAIGNSTATUS",
        "Le statut de la campagne est erroné",
        "The campaign's status does not allow it",
        InvalidRequestError,
        "campId",
    ),
    (
        "BADDATETOSEND",
        "La date d'envoi est corrompue",
        "The campaign's send date is corrupt",
        InvalidRequestError,
        "campId",
    ),
    (
        "CAMPALREADYSENT",
        "La campagne a déjà été envoyée",
        "The campaign was already sent",
        InvalidRequestError,
        "campId",
    ),
    ("OK", "La campagne a bien été supprimée", "The campaign was deleted", None),
)

# Annex 5: the answer a retry gets when an earlier, unanswered attempt created the login.
LOGIN_ALREADY_EXISTS = "The login already exists"

# Annex 5: createSubAccount answers ("text"), with the field each one blames.
SUB_ACCOUNT_ANSWERS = _table(
    ("Sub-account successfully created", "Le sous compte a bien été créé", "The sub-account was created", None),
    ("bad parameters", "Paramètre(s) obligatoire(s) vide(s)", "Required parameter(s) missing", InvalidRequestError),
    (
        "bad FIRSTNAME format",
        "Le prénom est mal formaté",
        "The first name is badly formatted",
        InvalidRequestError,
        "firstName",
    ),
    (
        "bad LASTNAME format",
        "Le nom de famille est mal formaté",
        "The last name is badly formatted",
        InvalidRequestError,
        "lastName",
    ),
    ("bad LOGIN format", "Le login est mal formaté", "The login is badly formatted", InvalidRequestError, "login"),
    (
        "bad PASSWORD format",
        "Le mot de passe est mal formaté",
        "The password is badly formatted",
        InvalidRequestError,
        "password",
    ),
    ("bad EMAIL format", "L'email est mal formaté", "The email is badly formatted", InvalidRequestError, "email"),
    (LOGIN_ALREADY_EXISTS, "Le login existe déjà", "The login already exists", InvalidRequestError, "login"),
)
SUB_ACCOUNT_CREATED = "Sub-account successfully created"


def delivery_status(ack_code: str) -> DeliveryStatus:
    """Annex 2 code -> normalized status; a code the spec does not list is ``unknown``."""
    known = ACK_STATUSES.get(ack_code.strip())
    return known.status if known else DeliveryStatus.UNKNOWN


def error_for(status: StatusCode, *, provider_text: str = "", raw: object = None) -> ProviderError:
    """The error a failing status raises: the provider's own text when it gave one
    (it carries figures, e.g. 104's credits), the table's otherwise; both languages
    stay on ``error.localized``."""
    assert status.error is not None, f"{status.code} is a success"
    error = status.error(
        provider_text.strip() or status.message.fr, provider=PROVIDER, code=status.code, raw=raw, field=status.field
    )
    error.localized = status.message
    return error
