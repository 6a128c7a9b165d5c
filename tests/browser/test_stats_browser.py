"""The live stats in JupyterLab, in headless chromium: the table, plotly's lines growing, offline, stop."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from conftest import cli
from playwright.sync_api import expect

from .conftest import write_notebook

NOTEBOOK = "stats.ipynb"
CELLS = ["%load_ext dockerwidgets\nview = %docker stats\nview", "view.stop()\nview.history.container.unique().tolist()"]
WAIT_MS = 60_000

pytestmark = pytest.mark.engine


def run_cell(tab, index: int) -> None:
    tab.locator(".jp-Cell .jp-InputArea-editor").nth(index).click()
    tab.keyboard.press("Shift+Enter")


def test_the_live_stats_render_and_update_with_nothing_fetched_from_outside(engine, lab, browser, artifacts):
    cli("run", "-d", "--name", "spinner", "busybox", "sh", "-c", "while :; do :; done")
    cli("run", "-d", "--name", "sleeper", "busybox", "sleep", "600")
    url, root = lab
    write_notebook(root / NOTEBOOK, CELLS)
    context = browser.new_context(viewport={"width": 1400, "height": 1100})
    tab = context.new_page()
    hosts, errors = set(), []
    tab.on("request", lambda request: hosts.add(urlparse(request.url).hostname))  # blob: and data: have none
    tab.on("pageerror", lambda error: errors.append(str(error)))
    try:
        tab.goto(f"{url}/lab/tree/{NOTEBOOK}")
        tab.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
        tab.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=WAIT_MS)
        run_cell(tab, 0)
        stats = tab.locator(".dw-stats")
        rows = stats.locator(".dw-table tbody tr")
        expect(rows.filter(has_text="spinner")).to_have_count(1, timeout=WAIT_MS)
        expect(rows.filter(has_text="sleeper")).to_have_count(1, timeout=WAIT_MS)
        expect(stats.locator(".dw-table thead")).to_contain_text("MEM USAGE / LIMIT")
        expect(rows.filter(has_text="spinner")).to_contain_text(re.compile(r"\d+\.\d\d%"), timeout=WAIT_MS)

        plot = stats.locator(".js-plotly-plot")
        plot.wait_for(timeout=WAIT_MS)  # plotly.js from the bundle inside the plotly package
        lines = plot.locator(".scatterlayer .trace path.js-line")
        expect(lines).to_have_count(4, timeout=WAIT_MS)  # CPU and memory, one line per container each
        expect(plot.locator(".legendtext")).to_have_count(2)
        first = lines.first.get_attribute("d") or ""
        expect(lines.first).not_to_have_attribute("d", first, timeout=WAIT_MS)  # the next second's points came
        tab.wait_for_timeout(3000)
        grown = lines.first.get_attribute("d") or ""
        assert grown.count("L") > first.count("L") >= 0  # more points as the seconds pass
        tab.screenshot(path=str(artifacts / "stats-browser.png"), full_page=True)

        run_cell(tab, 1)
        expect(tab.locator(".jp-Cell").nth(1).locator(".jp-OutputArea-output")).to_contain_text(
            "spinner", timeout=WAIT_MS
        )
        expect(stats.locator(".dw-message")).to_have_text("stopped", timeout=WAIT_MS)
    except Exception:
        tab.screenshot(path=str(artifacts / "stats-browser-failure.png"), full_page=True)
        raise
    finally:
        context.close()
    assert hosts <= {"127.0.0.1", None}, f"fetched from outside: {hosts}"
    assert errors == []
