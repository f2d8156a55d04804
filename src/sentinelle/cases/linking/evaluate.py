"""Precision and recall of automatic links on labelled author pairs (`sentinelle eval cases`)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import typer

from sentinelle.cases.linking.records import AuthorRecord
from sentinelle.cases.linking.scoring import score_pair

DATA = Path(__file__).parent / "data" / "author_pairs.jsonl"
GOAL_LINK_PRECISION = 0.98
# Pairs are held out by a hash of their id, so the split never moves; tune on "dev" only.
HOLDOUT_SHARE = 30


def load(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The labelled pairs, one dict per JSON line."""
    lines = Path(path or DATA).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def in_holdout(pair_id: str) -> bool:
    """Whether a pair belongs to the 30 % held out while tuning."""
    return hashlib.sha256(pair_id.encode()).digest()[0] * 100 // 256 < HOLDOUT_SHARE


def _ratio(hits: int, total: int) -> float:
    return round(hits / total, 3) if total else 1.0


def metrics(outcomes: list[tuple[str, bool]]) -> dict[str, Any]:
    """Precision and recall of "link", and of "link or suggest", for (decision, same) pairs."""
    same = sum(s for _, s in outcomes)
    linked = [s for d, s in outcomes if d == "link"]
    shown = [s for d, s in outcomes if d in ("link", "suggest")]
    return {
        "pairs": len(outcomes),
        "same": same,
        "different": len(outcomes) - same,
        "links": len(linked),
        "suggestions": len(shown) - len(linked),
        "link_precision": _ratio(sum(linked), len(linked)),
        "link_recall": _ratio(sum(linked), same),
        "suggest_precision": _ratio(sum(shown), len(shown)),
        "suggest_recall": _ratio(sum(shown), same),
        "wrong_links": len(linked) - sum(linked),
    }


def evaluate(path: Path | str | None = None) -> dict[str, Any]:
    """Metrics on all pairs (top level), on the 70 % "dev" and the 30 % "holdout" splits."""
    outcomes: dict[str, list[tuple[str, bool]]] = {"dev": [], "holdout": []}
    errors = []
    for pair in load(path):
        a, b = AuthorRecord.from_dict(pair["a"]), AuthorRecord.from_dict(pair["b"])
        decision = score_pair(a, b)
        split = "holdout" if in_holdout(pair["id"]) else "dev"
        outcomes[split].append((decision.decision, bool(pair["same"])))
        if (decision.decision == "link") != pair["same"]:
            errors.append(
                {
                    "id": pair["id"],
                    "same": pair["same"],
                    "decision": decision.decision,
                    "reasons": decision.reasons,
                }
            )
    result = metrics(outcomes["dev"] + outcomes["holdout"])
    result.update(
        goal_link_precision=GOAL_LINK_PRECISION,
        dev=metrics(outcomes["dev"]),
        holdout=metrics(outcomes["holdout"]),
        errors=errors,
    )
    return result


def eval_cases_command(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Print precision and recall of customer linking against the goal (link precision ≥ 0.98)."""
    result = evaluate()
    if json_output:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(
        "split",
        "pairs",
        "same",
        "link P",
        "link R",
        "sugg. P",
        "sugg. R",
        "link P ≥ 0.98",
        title="Customer linking (sugg. = link or suggest)",
    )
    splits = (("all", result), ("dev 70 %", result["dev"]), ("held-out", result["holdout"]))
    for name, r in splits:
        table.add_row(
            name,
            str(r["pairs"]),
            str(r["same"]),
            f"{r['link_precision']:.3f}",
            f"{r['link_recall']:.3f}",
            f"{r['suggest_precision']:.3f}",
            f"{r['suggest_recall']:.3f}",
            "✓" if r["link_precision"] >= GOAL_LINK_PRECISION else "✗",
        )
    Console().print(table)
