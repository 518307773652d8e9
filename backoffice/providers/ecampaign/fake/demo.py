"""The demo account every reset creates (and the lead's demo data relies on):
routes with credits for each channel, a contact group, templates, a fax file,
a little blacklist and reply history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .state import Account, BlacklistEntry, FieldDef, Group, Member, Reply, Route, Store, Template


def seed_demo(store: Store, now: dt.datetime, *, user: str, password: str) -> Account:
    now = now.replace(microsecond=0)
    next_year = now.date() + dt.timedelta(days=365)
    account = Account(user, password, sender="DEMO", caller_id="33170000000", reply_to="contact@demo.example.fr")
    for route in (
        Route(1001, "SMS Premium France", "sms", Decimal(5000), next_year, Decimal(100), custom_sender=True),
        Route(1002, "SMS Low Cost", "sms", Decimal(1000), now.date() + dt.timedelta(days=180), custom_sender=False),
        Route(2001, "Appels vocaux interactifs", "voice", Decimal(800), next_year, Decimal(50)),
        Route(3001, "E-mailing", "mail", Decimal(20000), None, Decimal(500)),
        Route(4001, "FAX France", "fax", Decimal(300), next_year),
    ):
        account.routes[route.id] = route
    account.files.add("brochure.pdf")
    account.blacklists["sms"].append(
        BlacklistEntry(now - dt.timedelta(days=12), code="33", number="600000001", reason="STOP SMS")
    )
    account.blacklists["mail"].append(
        BlacklistEntry(now - dt.timedelta(days=30), mail="desinscrit@example.fr", reason="Désinscription")
    )
    account.responses["sms"].append(Reply(now - dt.timedelta(days=2), "33", "612345678", "Merci, à demain"))
    store.accounts[user] = account

    group = Group(
        store.next_id("group"),
        user,
        "Clients démo",
        now - dt.timedelta(days=60),
        False,
        False,
        [
            FieldDef("nom", "custom"),
            FieldDef("mobile", "mobile", unique=True),
            FieldDef("email", "mail", unique=True),
            FieldDef("ville", "custom"),
            FieldDef("fax", "fax"),
        ],
    )
    for name, mobile, email, city in (
        ("Alice Martin", "612345678", "alice@example.fr", "Paris"),
        ("Bruno Petit", "623456789", "bruno@example.fr", "Lyon"),
        ("Chloé Durand", "634567890", "chloe@example.fr", "Paris"),
    ):
        member = Member(
            store.next_id("member"), {"nom": name, "mobile": mobile, "email": email, "ville": city}, {"mobile": "33"}
        )
        group.members[member.id] = member
        store.member_groups[member.id] = group.id
    store.groups[group.id] = group

    created = now - dt.timedelta(days=20)
    for template in (
        Template(
            store.next_id("template"),
            user,
            "sms",
            "Promo SMS",
            created,
            created,
            message="-20% ce week-end avec le code DEMO. STOP au 36111",
        ),
        Template(
            store.next_id("template"),
            user,
            "mail",
            "Newsletter",
            created,
            created,
            message="<p>Bonjour, découvrez nos offres.</p>",
            subject="Nos offres du mois",
        ),
        Template(
            store.next_id("template"),
            user,
            "voice",
            "Rappel de rendez-vous",
            created,
            created,
            duration=60,
            interactive=True,
            ask_end=True,
            phone_code="482913",
            reference="VXDEMO1",
        ),
    ):
        store.templates[template.id] = template
    return account
