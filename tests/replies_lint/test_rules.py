"""Each rule, positive and negative, in French and English, with the traps from issue 7."""

from __future__ import annotations

import pytest

from sentinelle.replies.lint import BrandTerm, LintContext, lint

GOOD_FR = (
    "Bonjour Marc,\nJe suis désolée pour la serrure cassée. Je suis Camille et je m'occupe de "
    "votre dossier : un technicien passe demain avant 12 h.\nCamille"
)
GOOD_EN = (
    "Hi Marc,\nI'm sorry about the broken lock. I'm Camille and I'm handling your case: a "
    "technician will come tomorrow before noon.\nCamille"
)

# (rule, lang, text, context or None, should fire)
CASES: list[tuple[str, str, str, LintContext | None, bool]] = [
    (
        "legalese",
        "fr",
        "Nous attirons votre attention sur le paragraphe 2.1.2 alinéa c.",
        None,
        True,
    ),
    ("legalese", "fr", "Conformément à l'article 4.2 de nos CGV, rien n'est dû.", None, True),
    ("legalese", "fr", "Votre dossier est passé en SAV N2 avec une RMA.", None, True),
    ("legalese", "en", "Pursuant to clause 7, as per our terms, no refund is due.", None, True),
    ("legalese", "en", "Your ticket TKT-88213 moved to L2.", None, True),
    ("legalese", "fr", GOOD_FR, None, False),
    ("legalese", "en", GOOD_EN, None, False),
    # Trap: the customer quotes the clause; the reply does not.
    (
        "legalese",
        "fr",
        GOOD_FR,
        LintContext(complaint="Votre article 4.2 des CGV, conformément à l'alinéa c, dit…"),
        False,
    ),
    ("legalese", "en", "Your order VN-2024113 ships today, I'm sorry.", None, False),
    ("hollow", "fr", "Votre demande a été transmise au service concerné.", None, True),
    ("hollow", "fr", "Nous vous demandons un peu de patience.", None, True),
    ("hollow", "fr", "Nous reviendrons vers vous dans les meilleurs délais.", None, True),
    ("hollow", "en", "We have forwarded your email to the relevant team.", None, True),
    ("hollow", "en", "Your request has been escalated to the relevant team.", None, True),
    # Trap: a polite formula next to a concrete step is not a deflection.
    ("hollow", "fr", GOOD_FR + "\nN'hésitez pas à revenir vers nous.", None, False),
    ("hollow", "en", GOOD_EN + "\nDon't hesitate to get back to us.", None, False),
    (
        "hollow",
        "fr",
        "Votre demande a été transmise au pôle facturation ; je vous rappelle jeudi à 10 h.",
        None,
        False,
    ),
    ("no_acknowledgement", "fr", "Votre commande est en préparation.", None, True),
    ("no_acknowledgement", "en", "We regret to inform you that your claim is refused.", None, True),
    ("no_acknowledgement", "fr", "Je comprends votre colère.", None, False),
    ("no_acknowledgement", "en", "I'm so sorry about this.", None, False),
    (
        "no_acknowledgement",
        "en",
        "A lock jammed shut with the bike on the rack is the worst case.",
        LintContext(complaint="My lock jammed shut and the bike is stuck on the rack."),
        False,
    ),
    ("no_named_person", "fr", "Désolés, c'est réglé demain.\nLe service client", None, True),
    ("no_named_person", "fr", "Désolés, c'est réglé demain.\nL'équipe Vélonova", None, True),
    ("no_named_person", "en", "Sorry, it's fixed tomorrow.\nCustomer Care Team", None, True),
    ("no_named_person", "en", "Sorry, it's fixed tomorrow.", None, True),
    ("no_named_person", "fr", "Je suis Camille, désolée pour tout ça.", None, False),
    (
        "no_named_person",
        "fr",
        "Désolés pour l'attente, on vous rappelle demain. — Camille",
        None,
        False,
    ),
    ("no_named_person", "en", "Sorry about that.\nPriya, Customer Care", None, False),
    # The customer's name in the greeting is not a signature.
    (
        "no_named_person",
        "fr",
        "Bonjour Julie,\nDésolés, votre vélo arrive demain.",
        LintContext(customer_name="Julie"),
        True,
    ),
    ("no_next_step", "fr", "Nous sommes désolés. Nos équipes font le maximum.", None, True),
    ("no_next_step", "en", "We're sorry. Our teams are doing their best.", None, True),
    ("no_next_step", "fr", "Je vous rappelle avant 16 h.", None, False),
    ("no_next_step", "fr", "Le remboursement part d'ici vendredi.", None, False),
    ("no_next_step", "en", "I'll call you within two hours.", None, False),
    ("no_next_step", "en", "I've refunded the $40 this morning.", None, False),
    # A time in the past, or opening hours, is not a step.
    ("no_next_step", "fr", "Votre colis devait arriver lundi, désolé.", None, True),
    ("no_next_step", "en", "Our shop is open Monday to Friday.", None, True),
    ("blames_customer", "fr", "Vous auriez dû lire la notice.", None, True),
    ("blames_customer", "fr", "Vous n'avez pas respecté les consignes.", None, True),
    ("blames_customer", "en", "You should have checked your address.", None, True),
    ("blames_customer", "en", "As clearly stated on our site, you failed to register.", None, True),
    ("blames_customer", "fr", "Vous auriez dû recevoir ce remboursement, pardon.", None, False),
    ("blames_customer", "en", "You should have received it by now, I'm sorry.", None, False),
    ("blames_customer", "en", "You shouldn't have had to wait this long.", None, False),
    ("asks_removal", "fr", "Merci de supprimer votre avis.", None, True),
    ("asks_removal", "fr", "Pourriez-vous retirer votre commentaire ?", None, True),
    ("asks_removal", "en", "Could you take down your blog post?", None, True),
    ("asks_removal", "en", "Please delete this tweet.", None, True),
    ("asks_removal", "fr", "Nous ne vous demandons pas de supprimer votre avis.", None, False),
    ("asks_removal", "en", "We would never ask you to remove your review.", None, False),
    ("asks_removal", "en", "Would you consider adding an update to your post?", None, False),
    ("asks_removal", "fr", "Je supprime votre compte aujourd'hui.", None, False),
]
PUBLIC = LintContext(public=True)
CASES += [
    ("personal_data", "fr", "Je vous appelle au 06 12 34 56 78.", PUBLIC, True),
    ("personal_data", "fr", "Votre commande n° 7741209 part demain.", PUBLIC, True),
    ("personal_data", "en", "I wrote to anna.moore@gmail.com.", PUBLIC, True),
    ("personal_data", "en", "The driver comes back to 14 Maple Street.", PUBLIC, True),
    ("personal_data", "fr", "Je vous appelle au 06 12 34 56 78.", LintContext(public=False), False),
    ("personal_data", "en", "The bike is $1,299 and ships at 4 pm.", PUBLIC, False),
    (
        "personal_data",
        "en",
        "Hi Brenda Lockhart, sorry.",
        LintContext(public=True, customer_name="Brenda Lockhart"),
        True,
    ),
    ("hard_to_read", "fr", "Nous vous informons que " + "la procédure, " * 40 + "fin.", None, True),
    (
        "hard_to_read",
        "en",
        "Comprehensive reinitialization of your telecommunications equipment necessitates the "
        "preliminary intervention of an authorized technician.",
        None,
        True,
    ),
    ("hard_to_read", "fr", GOOD_FR, None, False),
    ("hard_to_read", "en", GOOD_EN, None, False),
]
TEMPLATE = "Hello {},\nSorry for the wait. Your parcel {} ships today and arrives on Friday.\nBen"
COPIES = tuple(TEMPLATE.format(name, n) for name, n in [("Tom", 41), ("Sue", 97), ("Al", 12)])
CASES += [
    ("copy_paste", "en", TEMPLATE.format("Zoe", 55), LintContext(previous_replies=COPIES), True),
    (
        "copy_paste",
        "en",
        TEMPLATE.format("Zoe", 55),
        LintContext(previous_replies=COPIES[:2]),
        False,
    ),
    ("copy_paste", "en", GOOD_EN, LintContext(previous_replies=COPIES), False),
    (
        "copy_paste",
        "fr",
        GOOD_FR,
        LintContext(previous_replies=(GOOD_FR, GOOD_FR.replace("Marc", "Léa"), GOOD_FR)),
        True,
    ),
]
TERMS = (BrandTerm("gêne occasionnée", "Formule toute faite."), BrandTerm("valued customer", "No."))
CASES += [
    ("brand_terms", "fr", "Pardon pour la GÊNE occasionnée.", LintContext(brand_terms=TERMS), True),
    ("brand_terms", "en", "As a valued customer…", LintContext(brand_terms=TERMS), True),
    ("brand_terms", "en", "As a customer we value…", LintContext(brand_terms=TERMS), False),
    ("brand_terms", "fr", GOOD_FR, LintContext(), False),
]


@pytest.mark.parametrize(("rule", "lang", "text", "context", "fires"), CASES)
def test_rule_fires_only_where_it_should(rule, lang, text, context, fires):
    report = lint(text, lang=lang, context=context)
    assert (rule in report.rules) is fires, [
        (f.rule, text[f.start : f.end]) for f in report.findings
    ]


def test_named_person_without_step_is_a_step_problem_only():
    text = (
        "Bonjour Madame Robin,\nJe suis désolée. Je m'appelle Camille et je suis votre "
        "dossier.\nCamille"
    )
    rules = lint(text).rules
    assert "no_next_step" in rules
    assert "no_named_person" not in rules


def test_good_replies_have_no_findings():
    assert lint(GOOD_FR).findings == []
    assert lint(GOOD_EN).findings == []


def test_messages_follow_the_reply_language():
    fr = lint("Votre demande a été transmise au service concerné.")
    en = lint("Your request has been forwarded to the relevant department.")
    assert fr.lang == "fr" and en.lang == "en"
    assert "creuse" in next(f.message for f in fr.findings if f.rule == "hollow")
    assert "Hollow" in next(f.message for f in en.findings if f.rule == "hollow")
    assert all(f.suggestion for f in fr.findings + en.findings)
