"""Reading e-mails: parts, charsets, quoted replies, attachments and MIME bombs."""

from __future__ import annotations

import base64
from datetime import UTC, datetime

import pytest

from sentinelle.listening.connectors import mime
from tests.listening.connectors import mails


def test_a_french_reply_keeps_only_the_new_text_and_its_attachment():
    parsed = mime.parse(mails.crlf(mails.COMPLAINT_FR))
    assert parsed.subject == "Re: Vélo cassé — 3e relance"
    assert (parsed.from_name, parsed.from_address) == ("Camille Rousseau", "camille@example.fr")
    assert parsed.message_id == "<CAF3xQ9+relance3@mail.example.fr>"
    assert parsed.in_reply_to == "<ticket-4211@velonova.example>"
    assert parsed.references[-1] == "<CAF3xQ9+relance2@mail.example.fr>"
    assert parsed.date == datetime(2026, 11, 16, 8, 14, 3, tzinfo=UTC)
    assert parsed.language == "fr-FR"
    assert "troisième relance" in parsed.text and "saisir un avocat" in parsed.text
    assert "bien reçu" not in parsed.text and "a\nécrit" not in parsed.text
    assert "bien reçu" in parsed.full_text
    (photo,) = parsed.attachments
    assert (photo.name, photo.content_type) == ("photo-cadre.jpg", "image/jpeg")
    assert photo.data.startswith(b"\xff\xd8\xff") and photo.size == len(photo.data)


@pytest.mark.parametrize(
    "quoted",
    [
        "On Mon, Nov 16, 2026 at 9:14 AM Velonova Support <support@velonova.example>\n"
        "wrote:\n> Thanks",
        "Le 16/11/2026 à 09:14, Support a écrit :\n> Merci",
        "-----Original Message-----\nFrom: Support\nSent: Monday\nThanks",
        "----- Message d'origine -----\nDe : Support\nMerci",
        "De : Service client <support@velonova.example>\n"
        "Envoyé : lundi 16 novembre 2026 09:14\nObjet : RE",
        "From: Support <support@velonova.example>\n"
        "Sent: Monday, November 16, 2026 9:14 AM\nSubject: RE",
        "> > deeply quoted\n> quoted",
        "-- \nPriya N., Lyon",
    ],
)
def test_quoted_replies_and_signatures_are_stripped(quoted):
    body = f"Still broken, second week without an answer.\n\n{quoted}\n"
    parsed = mime.parse(mails.simple(1, body))
    assert parsed.text == "Still broken, second week without an answer."


def test_html_only_mail_becomes_plain_text_without_scripts():
    html = (
        "<html><head><style>p{color:red}</style></head><body><p>Mon <b>vélo</b></p>"
        "<script>alert(1)</script><p>est cassé</p></body></html>"
    )
    raw = mails.simple(2, html, headers="").replace(b"text/plain", b"text/html")
    parsed = mime.parse(raw)
    assert parsed.text == "Mon vélo\n\nest cassé"


@pytest.mark.parametrize(
    ("what", "body", "charset", "expected"), mails.LYING, ids=[c[0] for c in mails.LYING]
)
def test_lying_and_unknown_charsets_are_read_with_a_note(what, body, charset, expected):
    parsed = mime.parse(mails.lying(3, body, charset))
    assert expected in parsed.text
    assert parsed.problems, what


def test_encoded_words_and_base64_bodies_in_other_charsets():
    body = base64.b64encode("Frein défectueux, réponse sous 48 h ?".encode("iso-8859-15")).decode()
    raw = (
        "From: =?iso-8859-1?q?Ren=E9_Lef=E8vre?= <rene@example.fr>\r\n"
        "Subject: =?iso-8859-15?b?"
        + base64.b64encode("Réclamation €".encode("iso-8859-15")).decode()
        + "?=\r\n"
        'Content-Type: text/plain; charset="iso-8859-15"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n" + body
    ).encode()
    parsed = mime.parse(raw)
    assert parsed.from_name == "René Lefèvre" and parsed.subject == "Réclamation €"
    assert parsed.text == "Frein défectueux, réponse sous 48 h ?" and parsed.problems == []


def _with_attachments(*sizes: int) -> bytes:
    parts = "".join(
        "--a\r\nContent-Type: application/pdf\r\n"
        f'Content-Disposition: attachment; filename="doc{n}.pdf"\r\n'
        f"Content-Transfer-Encoding: base64\r\n\r\n{base64.b64encode(b'%' * size).decode()}\r\n"
        for n, size in enumerate(sizes)
    )
    head = (
        "From: a@example.com\r\nSubject: pièces\r\n"
        'Content-Type: multipart/mixed; boundary="a"\r\n\r\n'
    )
    return (
        head
        + "--a\r\nContent-Type: text/plain\r\n\r\nVoir pièces jointes\r\n"
        + parts
        + "--a--\r\n"
    ).encode()


def test_attachments_are_kept_within_their_limits():
    limits = mime.Limits(
        max_attachments=3, max_attachment_bytes=1_000, max_total_attachment_bytes=1_500
    )
    parsed = mime.parse(_with_attachments(100, 2_000, 900, 600, 10, 10), limits)
    assert [a.name for a in parsed.attachments] == ["doc0.pdf", "doc2.pdf", "doc4.pdf"]
    assert [s.split(":")[0] for s in parsed.skipped_attachments] == [
        "doc1.pdf",
        "doc3.pdf",
        "doc5.pdf",
    ]
    assert "over 1,000" in parsed.skipped_attachments[0]
    assert "more than 3 attachments" in parsed.skipped_attachments[2]


def test_attachment_names_cannot_climb_out_of_a_folder():
    raw = _with_attachments(5).replace(b'filename="doc0.pdf"', b'filename="../../etc/\x07passwd"')
    (attachment,) = mime.parse(raw).attachments
    assert "/" not in attachment.name and "\x07" not in attachment.name


@pytest.mark.parametrize("broken", list(mails.broken_mails()), ids=lambda b: b.label)
def test_mime_bombs_and_empty_or_headerless_mails_are_refused_with_a_reason(broken):
    with pytest.raises(mime.MimeError, match=broken.expected):
        mime.parse(broken.entry)


def test_a_message_over_the_size_limit_is_refused_before_parsing():
    with pytest.raises(mime.MimeError, match="over the 1,000 limit"):
        mime.parse(mails.simple(4, "x" * 2_000), mime.Limits(max_message_bytes=1_000))
