"""The IMAP connector against a real IMAP server (Dovecot) on 127.0.0.1."""

from __future__ import annotations

import base64
import itertools
import threading
import time

import pytest

from sentinelle.listening.connectors import ConnectorError, connector_for
from sentinelle.listening.connectors.imap import ImapConnector
from tests.listening.connectors import mails
from tests.listening.connectors.dovecot import Dovecot, running_dovecot

_users = itertools.count()


@pytest.fixture(scope="module")
def dovecot():
    with running_dovecot() as server:
        yield server


@pytest.fixture
def user() -> str:
    return f"support{next(_users)}-{time.monotonic_ns()}@velonova.example"


def connector(server: Dovecot, user: str, **config) -> ImapConnector:
    return ImapConnector.from_config(
        server.config(user, **config), allow_private=True, ssl_context=server.ssl_context()
    )


def test_a_complaint_over_tls_becomes_an_item(dovecot, user):
    dovecot.append(user, mails.crlf(mails.COMPLAINT_FR))
    result = connector(dovecot, user).fetch({})
    (item,) = result.items
    assert item.external_id == "<CAF3xQ9+relance3@mail.example.fr>"
    assert item.channel == "email" and item.lang == "fr"
    assert item.title == "Re: Vélo cassé — 3e relance"
    assert item.author.email == "camille@example.fr" and item.author.name == "Camille Rousseau"
    assert item.parent_external_id == "<ticket-4211@velonova.example>"
    assert "saisir un avocat" in item.text and "bien reçu" not in item.text
    (photo,) = item.extra["attachments"]
    assert photo["name"] == "photo-cadre.jpg"
    assert base64.b64decode(photo["content_base64"]).startswith(b"\xff\xd8")
    assert result.cursor == {"uidvalidity": result.cursor["uidvalidity"], "last_uid": 1}
    assert result.rejects == []


def test_only_new_messages_are_read_and_nothing_is_marked_read(dovecot, user):
    dovecot.append(user, mails.simple(1), mails.simple(2))
    imap = connector(dovecot, user)
    first = imap.fetch({})
    dovecot.append(user, mails.simple(3))
    second = imap.fetch(first.cursor)
    third = imap.fetch(second.cursor)
    assert [i.external_id for i in first.items] == ["<msg-1@example.com>", "<msg-2@example.com>"]
    assert [i.external_id for i in second.items] == ["<msg-3@example.com>"]
    assert third.items == [] and third.cursor == second.cursor
    assert all(b"\\Seen" not in line for line in dovecot.flags(user))


def test_messages_are_marked_read_only_when_configured(dovecot, user):
    dovecot.append(user, mails.simple(1))
    connector(dovecot, user, mark_seen=True).fetch({})
    assert all(b"\\Seen" in line for line in dovecot.flags(user))


def test_a_changed_uidvalidity_starts_again_from_the_newest(dovecot, user):
    dovecot.append(user, *(mails.simple(n) for n in range(1, 5)))
    result = connector(dovecot, user, max_messages=2).fetch({"uidvalidity": 1, "last_uid": 4})
    assert [i.external_id for i in result.items] == ["<msg-3@example.com>", "<msg-4@example.com>"]
    assert "UIDVALIDITY" in result.problems[0]


def test_a_long_backlog_is_read_in_order_over_several_fetches(dovecot, user):
    dovecot.append(user, *(mails.simple(n) for n in range(1, 6)))
    imap = connector(dovecot, user, max_messages=2)
    first = imap.fetch({"uidvalidity": imap.fetch({}).cursor["uidvalidity"], "last_uid": 0})
    second = imap.fetch(first.cursor)
    assert [i.external_id for i in first.items + second.items] == [
        f"<msg-{n}@example.com>" for n in range(1, 5)
    ]


def test_idle_wakes_up_when_mail_arrives(dovecot, user):
    empty = connector(dovecot, user).fetch({})
    imap = connector(dovecot, user, idle_seconds=30)
    arrival = threading.Timer(0.5, dovecot.append, args=(user, mails.simple(7)))
    arrival.start()
    try:
        result = imap.fetch(empty.cursor)
    finally:
        arrival.join()
    assert [i.external_id for i in result.items] == ["<msg-7@example.com>"]


