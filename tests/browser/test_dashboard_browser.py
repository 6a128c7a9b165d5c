"""The dashboard in JupyterLab, in headless chromium: its tabs, a tab's panel made when clicked, a volume live and removed."""

from __future__ import annotations

import re

import pytest
from conftest import cli
from playwright.sync_api import Page, expect

from .conftest import write_notebook

NOTEBOOK = "dashboard.ipynb"
CELL = "%load_ext dockerwidgets\n\ndash = %docker dashboard\ndash"
WAIT_MS = 30_000
VOLUME = "dwdash-browser-vol"

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def page(lab, browser, artifacts):
    """The notebook with a dashboard, opened and run."""
    cli("volume", "rm", "-f", VOLUME)
    url, root = lab
    write_notebook(root / NOTEBOOK, [CELL])
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(f"{url}/lab/tree/{NOTEBOOK}")
    try:
        tab.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
        tab.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=WAIT_MS)
        tab.locator(".jp-Cell .jp-InputArea-editor").first.click()
        tab.keyboard.press("Shift+Enter")
        tab.locator(".dw-dashboard .dw-panel .dw-table table").first.wait_for(timeout=WAIT_MS)
    except Exception:
        tab.screenshot(path=str(artifacts / "dashboard-browser-failure.png"), full_page=True)
        context.close()
        raise
    try:
        yield tab
    finally:
        context.close()
        cli("volume", "rm", "-f", VOLUME)


def volume_row(page: Page, name: str):
    return page.locator(".dw-dashboard .dw-table tbody tr").filter(
        has=page.locator("td", has_text=re.compile(f"^{name}$"))
    )


def test_tabs_a_volume_made_elsewhere_shows_and_is_removed_from_its_tab(engine, page, artifacts):
    tabs = page.locator(".dw-dashboard .lm-TabBar-tab")
    expect(tabs).to_have_count(4, timeout=WAIT_MS)
    assert [text.strip() for text in tabs.all_inner_texts()] == ["Containers", "Images", "Volumes", "Networks"]
    expect(page.locator(".dw-dashboard .dw-panel")).to_have_count(1)  # only the first tab's panel is made
    cli("volume", "create", VOLUME)
    tabs.nth(2).click()
    expect(page.locator(".dw-dashboard .dw-panel")).to_have_count(2, timeout=WAIT_MS)  # made when shown
    row = volume_row(page, VOLUME)
    expect(row).to_have_count(1, timeout=WAIT_MS)
    row.locator("input.dw-check").click()
    volumes = page.locator(".dw-dashboard .dw-panel").nth(1)
    expect(volumes).to_contain_text(f"1 selected: {VOLUME}", timeout=WAIT_MS)
    volumes.get_by_role("button", name="remove", exact=True).click()
    expect(volumes).to_contain_text(f"Remove 1 volume(s) ({VOLUME})?", timeout=WAIT_MS)
    volumes.get_by_role("button", name="Yes, continue").click()
    expect(volumes.locator(".dw-message")).to_have_text(f"remove: {VOLUME}", timeout=WAIT_MS)
    expect(volume_row(page, VOLUME)).to_have_count(0, timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "dashboard-browser.png"), full_page=True)
    assert VOLUME not in cli("volume", "ls", "-q").split()
    assert page.dialogs == []
