"""Every code of the spec's annex ("Annexes"), with its meaning in French (the
spec's words) and English: return codes mapped to our error hierarchy, delivery
states mapped to :class:`DeliveryStatus`, and the HLR status and error codes.
An unknown code is never dropped: it maps to the base error / ``UNKNOWN``."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from ..errors import (
    AuthenticationError,
    InsufficientCreditError,
    InvalidRequestError,
    NotFoundError,
    ProviderError,
)
from ..types import DeliveryStatus, LocalizedMessage

PROVIDER = "ecampaign"
SUCCESS = 0


@dataclass(frozen=True)
class ReturnCode:
    code: int
    error: type[ProviderError]
    message: LocalizedMessage
    field: str | None = None  # the request element the code points at, when it is that precise


def _rc(code: int, error: type[ProviderError], fr: str, en: str, field: str | None = None) -> ReturnCode:
    return ReturnCode(code, error, LocalizedMessage(fr, en), field)


_INVALID = InvalidRequestError
RETURN_CODES: dict[int, ReturnCode] = {
    rc.code: rc
    for rc in (
        # Codes communs
        _rc(0, ProviderError, "Opération effectuée avec succès", "Operation completed successfully"),
        _rc(1, _INVALID, "Requête invalide", "Invalid request"),
        _rc(2, _INVALID, "Requête XML malformée ou invalide", "Malformed or invalid XML request"),
        _rc(3, AuthenticationError, "Nom d'utilisateur et/ou mot de passe invalides", "Invalid user name or password"),
        _rc(
            4,
            AuthenticationError,
            "L'accès aux web-services n'est pas activé sur ce compte",
            "Web-service access is not enabled on this account",
        ),
        # Codes relatifs aux méthodes d'envoi
        _rc(11, InsufficientCreditError, "Crédit insuffisant pour réaliser l'envoi", "Not enough credit for this send"),
        _rc(12, _INVALID, "Des erreurs se sont produites durant l'envoi", "Errors occurred during the send"),
        _rc(
            13,
            _INVALID,
            "Aucun destinataire n'est sélectionné pour l'envoi",
            "No recipient selected for the send",
            "recipients",
        ),
        _rc(
            14,
            _INVALID,
            "Le message SMS n'est pas renseigné ou comporte trop de caractères",
            "The SMS message is missing or too long",
            "message",
        ),
        _rc(
            15,
            _INVALID,
            "Le changement d'expéditeur n'est pas autorisé",
            "Changing the sender is not allowed",
            "senderID",
        ),
        _rc(
            16,
            _INVALID,
            "Le nom d'expéditeur SMS doit comporter entre 1 et 11 caractères",
            "The SMS sender name must be 1 to 11 characters long",
            "senderID",
        ),
        _rc(17, NotFoundError, "L'identifiant du modèle est invalide", "Invalid template id", "templateID"),
        _rc(18, _INVALID, "Type de canal inconnu", "Unknown channel type", "channel"),
        _rc(19, _INVALID, "Route incompatible", "Incompatible route", "route"),
        _rc(
            40,
            _INVALID,
            "Date de planification invalide (format attendu : AAAA:MM:JJ HH:MM:SS)",
            "Invalid scheduling date (expected format: YYYY-MM-DD HH:MM:SS)",
            "sendDate",
        ),
        _rc(
            41, _INVALID, "Filtrage : champ(s) spécifié(s) est inexistant(s)", "Filter: unknown field(s)", "groupFilter"
        ),
        _rc(42, _INVALID, "Filtrage : paramètre(s) invalide(s)", "Filter: invalid parameter(s)", "groupFilter"),
        # Codes relatifs aux méthodes de gestion des groupes d'envoi
        _rc(21, NotFoundError, "Accès au groupe interdit", "Access to the group is forbidden"),
        _rc(22, NotFoundError, "Impossible de trouver le membre", "Member not found"),
        _rc(
            23,
            _INVALID,
            "Données malformées, impossible d'ajouter le membre",
            "Malformed data, cannot add the member",
            "tags",
        ),
        _rc(
            24,
            _INVALID,
            "Doublon détecté, impossible d'ajouter le membre",
            "Duplicate found, cannot add the member",
            "tags",
        ),
        _rc(25, _INVALID, "Erreur de syntaxe", "Syntax error"),
        _rc(
            26,
            _INVALID,
            "Les champs de destination ne sont pas précisés ou invalides",
            "Destination fields are missing or invalid",
            "groupFields",
        ),
        _rc(27, NotFoundError, "Groupe d'envoi non trouvé", "Group not found"),
        _rc(28, _INVALID, "Doublon détecté sur un nom de champ", "Duplicate field name", "tags"),
        _rc(
            29,
            _INVALID,
            "L'un des champs à créer ou à modifier est invalide (nom ou type invalide)",
            "A field to create or modify is invalid (bad name or type)",
            "tags",
        ),
        _rc(50, _INVALID, "Au moins un champ doit être spécifié", "At least one field must be given", "tags"),
        _rc(51, _INVALID, "Création d'un champ impossible", "Cannot create the field", "tags"),
        _rc(52, _INVALID, "Données invalides, impossible de créer le groupe", "Invalid data, cannot create the group"),
        _rc(53, _INVALID, "Aucune modification n'a été demandée", "No change was requested"),
        _rc(54, _INVALID, "Impossible de modifier le groupe", "Cannot modify the group"),
        _rc(55, _INVALID, "Impossible de supprimer les tag(s)", "Cannot delete the field(s)", "tags"),
        _rc(56, NotFoundError, "Accès au membre interdit", "Access to the member is forbidden"),
        # Codes relatifs aux méthodes de gestion des modèles
        _rc(60, NotFoundError, "Accès au modèle interdit", "Access to the template is forbidden"),
        _rc(
            61,
            _INVALID,
            "Une campagne programmée utilise ce modèle, il est donc impossible de le supprimer",
            "A scheduled campaign uses this template, so it cannot be deleted",
        ),
        _rc(62, _INVALID, "Impossible de supprimer ce modèle", "Cannot delete this template"),
        _rc(63, _INVALID, "Type de modèle non supporté", "Unsupported template type", "type"),
        _rc(64, _INVALID, "Impossible de créer ou de modifier le modèle", "Cannot create or modify the template"),
        _rc(65, NotFoundError, "Modèle non trouvé", "Template not found"),
        _rc(
            66,
            _INVALID,
            "Obtention d'un MP3 : type de message invalide",
            "Getting an MP3: invalid message type",
            "messagetype",
        ),
        _rc(67, NotFoundError, "Obtention d'un MP3 : fichier non trouvé", "Getting an MP3: file not found"),
        _rc(
            68,
            _INVALID,
            "Envoi d'un MP3 : La syntaxe de l'URL HTTP communiquée est invalide",
            "Pushing an MP3: the HTTP URL is not valid",
            "url",
        ),
        _rc(
            69,
            _INVALID,
            "Envoi d'un MP3 : Impossible de télécharger le fichier à partir de l'URL communiquée",
            "Pushing an MP3: the file cannot be downloaded from the URL",
            "url",
        ),
        _rc(
            70,
            _INVALID,
            "Envoi d'un MP3 : Le fichier est trop volumineux (5 Mo max)",
            "Pushing an MP3: the file is too large (5 MB max)",
            "url",
        ),
        _rc(
            71,
            _INVALID,
            "Envoi d'un MP3 : Impossible de traiter le fichier",
            "Pushing an MP3: cannot process the file",
            "url",
        ),
        _rc(
            72,
            _INVALID,
            "Envoi d'un MP3 : La durée du MP3 est supérieure à la durée définie sur le modèle",
            "Pushing an MP3: the MP3 is longer than the template's duration",
            "url",
        ),
        # Codes relatifs aux méthodes de gestion des crédits
        _rc(
            31,
            InsufficientCreditError,
            "Aucun crédit d'envoi n'est disponible sur le compte",
            "No sending credit is available on the account",
        ),
        # Codes relatifs méthodes de suivi des envois
        _rc(
            80,
            _INVALID,
            "L'écart entre la date de début et de fin est trop important ou invalide",
            "The start and stop dates are too far apart or invalid",
            "startdate",
        ),
        _rc(81, NotFoundError, "Votre demande n'a retourné aucun résultat", "Your request returned no result"),
        _rc(82, NotFoundError, "Campagne non trouvée", "Campaign not found", "campaignid"),
    )
}


def error_for(code: int, message: str, *, raw: object = None) -> ProviderError:
    """The exception for a non-zero return code; the provider's own message is kept."""
    known = RETURN_CODES.get(code)
    if known is None:
        return ProviderError(message or f"unknown return code {code}", provider=PROVIDER, code=code, raw=raw)
    return known.error(message or known.message.fr, provider=PROVIDER, code=code, raw=raw, field=known.field)


