"""The rules the layout enforces (docs/architecture.md)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "sentinelle"
APPS = [
    "core",
    "brands",
    "listening",
    "stories",
    "cases",
    "replies",
    "privacy",
    "portal",
    "insights",
    "web",
]


def _modules(root: Path):
    for path in sorted(root.rglob("*.py")):
        if "migrations" not in path.parts:
            yield path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _imported(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_analysis_imports_nothing_from_django_or_the_apps():
    offenders = []
    for path, tree in _modules(SRC / "analysis"):
        for module in _imported(tree):
            top = module.split(".")
            if top[0] == "django" or (top[0] == "sentinelle" and top[1:2] != ["analysis"]):
                offenders.append(f"{path.relative_to(SRC)}: {module}")
    assert offenders == []


def test_importing_analysis_loads_neither_django_nor_heavy_libraries():
    code = (
        "import sys, sentinelle.analysis; "
        "print(sorted(m for m in ('django', 'sklearn', 'numpy') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _root_name(node: ast.AST) -> str:
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else ""


def _about_a_case(node: ast.AST) -> bool:
    """Whether an expression is about a case: `case.x`, `open_case.x`, `Case.objects…`."""
    chain = []
    while isinstance(node, ast.Attribute | ast.Call | ast.Subscript):
        if isinstance(node, ast.Attribute):
            chain.append(node.attr)
        node = node.func if isinstance(node, ast.Call) else node.value
    names = [*chain, _root_name(node) if isinstance(node, ast.Name) else ""]
    return any("case" in name.lower() for name in names if name)


def _status_or_owner_writes(tree: ast.AST):
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.Assign):
            targets = node.targets
        elif isinstance(node, ast.AugAssign | ast.AnnAssign):
            targets = [node.target]
        for target in targets:
            if (
                isinstance(target, ast.Attribute)
                and target.attr in {"status", "owner", "owner_id"}
                and _about_a_case(target.value)
            ):
                yield node.lineno
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"update", "create", "bulk_update", "update_or_create"}
            and {kw.arg for kw in node.keywords} & {"status", "owner", "owner_id"}
            and _about_a_case(node.func.value)
        ):
            yield node.lineno


def test_only_case_actions_change_a_case_status_or_owner():
    offenders = []
    for path, tree in _modules(SRC):
        if path == SRC / "cases" / "actions.py":
            continue
        offenders += [f"{path.relative_to(SRC)}:{line}" for line in _status_or_owner_writes(tree)]
    assert offenders == []


def test_the_checker_catches_a_status_write():
    tree = ast.parse(
        "case.status = 'closed'\n"
        "Case.objects.filter(pk=1).update(owner=None)\n"
        "self.case.owner_id = 3\n"
        "response.status = 200\n"
        "Outbox.objects.filter(pk=1).update(status='sent')\n"
    )
    assert sorted(_status_or_owner_writes(tree)) == [1, 2, 3]


WRITES = {
    "create",
    "update",
    "delete",
    "bulk_create",
    "bulk_update",
    "get_or_create",
    "update_or_create",
}


def _foreign_model_writes(app: str, tree: ast.AST):
    foreign = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            parts = node.module.split(".")
            if parts[0] == "sentinelle" and parts[-1] == "models" and parts[1] != app:
                foreign |= {alias.asname or alias.name for alias in node.names}
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in WRITES
        ):
            base = node.func.value
            while isinstance(base, ast.Call | ast.Attribute):
                base = base.func if isinstance(base, ast.Call) else base.value
            if isinstance(base, ast.Name) and base.id in foreign:
                yield f"{node.lineno}: {base.id}.…{node.func.attr}"


def test_no_app_writes_another_apps_models():
    offenders = []
    for app in APPS:
        for path, tree in _modules(SRC / app):
            offenders += [f"{path.relative_to(SRC)}:{w}" for w in _foreign_model_writes(app, tree)]
    assert offenders == []


def test_every_app_module_stays_readable():
    too_long = [
        f"{path.relative_to(SRC)} ({n} lines)"
        for path, _ in _modules(SRC)
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500
    ]
    assert too_long == []
