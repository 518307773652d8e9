"""Checks made before calling MDWorks, with the spec's rules (mdworks-rest-api.txt,
"Créer un sous-compte", "Créer une liste", "Insérer des contacts"). Each refusal
is an :class:`InvalidRequestError` naming our parameter, so a form can show it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..errors import InvalidRequestError
from ..types import LocalizedMessage
from .codes import PROVIDER, localize

MAX_FIELDS = 50
MAX_INDEX_FIELDS = 20
MAX_ROWS_PER_INSERT = 255

# "Supérieur à 6 caractères ... Pas de caractères spéciaux ni d'accents" (the
# spec's own example login is "user_test_new", so "_" is allowed).
LOGIN = re.compile(r"[A-Za-z0-9_]{7,}")
FIELD_NAME = re.compile(r"[A-Za-z_]+")  # "uniquement des lettres et le caractère _"
# Syntax only (no DNS): local part, "@", a dotted domain whose labels do not start or end with "-".
EMAIL = re.compile(
    r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)


def refuse(field: str, fr: str, en: str) -> InvalidRequestError:
    error = InvalidRequestError(en, provider=PROVIDER, code="check", field=field)
    return localize(error, LocalizedMessage(fr, en))


def is_email(value: object) -> bool:
    return isinstance(value, str) and len(value) <= 254 and EMAIL.fullmatch(value) is not None


def check_login(login: object) -> None:
    if not isinstance(login, str) or not LOGIN.fullmatch(login):
        raise refuse(
            "login",
            "Le login doit faire plus de 6 caractères : lettres sans accents, chiffres et « _ » uniquement",
            "The login must be longer than 6 characters: unaccented letters, digits and '_' only",
        )


def check_password(password: object) -> None:
    if not isinstance(password, str) or len(password) <= 8:
        raise refuse(
            "password",
            "Le mot de passe doit faire plus de 8 caractères",
            "The password must be longer than 8 characters",
        )


def check_quota(quota: object, main_account_quota: int | None) -> None:
    if isinstance(quota, bool) or not isinstance(quota, int) or quota < 0:
        raise refuse("quota", "Le quota doit être un nombre entier positif", "The quota must be a whole number >= 0")
    if main_account_quota is not None and quota >= main_account_quota:
        raise refuse(
            "quota",
            f"Le quota doit être inférieur à celui du compte principal ({main_account_quota})",
            f"The quota must be lower than the main account's ({main_account_quota})",
        )


def check_email(email: object, field: str = "email") -> None:
    if not is_email(email):
        raise refuse(field, f"Adresse email invalide : {email!r}", f"Invalid email address: {email!r}")


def check_pool(pool_id: object) -> None:
    if isinstance(pool_id, bool) or not isinstance(pool_id, int) or pool_id <= 0:
        raise refuse("pool_id", "Pool d'IP invalide", "Invalid IP pool")


def check_id(value: object, field: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise refuse(field, f"Identifiant invalide : {value!r}", f"Invalid id: {value!r}")


def check_list(name: object, fields: Sequence[str], email_field: str, index_fields: Sequence[str]) -> None:
    if not isinstance(name, str) or not name.strip():
        raise refuse("name", "Le nom de la liste est obligatoire", "The list needs a name")
    if isinstance(fields, str) or not fields:
        raise refuse("fields", "Donnez la liste des champs", "Give the list of fields")
    if len(fields) > MAX_FIELDS:
        raise refuse("fields", f"Limité à {MAX_FIELDS} champs", f"At most {MAX_FIELDS} fields")
    for field in fields:
        if not isinstance(field, str) or not FIELD_NAME.fullmatch(field):
            raise refuse(
                "fields",
                f"Champ {field!r} : uniquement des lettres et le caractère « _ »",
                f"Field {field!r}: letters and '_' only",
            )
    if len(set(fields)) != len(fields):
        raise refuse("fields", "Un champ apparaît deux fois", "A field appears twice")
    if isinstance(index_fields, str):
        raise refuse("index_fields", "Donnez une liste de champs", "Give a list of fields")
    if len(index_fields) > MAX_INDEX_FIELDS:
        raise refuse(
            "index_fields", f"Limité à {MAX_INDEX_FIELDS} champs indexés", f"At most {MAX_INDEX_FIELDS} indexed fields"
        )
    for field in index_fields:
        if field not in fields:
            raise refuse(
                "index_fields",
                f"Le champ indexé {field!r} n'est pas un champ de la liste",
                f"Indexed field {field!r} is not one of the list's fields",
            )
    if email_field not in fields:
        raise refuse(
            "email_field",
            f"Le champ email {email_field!r} n'est pas un champ de la liste",
            f"Email field {email_field!r} is not one of the list's fields",
        )


def check_url(url: object) -> None:
    if not isinstance(url, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", url):
        raise refuse("url", "L'URL doit commencer par http:// ou https://", "The URL must start with http(s)://")