# --- Delivery states ("États de remise") ------------------------------------


@dataclass(frozen=True)
class DeliveryState:
    code: int
    channel: str  # "all", "voice", "mail" or "fax", as the annex's "Canal" column
    status: DeliveryStatus
    message: LocalizedMessage
    final: bool  # no further state follows for this message in the simulator's model


def _ds(codes: tuple[int, ...], channel: str, status: DeliveryStatus, fr: str, en: str, final: bool):
    return [DeliveryState(code, channel, status, LocalizedMessage(fr, en), final) for code in codes]


_S = DeliveryStatus
DELIVERY_STATES: dict[int, DeliveryState] = {
    state.code: state
    for group in (
        _ds((1,), "all", _S.SENT, "Message envoyé à l'opérateur", "Message sent to the operator", False),
        _ds(
            (2, 3),
            "all",
            _S.SENT,
            "Message en attente de remise sur le réseau",
            "Message awaiting network delivery",
            False,
        ),
        _ds((4,), "all", _S.DELIVERED, "Message remis au destinataire", "Message delivered to the recipient", True),
        _ds((7,), "all", _S.FAILED, "Opérateur indisponible", "Operator unavailable", True),
        _ds((8, 9, 10), "all", _S.FAILED, "Remise impossible", "Delivery impossible", True),
        _ds((11,), "voice", _S.ANSWERED, "Appel décroché", "Call answered", False),
        _ds((12,), "voice", _S.ANSWERED, "Introduction : pas de choix", "Introduction: no choice", True),
        _ds((13,), "voice", _S.VOICEMAIL, "Répondeur : enregistré", "Answering machine: message left", True),
        _ds((14,), "voice", _S.ANSWERED, "Début de l'écoute du message", "Listening to the message started", False),
        _ds((15,), "voice", _S.ANSWERED, "Message supprimé", "Message deleted", True),
        _ds((16,), "voice", _S.ANSWERED, "Message écouté", "Message listened to", False),
        _ds((17,), "voice", _S.ANSWERED, "Pas de réponse à la question", "No answer to the question", True),
        *(
            _ds((20 + digit,), "voice", _S.ANSWERED, f"Choix n°{digit}", f"Choice no. {digit}", True)
            for digit in range(10)
        ),
        _ds((40, 41), "voice", _S.FAILED, "Ligne hors service", "Line out of service", True),
        _ds((42,), "voice", _S.NO_ANSWER, "Appel non décroché", "Call not answered", True),
        _ds((43,), "voice", _S.BUSY, "Ligne occupée", "Line busy", True),
        _ds((44,), "voice", _S.FAILED, "Réseau de destination saturé", "Destination network congested", True),
        _ds(
            (45,),
            "voice",
            _S.VOICEMAIL,
            "Répondeur détecté, appel raccroché",
            "Answering machine detected, hung up",
            True,
        ),
        _ds((46,), "voice", _S.ANSWERED, "Humain détecté, appel raccroché", "Human detected, hung up", True),
        _ds((50,), "mail", _S.BOUNCED_HARD, "Remise impossible", "Delivery impossible", True),
        _ds((51,), "mail", _S.BOUNCED_SOFT, "Problème temporaire", "Temporary problem", True),
        _ds((52,), "mail", _S.DELIVERED, "Réponse automatique reçue", "Automatic reply received", True),
        _ds((53,), "mail", _S.COMPLAINED, "Plainte reçue", "Complaint received", True),
        _ds((54,), "mail", _S.SENT, "Message envoyé", "Message sent", False),
        _ds((55,), "mail", _S.FAILED, "Erreur d'envoi", "Sending error", True),
        _ds(
            (56,),
            "mail",
            _S.OPENED,
            "Remis au destinataire (lu / chargé)",
            "Delivered to the recipient (opened)",
            False,
        ),
        _ds((57,), "mail", _S.UNSUBSCRIBED, "Désinscription demandée", "Unsubscribe requested", True),
        _ds((58,), "mail", _S.CLICKED, "Lien cliqué", "Link clicked", True),
        _ds((59,), "mail", _S.CLICKED, "Page miroir cliquée", "Mirror page clicked", True),
        _ds((60, 61), "fax", _S.FAILED, "Remise impossible", "Delivery impossible", True),
        _ds((62,), "fax", _S.BUSY, "Ligne occupée", "Line busy", True),
        _ds((63,), "fax", _S.NO_ANSWER, "Non réponse", "No answer", True),
        _ds((64,), "fax", _S.FAILED, "Remise partielle ou impossible", "Partial or impossible delivery", True),
    )
    for state in group
}