def test_idle_gives_up_quietly_when_nothing_arrives(dovecot, user):
    result = connector(dovecot, user, idle_seconds=1).fetch({})
    assert result.items == [] and result.cursor["last_uid"] == 0


def test_starttls_and_plain_connections(dovecot, user):
    dovecot.append(user, mails.simple(1))
    for security in ("starttls", "none"):
        result = connector(dovecot, user, security=security, port=dovecot.plain_port).fetch({})
        assert len(result.items) == 1


def test_a_wrong_password_is_a_permanent_error(dovecot, user):
    config = dovecot.config(user) | {"password": "wrong"}
    imap = ImapConnector.from_config(config, allow_private=True, ssl_context=dovecot.ssl_context())
    with pytest.raises(ConnectorError, match="login refused") as error:
        imap.fetch({})
    assert not error.value.retryable


def test_an_untrusted_certificate_is_refused(dovecot, user):
    imap = ImapConnector.from_config(dovecot.config(user), allow_private=True)
    with pytest.raises(ConnectorError, match="certificate") as error:
        imap.fetch({})
    assert not error.value.retryable


def test_private_addresses_are_refused_without_the_test_switch(dovecot, user):
    with pytest.raises(ConnectorError, match="loopback") as error:
        ImapConnector.from_config(dovecot.config(user)).fetch({})
    assert not error.value.retryable


def test_a_missing_mailbox_is_a_clear_error(dovecot, user):
    with pytest.raises(ConnectorError, match="cannot open mailbox 'Réclamations'"):
        connector(dovecot, user, mailbox="Réclamations").fetch({})


def test_over_a_hundred_broken_mails_are_rejected_and_the_good_ones_kept(dovecot, user):
    bad = list(mails.broken_mails())
    assert len(bad) >= 100
    messages = []
    for index, broken in enumerate(bad):
        if index % 20 == 0:
            messages.append(mails.simple(1_000 + index))
        messages.append(broken.entry)
    lying = [mails.lying(2_000 + n, body, c) for n, (_, body, c, _) in enumerate(mails.LYING)]
    dovecot.append(user, *messages, *lying)
    result = connector(dovecot, user, max_messages=1_000).fetch({"uidvalidity": 0})
    good = [f"<msg-{1_000 + i}@example.com>" for i in range(0, len(bad), 20)]
    assert [i.external_id for i in result.items][: len(good)] == good
    for (what, _, _, expected), item in zip(mails.LYING, result.items[len(good) :], strict=True):
        assert expected in item.text, what
        assert item.extra["mail"]["problems"], what
    assert len(result.rejects) == len(bad)
    for broken, reject in zip(bad, result.rejects, strict=True):
        assert broken.expected in reject.reason, (broken.label, reject.reason)
        assert reject.external_id.startswith("imap:")
    assert result.cursor["last_uid"] == len(messages) + len(lying)


def test_a_fifty_megabyte_mail_is_refused_without_being_downloaded(dovecot, user):
    huge = mails.simple(9, "x" * 50_000_000)
    dovecot.append(user, huge, mails.simple(10))
    result = connector(dovecot, user).fetch({"uidvalidity": 0})
    assert [i.external_id for i in result.items] == ["<msg-10@example.com>"]
    (reject,) = result.rejects
    assert "over the 25,000,000 limit" in reject.reason
    assert "Subject: Broken lock" in reject.payload and len(reject.payload) < 10_000


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ({}, "host, username, password missing"),
        ({"host": "imap.example.com", "username": "u"}, "password missing"),
        ({"host": "imap example", "username": "u", "password": "p"}, "not a host name"),
        (
            {"host": "imap.example.com", "username": "u", "password": "p", "security": "ssl"},
            "security",
        ),
        ({"host": "imap.example.com", "username": "u", "password": "p", "port": 0}, "port"),
        (
            {"host": "imap.example.com", "username": "u", "password": "p", "mailbox": 'a"b'},
            "mailbox",
        ),
        (
            {"host": "imap.example.com", "username": "u", "password": "p", "idle_seconds": 3600},
            "idle_seconds",
        ),
    ],
)
def test_bad_configurations_are_refused_with_a_clear_message(config, message):
    with pytest.raises(ConnectorError, match=message) as error:
        connector_for("imap", config)
    assert not error.value.retryable
