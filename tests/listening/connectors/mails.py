"""E-mails as mail clients send them, and generators of broken ones (MIME bombs and the like)."""

from __future__ import annotations

import random
from collections.abc import Iterator

from tests.listening.connectors.malformed import Broken

COMPLAINT_FR = """\
From: =?utf-8?q?Camille_Rousseau?= <camille@example.fr>
To: support@velonova.example
Subject: =?utf-8?q?Re=3A_V=C3=A9lo_cass=C3=A9_=E2=80=94_3e_relance?=
Date: Mon, 16 Nov 2026 09:14:03 +0100
Message-ID: <CAF3xQ9+relance3@mail.example.fr>
In-Reply-To: <ticket-4211@velonova.example>
References: <ticket-4211@velonova.example> <CAF3xQ9+relance2@mail.example.fr>
Content-Language: fr-FR
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="mixed-1"

--mixed-1
Content-Type: multipart/alternative; boundary="alt-1"

--alt-1
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: quoted-printable

Bonjour,

C'est ma troisi=C3=A8me relance : mon v=C3=A9lo est toujours cass=C3=A9 et perso=
nne ne me r=C3=A9pond. Je vais saisir un avocat.

Camille

Le lun. 9 nov. 2026 =C3=A0 10:02, Service client V=C3=A9lonova <support@velono=
va.example> a
=C3=A9crit :
> Bonjour, nous avons bien re=C3=A7u votre demande.
> Cordialement
--alt-1
Content-Type: text/html; charset="utf-8"

<div>Bonjour,</div><div>HTML version</div>
--alt-1--

--mixed-1
Content-Type: image/jpeg; name="photo-cadre.jpg"
Content-Disposition: attachment; filename="photo-cadre.jpg"
Content-Transfer-Encoding: base64

/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAP//////////////////////////////////////////
--mixed-1--
"""


def crlf(text: str) -> bytes:
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def simple(
    number: int,
    body: str = "My lock broke after a week.",
    *,
    subject: str = "Broken lock",
    headers: str = "",
    charset: str = "utf-8",
    encoding: str | None = None,
) -> bytes:
    head = (
        f"From: Priya N. <priya{number}@example.com>\r\n"
        f"To: support@velonova.example\r\n"
        f"Subject: {subject}\r\n"
        f"Date: Tue, 17 Nov 2026 10:00:{number % 60:02d} +0000\r\n"
        f"Message-ID: <msg-{number}@example.com>\r\n"
        f"MIME-Version: 1.0\r\n"
        f'Content-Type: text/plain; charset="{charset}"\r\n'
        f"{headers}\r\n"
    )
    return head.encode("ascii") + body.encode(encoding or charset).replace(b"\n", b"\r\n")


def lying(number: int, body: bytes, charset: str) -> bytes:
    """A text/plain mail whose declared charset is `charset`, whatever its bytes are."""
    head = simple(number, "").replace(b'charset="utf-8"', f'charset="{charset}"'.encode())
    return head + body


def nested_multipart(depth: int, subtype: str = "mixed") -> bytes:
    lines = [
        f"Subject: bomb {depth}",
        "From: x@example.com",
        f"Message-ID: <deep-{depth}-{subtype}@x>",
    ]
    lines.append(f'Content-Type: multipart/{subtype}; boundary="b0"')
    lines.append("")
    for level in range(1, depth + 1):
        lines += [f"--b{level - 1}", f'Content-Type: multipart/{subtype}; boundary="b{level}"', ""]
    lines += [f"--b{depth}", "Content-Type: text/plain", "", "deep inside"]
    for level in range(depth, -1, -1):
        lines.append(f"--b{level}--")
    return "\r\n".join(lines).encode()


def nested_messages(depth: int) -> bytes:
    inner = "Subject: innermost\r\nFrom: x@example.com\r\n\r\nhello"
    for level in range(depth):
        inner = (
            f"Subject: level {level}\r\nFrom: x@example.com\r\n"
            f"Message-ID: <rfc822-{depth}-{level}@x>\r\n"
            f'Content-Type: multipart/mixed; boundary="m{level}"\r\n\r\n'
            f"--m{level}\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--m{level}--"
        )
    return inner.encode()


