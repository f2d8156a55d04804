"""One contract over every registered analyzer (STYLE.md)."""

from __future__ import annotations

import copy

import pytest

from sentinelle.analysis.registry import get_analyzer_class, registered_names
from sentinelle.analysis.settings import DEFAULT_ANALYZERS, AnalysisSettings
from sentinelle.analysis.types import Analysis

LONG = ("Ma box est en panne depuis 3 semaines, toujours pas de réponse ! 😡 " * 300)[:20_000]
INPUTS = {
    "empty": "",
    "emoji": "😡😡😡🔥",
    "long": LONG,
    "french": "Vous m'avez prélevé deux fois, je vais résilier et appeler mon avocat. "
    "06 12 34 56 78",
    "english": "@AcmeHelp still no refund after 3 calls?! I'm switching to Verizon. my name is Bob",
    "quebec": "Chu tanné, ça marche pas pantoute depuis lundi, pouvez-vous m'aider?",
    "other": "Hola, mi pedido no ha llegado todavía y nadie responde",
}
SETTINGS = AnalysisSettings()


@pytest.fixture(scope="module")
def analyzers() -> dict[str, object]:
    return {name: get_analyzer_class(name).from_settings(SETTINGS) for name in registered_names()}


def prepared(name: str, analyzers: dict[str, object], text: str) -> Analysis:
    """An analysis that went through every analyzer before `name` in the default order."""
    analysis = Analysis(id="t", text=text)
    for earlier in DEFAULT_ANALYZERS[: DEFAULT_ANALYZERS.index(name)]:
        analysis = analyzers[earlier](analysis)  # type: ignore[operator]
    return analysis


def check_scores(data: dict[str, object]) -> None:
    for key in ("complaint_score", "sentiment_score"):
        value = data[key]
        assert value is None or 0.0 <= float(value) <= 1.0, key  # type: ignore[arg-type]
    for signal in data["signals"]:  # type: ignore[attr-defined]
        assert 0.0 <= signal["score"] <= 1.0


@pytest.mark.parametrize("name", registered_names())
@pytest.mark.parametrize("kind", list(INPUTS))
def test_analyzer_contract(name: str, kind: str, analyzers: dict[str, object]) -> None:
    cls = get_analyzer_class(name)
    assert cls.name == name
    assert isinstance(cls.requires, frozenset) and isinstance(cls.assigns, frozenset)
    analysis = prepared(name, analyzers, INPUTS[kind])
    before = analysis.to_dict()
    twin = copy.deepcopy(analysis)
    after = analyzers[name](analysis).to_dict()  # type: ignore[operator]
    changed = {k for k in after if after[k] != before[k]}
    assert changed <= cls.assigns | {"reasons"}, changed
    changed_reasons = {
        k for k in after["reasons"] if after["reasons"].get(k) != before["reasons"].get(k)
    }
    assert changed_reasons <= {name}
    check_scores(after)
    assert analyzers[name](twin).to_dict() == after  # type: ignore[operator]
    raised = [k for k in cls.assigns if after[k] not in (None, False, [], "und", "other")]
    if raised:
        assert after["reasons"].get(name), f"{name} raised {raised} without reasons"


@pytest.mark.parametrize("name", registered_names())
def test_batch_equals_one_by_one(name: str, analyzers: dict[str, object]) -> None:
    analyzer = analyzers[name]
    batch = [prepared(name, analyzers, text) for text in INPUTS.values()]
    singles = [analyzer(copy.deepcopy(a)).to_dict() for a in batch]  # type: ignore[operator]
    together = analyzer.analyze_batch(batch)  # type: ignore[attr-defined]
    assert [a.to_dict() for a in together] == singles
