"""The layers hold: imports point one way, with no circle, and importing the package stays light.

Every import is read with ``ast`` (function-level ones included): ``commands/``, ``ops/``,
``sessions/``, ``transport.py`` and ``engine.py`` never reach ``widgets/``, ``display.py``
or ``ipywidgets``, and no module of the package reaches itself again.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "dockerwidgets"
LOWER_LAYERS = ("dockerwidgets.commands", "dockerwidgets.ops", "dockerwidgets.sessions", "dockerwidgets.transport",
                "dockerwidgets.engine", "dockerwidgets.contexts", "dockerwidgets.frames", "dockerwidgets.results")  # fmt: skip
WIDGET_SIDE = ("dockerwidgets.widgets", "dockerwidgets.display", "ipywidgets", "anywidget", "IPython.display")


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(path): path for path in PACKAGE.rglob("*.py")}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """What *name* imports (absolute names; ``from pkg import submodule`` counts as the submodule)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module or ""
            for alias in node.names:
                candidate = f"{origin}.{alias.name}"
                found.add(candidate if candidate in known else origin)
    return found


def graph() -> dict[str, set[str]]:
    found = modules()
    known = set(found)
    return {name: imports_of(name, path, known) for name, path in found.items()}


def test_lower_layers_never_reach_widgets():
    wrong = [
        f"{name} imports {target}"
        for name, targets in graph().items()
        if name.startswith(LOWER_LAYERS)
        for target in targets
        if target.startswith(WIDGET_SIDE)
    ]
    assert wrong == []


def test_no_import_circle():
    edges = {name: {t for t in targets if t.startswith("dockerwidgets")} for name, targets in graph().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    circles: list[list[str]] = []

    def visit(node: str) -> None:  # Tarjan's strongly connected components
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in edges.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                circles.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    assert circles == []


def imported_by(code: str) -> set[str]:
    """The top-level packages a fresh interpreter holds after running *code*."""
    probe = f"import sys\n{code}\nprint(' '.join(sorted({{m.split('.')[0] for m in sys.modules}})))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                            cwd=PACKAGE.parent)  # fmt: skip
    return set(result.stdout.split())


def test_importing_the_package_loads_nothing_heavy():
    loaded = imported_by("import dockerwidgets")
    assert not loaded & {"ipywidgets", "pandas", "docker", "IPython", "anywidget"}


def test_the_magic_and_the_commands_load_no_widget():
    loaded = imported_by("import dockerwidgets.magic, dockerwidgets.commands, dockerwidgets.ops.containers")
    assert "ipywidgets" not in loaded and "anywidget" not in loaded


def test_ruff_is_clean():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "dockerwidgets", "tests", "benchmarks"],
                            capture_output=True, text=True, cwd=PACKAGE.parent)  # fmt: skip
    assert result.returncode == 0, result.stdout
