"""Per-rule precision and recall of the reply linter on its labelled French/English set."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import typer

from sentinelle.replies.lint.linter import lint
from sentinelle.replies.lint.rules.brand import as_term
from sentinelle.replies.lint.types import RULES, LintContext

DATA = Path(__file__).parent / "data" / "replies_eval.jsonl"
GOAL_PRECISION = 0.90
GOAL_RECALL = 0.80
# The held-out share: examples are assigned by a hash of their id, so the split never moves.
HOLDOUT_SHARE = 30


def load(path: Path | str | None = None) -> list[dict[str, Any]]:
    """The labelled examples, one dict per JSON line."""
    lines = Path(path or DATA).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def in_holdout(example_id: str) -> bool:
    """Whether an example belongs to the 30 % held out while tuning the rules."""
    digest = hashlib.sha256(example_id.encode()).digest()
    return digest[0] * 100 // 256 < HOLDOUT_SHARE


def context_of(example: dict[str, Any]) -> LintContext:
    """The LintContext an example describes."""
    return LintContext(
        complaint=example.get("complaint"),
        customer_name=example.get("customer_name"),
        public=bool(example.get("public")),
        brand_terms=tuple(as_term(t) for t in example.get("brand_terms", ())),
        previous_replies=tuple(example.get("previous_replies", ())),
    )


def evaluate(path: Path | str | None = None, *, split: str = "all") -> dict[str, Any]:
    """Precision, recall and support per rule, and their macro averages.

    `split` is "all", "dev" (the 70 % used for tuning) or "holdout" (the other 30 %).
    """
    examples = load(path)
    if split != "all":
        examples = [e for e in examples if in_holdout(e["id"]) == (split == "holdout")]
    counts = {rule: {"tp": 0, "fp": 0, "fn": 0} for rule in RULES}
    errors: list[dict[str, Any]] = []
    for example in examples:
        report = lint(example["text"], lang=example.get("lang"), context=context_of(example))
        fired, expected = report.rules, set(example["expected"])
        for rule in RULES:
            if rule in fired and rule in expected:
                counts[rule]["tp"] += 1
            elif rule in fired:
                counts[rule]["fp"] += 1
            elif rule in expected:
                counts[rule]["fn"] += 1
        if fired != expected:
            errors.append(
                {
                    "id": example["id"],
                    "missed": sorted(expected - fired),
                    "extra": sorted(fired - expected),
                }
            )
    rules = {}
    for rule, c in counts.items():
        precision = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 1.0
        recall = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 1.0
        support = c["tp"] + c["fn"]
        rules[rule] = {
            "precision": round(precision, 3),
            "recall": round(recall, 3),
            "support": support,
        }
    return {
        "examples": len(examples),
        "split": split,
        "rules": rules,
        "macro_precision": round(sum(r["precision"] for r in rules.values()) / len(rules), 3),
        "macro_recall": round(sum(r["recall"] for r in rules.values()) / len(rules), 3),
        "errors": errors,
    }


def eval_replies_command(
    json_output: bool = typer.Option(False, "--json", help="Print one JSON object."),
    split: str = typer.Option("all", "--split", help="all, dev or holdout."),
) -> None:
    """Print the reply linter's precision and recall per rule against the goals."""
    result = evaluate(split=split)
    if json_output:
        typer.echo(json.dumps(result, indent=2, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("rule", "precision", "recall", "support", "goal ≥ 0.90 / ≥ 0.80", "")
    for rule, r in result["rules"].items():
        ok = r["precision"] >= GOAL_PRECISION and r["recall"] >= GOAL_RECALL
        table.add_row(
            rule,
            f"{r['precision']:.2f}",
            f"{r['recall']:.2f}",
            str(r["support"]),
            "0.90 / 0.80",
            "✓" if ok else "✗",
        )
    table.add_row(
        "macro",
        f"{result['macro_precision']:.2f}",
        f"{result['macro_recall']:.2f}",
        str(result["examples"]),
        "",
        "",
    )
    Console().print(table)
