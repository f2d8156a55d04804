"""The file connector tails a JSONL file: only complete new lines, each once."""

from __future__ import annotations

import json

from sentinelle.listening.loop import poll_source
from sentinelle.listening.models import Mention, Source
from tests.conftest import make_item


def test_polling_reads_new_complete_lines_once(tmp_path, brand):
    path = tmp_path / "feed.jsonl"
    path.write_text(json.dumps(make_item(1)) + "\n" + json.dumps(make_item(2))[:20])
    source = Source.objects.create(
        brand=brand, name="Feed", kind="file", config={"path": str(path)}
    )
    assert poll_source(source) == 1
    with path.open("w") as handle:
        handle.write(json.dumps(make_item(1)) + "\n" + json.dumps(make_item(2)) + "\n")
        handle.write("garbage\n" + json.dumps(make_item(3)) + "\n")
    source.refresh_from_db()
    assert poll_source(source) == 2
    source.refresh_from_db()
    assert poll_source(source) == 0
    assert Mention.objects.filter(source=source).count() == 3
    source.refresh_from_db()
    assert "line 3" in source.last_error


def test_a_missing_file_is_reported_on_the_source(tmp_path, brand):
    source = Source.objects.create(
        brand=brand, name="Feed", kind="file", config={"path": str(tmp_path / "nope.jsonl")}
    )
    assert poll_source(source) == 0
    source.refresh_from_db()
    assert "cannot read" in source.last_error