def many_parts(count: int) -> bytes:
    parts = "".join(f"--p\r\nContent-Type: text/plain\r\n\r\npart {n}\r\n" for n in range(count))
    head = (
        f"Subject: parts {count}\r\nFrom: x@example.com\r\n"
        'Content-Type: multipart/mixed; boundary="p"\r\n\r\n'
    )
    return (head + parts + "--p--\r\n").encode()


def header_bomb(kind: int) -> bytes:
    if kind % 2:
        headers = "".join(f"X-Filler-{n}: {'y' * 60}\r\n" for n in range(4_000 + kind))
    else:
        headers = "Subject: " + "long " * (60_000 + kind) + "\r\n"
    return (f"From: x@example.com\r\n{headers}\r\nbody").encode()


def broken_mails() -> Iterator[Broken]:
    """Messages that must each become a Reject, with a word its reason must contain."""
    for depth in range(13, 43):
        yield Broken(
            f"nested-multipart-{depth}",
            nested_multipart(depth, ("mixed", "alternative", "related")[depth % 3]),
            "nested",
        )
    for depth in range(13, 28):
        yield Broken(f"nested-message-{depth}", nested_messages(depth), "nested")
    for count in (201, 250, 300, 400, 500, 800, 1_000, 2_000, 5_000, 10_000):
        yield Broken(f"parts-{count}", many_parts(count), "parts")
    for count in (210, 260, 310, 410, 510, 810, 1_010, 2_010, 3_000, 4_000):
        declared = "".join(
            f'Content-Type: multipart/mixed; boundary="z{n}"\r\n' for n in range(count)
        )
        yield Broken(
            f"declared-{count}",
            f"Subject: d\r\nFrom: x@example.com\r\n{declared}\r\nx".encode(),
            "multiparts",
        )
    for kind in range(12):
        yield Broken(f"header-bomb-{kind}", header_bomb(kind), "header")
    empties = [
        "From: a@example.com\r\nTo: b@example.com\r\n\r\n",
        "From: a@example.com\r\n\r\n   \r\n\t\r\n",
        'From: a@example.com\r\nContent-Type: multipart/mixed; boundary="e"\r\n\r\n--e--\r\n',
        "From: a@example.com\r\nContent-Type: text/html\r\n\r\n"
        "<html><body><script>x()</script></body></html>",
        "From: a@example.com\r\nContent-Type: text/html\r\n\r\n<style>p{}</style>",
        "From: a@example.com\r\nSubject:\r\n\r\n",
        "From: a@example.com\r\nContent-Transfer-Encoding: base64\r\n\r\nICAg\r\n",
        "From: a@example.com\r\nSubject: \t \r\n\r\n \r\n",
        'From: a@example.com\r\nContent-Type: multipart/alternative; boundary="q"\r\n\r\n'
        "--q\r\nContent-Type: text/plain\r\n\r\n\r\n--q--",
        "Message-ID: <empty@x>\r\n\r\n",
    ]
    for number, text in enumerate(empties):
        yield Broken(f"empty-{number}", text.encode(), "no text")
    rng = random.Random(20261117)
    for number in range(18):
        garbage = bytes(rng.randrange(256) for _ in range(200 + number * 37))
        yield Broken(f"garbage-{number}", b"\r\n\r\n" + garbage, "not an e-mail")


LYING = [
    # (what, raw body bytes, declared charset, text expected in the item)
    (
        "latin-1 declared utf-8",
        "Vélo cassé, réponse attendue".encode("latin-1"),
        "utf-8",
        "Vélo cassé",
    ),
    (
        "cp1252 declared us-ascii",
        "Le SAV m’a raccroché au nez".encode("cp1252"),
        "us-ascii",
        "m’a raccroché",
    ),
    ("utf-8 declared iso-8859-1", "Déçu, très déçu".encode(), "iso-8859-1", "Déçu, très déçu"),
    ("unknown charset", "Problème de frein".encode(), "x-mystery-42", "Problème de frein"),
    ("utf-8 declared windows-1252", "Œuvre d’art cassée".encode(), "windows-1252", "Œuvre d’art"),
]
