"""The French and English catalogues are complete and compiled."""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest

LOCALE = Path(__file__).resolve().parents[1] / "src" / "sentinelle" / "locale"


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line: str) -> str:
    body = line[line.index('"') + 1 : line.rindex('"')]
    out, chars = [], iter(body)
    for char in chars:
        out.append(ESCAPES.get(next(chars, ""), "") if char == "\\" else char)
    return "".join(out)


def _entries(po: Path) -> dict[str, str]:
    """msgid → msgstr for every entry of a .po file (continuation lines joined).

    A plural entry maps to its first form, or to "" when any of its forms is empty.
    """
    entries: dict[str, str] = {}
    msgid = None
    forms: list[str] = []
    field = None

    def close() -> None:
        entries[msgid] = forms[0] if forms and all(forms) else ""

    for raw in [*po.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("msgid "):
            if msgid is not None:
                close()
            msgid, forms, field = _unquote(line), [], "id"
        elif line.startswith("msgid_plural "):
            field = "plural"
        elif line.startswith(("msgstr ", "msgstr[")):
            forms.append(_unquote(line))
            field = "str"
        elif line.startswith('"') and field:
            if field == "id":
                msgid += _unquote(line)
            elif field == "str":
                forms[-1] += _unquote(line)
        elif not line and msgid is not None:
            close()
            msgid, field = None, None
    entries.pop("", None)
    return entries


def test_every_french_string_is_translated():
    entries = _entries(LOCALE / "fr" / "LC_MESSAGES" / "django.po")
    assert len(entries) > 200
    assert [k for k, v in entries.items() if not v] == []


@pytest.mark.parametrize("language", ["fr", "en"])
def test_compiled_catalogue_matches_its_source(language):
    directory = LOCALE / language / "LC_MESSAGES"
    with (directory / "django.mo").open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    stale = [
        msgid
        for msgid, msgstr in _entries(directory / "django.po").items()
        if msgstr
        and compiled.gettext(msgid) != msgstr
        and compiled.ngettext(msgid, msgid, 1) != msgstr  # plural entries: their first form
    ]
    assert stale == [], "run `make messages` to recompile the catalogue"
