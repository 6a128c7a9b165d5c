"""The committed front-end bundle is built from the committed sources (no node needed to check it)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STATIC = ROOT / "dockerwidgets" / "widgets" / "static"


def manifest() -> str:
    spec = importlib.util.spec_from_file_location("js_sources", ROOT / "scripts" / "js_sources.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.manifest()


def test_the_recorded_source_hashes_match_the_sources():
    assert (STATIC / "SOURCES.sha256").read_text() == manifest(), "js/ changed: run scripts/build-js and commit"


def test_the_bundle_sets_text_never_markup():
    bundle = (STATIC / "table.js").read_text()
    assert "innerHTML" not in bundle and "insertAdjacentHTML" not in bundle and "outerHTML" not in bundle


@pytest.mark.skipif(
    not (ROOT / "js" / "node_modules" / ".bin" / "esbuild").exists() or shutil.which("sh") is None,
    reason="esbuild is not installed in js/node_modules (scripts/build-js installs it)",
)
def test_rebuilding_gives_the_committed_bytes():
    result = subprocess.run([str(ROOT / "scripts" / "build-js"), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