def delivery_status(code: int | str) -> DeliveryStatus:
    state = DELIVERY_STATES.get(_as_int(code))
    return state.status if state else DeliveryStatus.UNKNOWN


def delivery_text(code: int | str) -> LocalizedMessage | None:
    state = DELIVERY_STATES.get(_as_int(code))
    return state.message if state else None


def voice_choice(code: int | str) -> int | None:
    """The key pressed for a "2X" state ("20" = choice 0 ... "29" = choice 9)."""
    value = _as_int(code)
    return value - 20 if 20 <= value <= 29 else None


def _as_int(code: int | str) -> int:
    try:
        return int(str(code).strip())
    except ValueError:
        return -1


# --- HLR ("Codes relatifs aux informations HLR") ----------------------------


class HlrStatus(StrEnum):
    DELIVERED = "delivered"
    ACCEPTED = "accepted"
    PROCESSING = "processing"
    UNDELIVERABLE = "undeliverable"
    EXPIRED = "expired"
    REJECTED = "rejected"
    UNKNOWN = "unknown"


class HlrError(StrEnum):
    VALID = "valid"
    UNALLOCATED = "unallocated"
    ABSENT = "absent"
    ROAMING_NOT_ALLOWED = "roaming_not_allowed"
    RESTRICTED = "restricted"
    PERMANENT_ERROR = "permanent_error"
    TEMPORARY_ERROR = "temporary_error"
    BLACKLISTED = "blacklisted"
    UNKNOWN = "unknown"


