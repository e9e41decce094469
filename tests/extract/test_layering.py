"""``extract`` stands below the stores and the shells: it never imports the ledger (nor the
CLI, the web app, the jobs or the exports), so extraction runs without a database."""

from __future__ import annotations

import ast
from pathlib import Path

import tollwatch.extract

EXTRACT = Path(tollwatch.extract.__file__).resolve().parent
ABOVE = ("tollwatch.ledger", "tollwatch.cli", "tollwatch.web", "tollwatch.jobs", "tollwatch.export")


def _imports(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.extend(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.append(node.module)
            names.extend(f"{node.module}.{a.name}" for a in node.names)
    return names


def test_extract_imports_nothing_above_it():
    bad = [
        f"{path.relative_to(EXTRACT.parent)}: {name}"
        for path in sorted(EXTRACT.rglob("*.py"))
        for name in _imports(path)
        if name.startswith(ABOVE)
    ]
    assert bad == []


def test_the_check_sees_a_ledger_import(tmp_path: Path):
    # The walk above must catch an import inside a function too (a lazy import is one).
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from tollwatch.ledger import groups_for\n", encoding="utf-8")
    assert "tollwatch.ledger" in _imports(module)
    module.write_text("from tollwatch import ledger\n", encoding="utf-8")
    assert "tollwatch.ledger" in _imports(module)
