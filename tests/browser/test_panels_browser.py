"""The container panel in JupyterLab, in headless chromium: tick a row, Stop, pending, Exited; links; escaping; the console."""

from __future__ import annotations

import re

import pytest
from conftest import cli
from playwright.sync_api import Page, expect

from .conftest import write_notebook

EVIL = "<img src=x onerror=alert(1)>"
STUBBORN = ["sh", "-c", "trap '' TERM; sleep 600 & wait"]  # ignores SIGTERM: stop waits, then kills
NOTEBOOK = "panels.ipynb"
CELL = "%load_ext dockerwidgets\nimport dockerwidgets\n\npanel = dockerwidgets.ContainerPanel(stop_timeout=3)\npanel"
WAIT_MS = 30_000

pytestmark = pytest.mark.engine


@pytest.fixture(scope="module")
def page(lab, browser, artifacts):
    """The notebook with a ContainerPanel, opened and run; dialogs (an alert would be one) are recorded."""
    url, root = lab
    write_notebook(root / NOTEBOOK, [CELL])
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    tab = context.new_page()
    tab.dialogs = []
    tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
    tab.goto(f"{url}/lab/tree/{NOTEBOOK}")
    try:
        tab.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
        tab.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=WAIT_MS)  # the kernel is connected
        tab.locator(".jp-Cell .jp-InputArea-editor").first.click()
        tab.keyboard.press("Shift+Enter")
        tab.locator(".dw-panel .dw-table table").wait_for(timeout=WAIT_MS)
    except Exception:
        tab.screenshot(path=str(artifacts / "panels-browser-failure.png"), full_page=True)
        context.close()
        raise
    try:
        yield tab
    finally:
        context.close()


def row(page: Page, name: str):
    """The table row of container *name* (its NAMES cell holds exactly the name)."""
    return page.locator(".dw-table tbody tr").filter(has=page.locator("td", has_text=re.compile(f"^{name}$")))


def select(page: Page, name: str) -> None:
    """Tick the checkbox of *name*'s row (the table is the selection: no box beside it)."""
    expect(row(page, name)).to_have_count(1, timeout=WAIT_MS)
    row(page, name).locator("input.dw-check").click()
    expect(page.locator(".dw-panel")).to_contain_text(f"1 selected: {name}", timeout=WAIT_MS)


def click(page: Page, action: str) -> None:
    page.locator(".dw-panel").get_by_role("button", name=action, exact=True).click()


def test_check_a_row_stop_pending_then_exited_and_engine_text_stays_text(engine, page, artifacts):
    cli("run", "-d", "--name", "target", "busybox", *STUBBORN)
    cli("create", "--name", "evil", "-l", f"note={EVIL}", "busybox", EVIL)
    expect(row(page, "target")).to_contain_text("Up", timeout=WAIT_MS)  # arrived live, from the events
    expect(row(page, "target").locator(".dw-tone-ok")).to_have_count(1)
    select(page, "target")
    expect(row(page, "target")).to_have_class(re.compile("dw-selected"))
    click(page, "stop")
    expect(row(page, "target").locator(".dw-pending-label")).to_have_text("stopping…", timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "panels-browser-pending.png"), full_page=True)
    expect(row(page, "target")).to_contain_text("Exited (137)", timeout=WAIT_MS)
    expect(row(page, "target").locator(".dw-pending-label")).to_have_count(0)
    expect(page.locator(".dw-panel .dw-message")).to_have_text("stop: target")

    expect(row(page, "evil")).to_contain_text('"<img src=x onerror=…"')  # shown as the characters
    row(page, "evil").locator("td").nth(2).click()  # a click on the row selects it alone
    expect(page.locator(".dw-panel")).to_contain_text("1 selected: evil", timeout=WAIT_MS)
    click(page, "inspect")
    expect(page.locator(".dw-panel .dw-json")).to_contain_text(EVIL, timeout=WAIT_MS)
    assert page.locator(".dw-panel img").count() == 0
    assert page.dialogs == []
    page.screenshot(path=str(artifacts / "panels-browser.png"), full_page=True)
    assert cli("inspect", "-f", "{{.State.Status}}", "target") == "exited"


def test_ports_are_links_and_a_rows_quick_action_acts_on_it(engine, page):
    cli("run", "-d", "--name", "web", "-p", "28183:80", "busybox", "httpd", "-f", "-p", "80")
    link = row(page, "web").locator("a.dw-port")
    expect(link).to_have_attribute("href", "http://127.0.0.1:28183", timeout=WAIT_MS)
    expect(link).to_have_attribute("rel", "noopener noreferrer")
    row(page, "web").get_by_role("button", name="stop web").click()
    expect(row(page, "web")).to_contain_text("Exited", timeout=WAIT_MS)


def test_attach_opens_the_terminal_and_a_line_is_echoed(engine, page, artifacts):
    cli("run", "-d", "-i", "-t", "--name", "shell", "busybox", "sh")
    expect(row(page, "shell")).to_contain_text("Up", timeout=WAIT_MS)
    select(page, "shell")
    click(page, "attach")
    screen = page.locator(".dw-panel .dw-terminal .xterm-screen")
    screen.wait_for(timeout=WAIT_MS)  # a TTY container: the terminal, not the line console
    screen.click()
    page.keyboard.type("echo dw-$((6*7))")
    page.keyboard.press("Enter")
    expect(page.locator(".dw-panel .dw-terminal .xterm-rows")).to_contain_text("dw-42", timeout=WAIT_MS)
    page.screenshot(path=str(artifacts / "panels-browser-terminal.png"), full_page=True)
    assert page.dialogs == []