HLR_STATUS_CODES: dict[int, tuple[HlrStatus, LocalizedMessage]] = {
    0: (
        HlrStatus.DELIVERED,
        LocalizedMessage(
            "Délivrée (les autres informations seront disponibles)", "Delivered (the other details are available)"
        ),
    ),
    1: (HlrStatus.ACCEPTED, LocalizedMessage("Acceptée", "Accepted")),
    2: (
        HlrStatus.PROCESSING,
        LocalizedMessage(
            "En cours de traitement (si retour asynchrone)", "Being processed (when answered asynchronously)"
        ),
    ),
    3: (HlrStatus.UNDELIVERABLE, LocalizedMessage("Impossible à délivrer", "Undeliverable")),
    4: (HlrStatus.EXPIRED, LocalizedMessage("Expirée", "Expired")),
    5: (HlrStatus.REJECTED, LocalizedMessage("Rejetée", "Rejected")),
    99: (HlrStatus.UNKNOWN, LocalizedMessage("Erreur inconnue", "Unknown error")),
}

HLR_ERROR_CODES: dict[int, tuple[HlrError, LocalizedMessage]] = {
    0: (HlrError.VALID, LocalizedMessage("Numéro valide", "Valid number")),
    1: (HlrError.UNALLOCATED, LocalizedMessage("Numéro non attribué", "Number not allocated")),
    2: (
        HlrError.ABSENT,
        LocalizedMessage(
            "Abonné absent (hors couverture par exemple) ou informations indisponibles",
            "Subscriber absent (e.g. out of coverage) or details unavailable",
        ),
    ),
    3: (HlrError.ROAMING_NOT_ALLOWED, LocalizedMessage("Itinérance non autorisée", "Roaming not allowed")),
    4: (HlrError.RESTRICTED, LocalizedMessage("Numéro restreint", "Restricted number")),
    5: (HlrError.PERMANENT_ERROR, LocalizedMessage("Erreur permanente inconnue", "Unknown permanent error")),
    6: (HlrError.TEMPORARY_ERROR, LocalizedMessage("Erreur temporaire inconnue", "Unknown temporary error")),
    7: (HlrError.BLACKLISTED, LocalizedMessage("Téléphone blacklisté", "Phone blacklisted")),
    99: (HlrError.UNKNOWN, LocalizedMessage("Erreur inconnue", "Unknown error")),
}


def hlr_status(code: int | str) -> HlrStatus:
    return HLR_STATUS_CODES.get(_as_int(code), (HlrStatus.UNKNOWN, None))[0]


def hlr_error(code: int | str) -> HlrError:
    return HLR_ERROR_CODES.get(_as_int(code), (HlrError.UNKNOWN, None))[0]
