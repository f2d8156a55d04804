"""Importing mentions from JSONL and CSV: bad lines reported, nothing lost, nothing twice."""

from __future__ import annotations

import json

import pytest
from django.db import IntegrityError, transaction
from typer.testing import CliRunner

from sentinelle.cli import app
from sentinelle.listening.importer import read_items
from sentinelle.listening.ingest import ingest_items, ingest_lines
from sentinelle.listening.items import item_from_dict
from sentinelle.listening.models import Mention, Source
from tests.conftest import make_item


def _write_jsonl(path, lines):
    with path.open("wb") as handle:
        for line in lines:
            handle.write(line if isinstance(line, bytes) else json.dumps(line).encode())
            handle.write(b"\n")


def test_bad_lines_are_reported_with_their_number_and_the_rest_imported(tmp_path, brand):
    path = tmp_path / "mentions.jsonl"
    _write_jsonl(
        path,
        [
            make_item(1),
            b"{not json",
            {k: v for k, v in make_item(3).items() if k != "text"},
            b'{"text": "\xff\xfe caf\xe9"}',
            make_item(5, text="x" * 1_000_000),
            make_item(6, url="javascript:alert(1)"),
            make_item(7, published_at="2026-11-16T09:00:00"),
            make_item(8),
        ],
    )
    report = ingest_lines(brand, read_items(path), default_source="Import")
    assert report.created == 2
    skipped = dict(report.skipped)
    assert sorted(skipped) == [2, 3, 4, 5, 6, 7]
    assert "invalid JSON" in skipped[2]
    assert "text is missing" in skipped[3]
    assert "UTF-8" in skipped[4]
    assert "too long" in skipped[5]
    assert "http" in skipped[6]
    assert "time zone" in skipped[7]


def test_reimporting_creates_no_duplicates(tmp_path, brand):
    path = tmp_path / "mentions.jsonl"
    _write_jsonl(path, [make_item(n) for n in range(10)])
    first = ingest_lines(brand, read_items(path), default_source="Import")
    second = ingest_lines(brand, read_items(path), default_source="Import")
    assert (first.created, second.created, second.duplicates) == (10, 0, 10)
    assert Mention.objects.filter(brand=brand).count() == 10


def test_replies_are_linked_to_their_parent_even_across_batches(brand):
    parent = make_item(1, external_id="p")
    child = make_item(2, external_id="c", parent_external_id="p")
    source = Source.objects.create(brand=brand, name="Mastodon", kind="mastodon")
    ingest_items(source, [item_from_dict(parent)])
    ingest_items(source, [item_from_dict(child)])
    assert Mention.objects.get(external_id="c").parent.external_id == "p"


def test_html_is_kept_as_received_and_stored_as_plain_text(brand, mentions):
    blog = next(m for m in mentions if m.channel == "blog")
    assert "<script>" in blog.text_raw
    assert "<" not in blog.text and "alert" not in blog.text
    assert "ouvert avec un stylo" in blog.text


def test_the_cursor_is_saved_with_the_mentions(brand):
    source = Source.objects.create(brand=brand, name="Feed", kind="file")
    ingest_items(source, [item_from_dict(make_item(1))], cursor={"offset": 42})
    source.refresh_from_db()
    assert source.cursor == {"offset": 42}
    assert source.last_success_at is not None
    assert source.items_per_hour == 1


def test_the_cursor_does_not_move_when_storing_fails(brand):
    source = Source.objects.create(brand=brand, name="Feed", kind="file", cursor={"offset": 1})
    good = item_from_dict(make_item(1))
    broken = item_from_dict(make_item(2))
    object.__setattr__(broken, "published_at", None)  # the database refuses a NULL here
    with pytest.raises(IntegrityError), transaction.atomic():
        ingest_items(source, [good, broken], cursor={"offset": 99})
    source.refresh_from_db()
    assert source.cursor == {"offset": 1}
    assert not Mention.objects.filter(source=source).exists()


def test_csv_with_another_tools_column_names(tmp_path, brand):
    path = tmp_path / "export.csv"
    path.write_text(
        "Date,Author,Full Text,Url,Platform,Id\n"
        '2026-11-16T10:00:00Z,@jo,"Livraison en retard, encore",https://x.example/1,reddit,r1\n'
        "2026-11-16T11:00:00+01:00,@al,Merci pour la réparation!,,forum,r2\n"
        "not-a-date,@zz,Texte,,forum,r3\n",
        encoding="utf-8",
    )
    report = ingest_lines(brand, read_items(path), default_source="Export")
    assert report.created == 2
    assert report.skipped[0][0] == 4
    assert set(Mention.objects.values_list("channel", flat=True)) == {"reddit", "forum"}


def test_the_import_command_reports_and_continues(tmp_path, brand):
    path = tmp_path / "m.jsonl"
    _write_jsonl(path, [make_item(1), b"[1, 2]", make_item(3)])
    result = CliRunner().invoke(app, ["import", str(path), "--brand", brand.slug])
    assert result.exit_code == 0, result.output
    assert "2 mentions imported" in result.output
    assert "m.jsonl:2: skipped: each line must be a JSON object" in result.output


def test_the_import_command_names_an_unknown_brand(tmp_path, db):
    path = tmp_path / "m.jsonl"
    _write_jsonl(path, [make_item(1)])
    result = CliRunner().invoke(app, ["import", str(path), "--brand", "nope"])
    assert result.exit_code == 1
    assert "No brand 'nope'" in result.output
