"""MDWorks' error answers, each mapped to our error hierarchy and to a message
for the UI (French first, English second).

REST (mdworks-rest-api.txt, "Gestion des erreurs"): every error is
``{"error": "1", "message": "<words>"}``, with HTTP 200. The spec quotes two
messages ("Error api_key invalid", the protected list); the others are the
sandbox's words in the same style. The client matches a message by its start,
so details after the words (an address, a line number) do not matter.

SOAP scenario (mdworks-soap-scenario.txt, "Error messages"): an error is an array
``['Erreur', <code>, <message>]``; codes are numbered in the spec's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypeVar

from ..errors import (
    AuthenticationError,
    InvalidRequestError,
    NotFoundError,
    ProviderError,
    SuppressedRecipientError,
)
from ..types import LocalizedMessage

PROVIDER = "mdworks"
E = TypeVar("E", bound=ProviderError)

DECLARE_IP_HINT = LocalizedMessage(
    fr="vérifiez la clé API et déclarez l'IP de ce serveur dans MDWorks (Gestion du compte > API / Zapier)",
    en="check the API key and declare this server's IP address in MDWorks (Gestion du compte > API / Zapier)",
)


@dataclass(frozen=True)
class ErrorCode:
    words: str  # what MDWorks answers (REST: the start of "message")
    error: type[ProviderError]
    text: LocalizedMessage
    field: str | None = None  # our parameter's name, for forms


def _code(words: str, error: type[ProviderError], fr: str, en: str, field: str | None = None) -> ErrorCode:
    return ErrorCode(words, error, LocalizedMessage(fr, en), field)


API_KEY_INVALID = "Error api_key invalid"
IP_NOT_DECLARED = "Error IP address not declared"
LOGIN_TAKEN = "Error login already exists"
LOGIN_INVALID = "Error login must be longer than 6 characters, without accents or special characters"
PASSWORD_INVALID = "Error password must be longer than 8 characters"  # noqa: S105 - an error message
QUOTA_INVALID = "Error quota invalid"
QUOTA_TOO_HIGH = "Error quota must be lower than the main account quota"
EMAIL_INVALID = "Error email invalid"
POOL_INVALID = "Error pool_ip invalid"
USER_INVALID = "Error user_id invalid"
USER_HAS_SENT = "Error this user already sent a campaign, it cannot be deleted"
LIST_INVALID = "Error list_id invalid"
LIST_PROTECTED = "Error this list protected against delete, go to the dashboard"
LIST_NAME_MISSING = "Error nom missing"
FIELDS_INVALID = "Error field_list invalid"
FIELDS_TOO_MANY = "Error too many fields in field_list (50 max)"
INDEX_INVALID = "Error field_index invalid"
INDEX_TOO_MANY = "Error too many fields in field_index (20 max)"
EMAIL_FIELD_INVALID = "Error field_email not in field_list"
ROWS_TOO_MANY = "Error too many lines in tab_insert (255 max)"
ROWS_INVALID = "Error tab_insert invalid"
ROW_UNKNOWN_FIELD = "Error unknown field in tab_insert"
ROW_EMAIL_INVALID = "Error invalid email in tab_insert"
URL_INVALID = "Error url invalid"

REST_ERRORS: tuple[ErrorCode, ...] = (
    _code(API_KEY_INVALID, AuthenticationError, "Clé API invalide", "Invalid API key"),
    _code(
        IP_NOT_DECLARED,
        AuthenticationError,
        "L'IP de ce serveur n'est pas déclarée",
        "This server's IP address is not declared",
    ),
    _code(LOGIN_TAKEN, InvalidRequestError, "Ce login est déjà utilisé", "This login is already taken", "login"),
    _code(
        LOGIN_INVALID,
        InvalidRequestError,
        "Le login doit faire plus de 6 caractères, sans accents ni caractères spéciaux",
        "The login must be longer than 6 characters, without accents or special characters",
        "login",
    ),
    _code(
        PASSWORD_INVALID,
        InvalidRequestError,
        "Le mot de passe doit faire plus de 8 caractères",
        "The password must be longer than 8 characters",
        "password",
    ),
    _code(QUOTA_INVALID, InvalidRequestError, "Quota invalide", "Invalid quota", "quota"),
    _code(
        QUOTA_TOO_HIGH,
        InvalidRequestError,
        "Le quota doit être inférieur au quota du compte principal",
        "The quota must be lower than the main account's quota",
        "quota",
    ),
    _code(EMAIL_INVALID, InvalidRequestError, "Adresse email invalide", "Invalid email address", "email"),
    _code(POOL_INVALID, InvalidRequestError, "Pool d'IP inconnu", "Unknown IP pool", "pool_id"),
    _code(USER_INVALID, NotFoundError, "Sous-compte inconnu", "Unknown sub-account", "user_id"),
    _code(
        USER_HAS_SENT,
        InvalidRequestError,
        "Un sous-compte ne peut être supprimé que si aucune campagne n'a été envoyée",
        "A sub-account can only be deleted if it never sent a campaign",
        "user_id",
    ),
    _code(LIST_INVALID, NotFoundError, "Liste inconnue", "Unknown list", "list_id"),
    _code(
        LIST_PROTECTED,
        InvalidRequestError,
        "Cette liste est protégée contre la suppression : retirez la protection dans le tableau de bord MDWorks",
        "This list is protected against deletion: remove the protection in the MDWorks dashboard",
        "list_id",
    ),
    _code(
        LIST_NAME_MISSING, InvalidRequestError, "Le nom de la liste est obligatoire", "The list needs a name", "name"
    ),
    _code(
        FIELDS_INVALID,
        InvalidRequestError,
        "Champs invalides : uniquement des lettres et le caractère « _ »",
        "Invalid fields: letters and '_' only",
        "fields",
    ),
    _code(FIELDS_TOO_MANY, InvalidRequestError, "Limité à 50 champs", "At most 50 fields", "fields"),
    _code(
        INDEX_INVALID,
        InvalidRequestError,
        "Les champs indexés doivent être parmi les champs de la liste",
        "Indexed fields must be among the list's fields",
        "index_fields",
    ),
    _code(
        INDEX_TOO_MANY, InvalidRequestError, "Limité à 20 champs indexés", "At most 20 indexed fields", "index_fields"
    ),
    _code(
        EMAIL_FIELD_INVALID,
        InvalidRequestError,
        "Le champ email doit être parmi les champs de la liste",
        "The email field must be among the list's fields",
        "email_field",
    ),
    _code(
        ROWS_TOO_MANY,
        InvalidRequestError,
        "Le nombre de lignes est limité à 255 par envoi",
        "At most 255 rows per call",
        "rows",
    ),
    _code(ROWS_INVALID, InvalidRequestError, "Lignes à insérer invalides", "Invalid rows to insert", "rows"),
    _code(
        ROW_UNKNOWN_FIELD,
        InvalidRequestError,
        "Une ligne contient un champ absent de la liste",
        "A row has a field the list does not have",
        "rows",
    ),
    _code(
        ROW_EMAIL_INVALID,
        InvalidRequestError,
        "Une ligne contient une adresse email invalide",
        "A row has an invalid email address",
        "rows",
    ),
    _code(
        URL_INVALID,
        InvalidRequestError,
        "URL du fichier CSV inaccessible ou invalide",
        "The CSV file's URL cannot be read",
        "url",
    ),
)

# Longest first, so that a message matches its most specific entry.
_REST_BY_PREFIX = sorted(REST_ERRORS, key=lambda code: len(code.words), reverse=True)


def localize(error: E, text: LocalizedMessage) -> E:
    """Attach the meaning for our users (``ProviderError.localized``)."""
    error.localized = text
    return error


def rest_error(words: str, *, code: object, raw: object) -> ProviderError:
    """The error for an ``{"error": ..., "message": words}`` answer."""
    known = next((c for c in _REST_BY_PREFIX if words.lower().startswith(c.words.lower())), None)
    if known is None:
        text = LocalizedMessage(f"MDWorks a refusé la demande : {words}", f"MDWorks refused the request: {words}")
        return localize(InvalidRequestError(words, provider=PROVIDER, code=code, raw=raw), text)
    message, text = words, known.text
    if known.error is AuthenticationError:
        message = f"{words} ({DECLARE_IP_HINT.en})"
        text = LocalizedMessage(f"{text.fr} : {DECLARE_IP_HINT.fr}", f"{text.en}: {DECLARE_IP_HINT.en}")
    return localize(known.error(message, provider=PROVIDER, code=code, raw=raw, field=known.field), text)


# --- SOAP scenario --------------------------------------------------------
# The spec lists the messages in English; the French words are what the vendor's
# ISO-8859-1 server answers (the sandbox does too).

SCENARIO_ERRORS: dict[int, ErrorCode] = {
    1: _code(
        "Aucun champ ne doit être vide",
        InvalidRequestError,
        "Aucun champ ne doit être vide (login)",
        "No field should be left empty (login)",
        "login",
    ),
    2: _code(
        "Aucun champ ne doit être vide mot de passe",
        InvalidRequestError,
        "Aucun champ ne doit être vide : mot de passe",
        "No field should be left empty: password",
        "password",
    ),
    3: _code(
        "Le scénario n'existe pas, ne vous appartient pas",
        NotFoundError,
        "Le scénario n'existe pas ou ne vous appartient pas",
        "The scenario does not exist or is not yours",
        "scenario",
    ),
    4: _code(
        "Aucun champ ne doit être vide",
        InvalidRequestError,
        "Aucun champ ne doit être vide (scénario ou email)",
        "No field should be left empty (scenario or email)",
    ),
    5: _code(
        "Erreur intermédiaire (mauvais login / mot de passe)",
        AuthenticationError,
        "Mauvais login ou mot de passe",
        "Wrong login or password",
    ),
    6: _code("Adresse email erronée", InvalidRequestError, "Adresse email erronée", "Wrong email address", "email"),
    7: _code(
        "Adresse email désinscrite (présente dans votre liste repoussoir)",
        SuppressedRecipientError,
        "Adresse email désinscrite (présente dans votre liste repoussoir)",
        "Unsubscribed email address (on your blacklist)",
        "email",
    ),
}

# The spec's English words, for a server that answers in English without a code.
_SCENARIO_ENGLISH = {
    "no field should be left empty password": 2,
    "the scenario does not exist": 3,
    "no field should be left empty": 1,
    "wrong login / password": 5,
    "wrong email address": 6,
    "unsubscribed email address": 7,
}


def _fold(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower().strip()


def scenario_code(code: int | None, words: str) -> ErrorCode | None:
    """The spec's error for an answer's code, or failing that, its words."""
    if code in SCENARIO_ERRORS:
        return SCENARIO_ERRORS[code]
    folded = _fold(words)
    for number in sorted(SCENARIO_ERRORS, key=lambda n: -len(SCENARIO_ERRORS[n].words)):
        if folded.startswith(_fold(SCENARIO_ERRORS[number].words)):
            return SCENARIO_ERRORS[number]
    for english, number in _SCENARIO_ENGLISH.items():
        if english in folded:
            return SCENARIO_ERRORS[number]
    return None


def scenario_error(code: int | None, words: str, *, raw: object) -> ProviderError:
    known = scenario_code(code, words)
    if known is None:
        text = LocalizedMessage(f"MDWorks a refusé l'inscription : {words}", f"MDWorks refused the enrolment: {words}")
        return localize(InvalidRequestError(words, provider=PROVIDER, code=code, raw=raw), text)
    return localize(known.error(words, provider=PROVIDER, code=code, raw=raw, field=known.field), known.text)
