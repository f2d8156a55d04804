"""The linker is a pure library: no Django, no other app, so it runs anywhere."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

LINKING = Path(__file__).resolve().parents[2] / "src" / "sentinelle" / "cases" / "linking"
ALLOWED = ("sentinelle.cases.linking", "sentinelle.core.text", "sentinelle.analysis")


def test_linking_imports_only_itself_core_text_and_analysis():
    offenders = []
    for path in LINKING.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                top = name.split(".")[0]
                if top == "django" or (top == "sentinelle" and not name.startswith(ALLOWED)):
                    offenders.append(f"{path.name}: {name}")
    assert offenders == []


def test_importing_the_linker_loads_no_django():
    code = "import sys, sentinelle.cases.linking; print('django' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
