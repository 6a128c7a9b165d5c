"""The terminal in JupyterLab, in headless chromium: typing, vi, history, Tab, resize, detach keys,
attach, reload, exec -it. Each test goes on from the one before (one notebook, one shell)."""

from __future__ import annotations

import re
import time

import pytest
from conftest import cli
from playwright.sync_api import Page, expect

from .conftest import write_notebook

NOTEBOOK = "terminal.ipynb"
CELLS = [
    "%load_ext dockerwidgets\nt = %docker run -it --name tbox busybox sh\nt",
    "a = %docker attach tbox\na",
    "e = %docker exec -it tbox sh\ne",
]
WAIT_MS = 30_000

pytestmark = pytest.mark.engine


def cell(page: Page, index: int):
    return page.locator(".jp-Notebook .jp-Cell").nth(index)


def rows(page: Page, index: int):
    return cell(page, index).locator(".xterm-rows")


def run_cell(page: Page, index: int) -> None:
    cell(page, index).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Shift+Enter")
    cell(page, index).locator(".dw-terminal .xterm-rows").wait_for(timeout=WAIT_MS)


def focus(page: Page, index: int) -> None:
    cell(page, index).locator(".dw-terminal .xterm-screen").click()


def enter(page: Page, line: str) -> None:
    page.keyboard.type(line)
    page.keyboard.press("Enter")


def screen_text(page: Page, index: int) -> str:
    """The terminal's rows as lines (``inner_text`` puts a newline after each row)."""
    return rows(page, index).inner_text()


def wait_for_lines(page: Page, index: int, pattern: str) -> re.Match:
    """Wait until the rows, as lines, match *pattern* (a regular expression); the match."""
    deadline = time.monotonic() + WAIT_MS / 1000
    while True:
        found = re.search(pattern, screen_text(page, index), re.S | re.M)
        if found:
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{pattern!r} not on screen:\n{screen_text(page, index)}")
        time.sleep(0.05)


@pytest.fixture(scope="module")
def page(lab, browser, artifacts):
    url, root = lab
    cli("rm", "-f", "tbox", check=False)
    write_notebook(root / NOTEBOOK, CELLS)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    tab = context.new_page()
    tab.goto(f"{url}/lab/tree/{NOTEBOOK}")
    try:
        tab.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
        tab.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=WAIT_MS)
        run_cell(tab, 0)
        expect(rows(tab, 0)).to_contain_text("#", timeout=WAIT_MS)
    except Exception:
        tab.screenshot(path=str(artifacts / "terminal-browser-failure.png"), full_page=True)
        context.close()
        raise
    try:
        yield tab
    except Exception:
        raise
    finally:
        tab.screenshot(path=str(artifacts / "terminal-browser-last.png"), full_page=True)
        context.close()
        cli("rm", "-f", "tbox", check=False)


def test_typing_a_command_shows_its_output(page):
    focus(page, 0)
    enter(page, "echo hello-$((6*7))")
    expect(rows(page, 0)).to_contain_text("hello-42", timeout=WAIT_MS)
    assert cell(page, 0).locator(".dw-terminal").get_attribute("data-lm-suppress-shortcuts") == "true"


def test_vi_edits_and_saves_a_file(page):
    focus(page, 0)
    enter(page, "vi /tmp/x")
    expect(rows(page, 0)).to_contain_text("~", timeout=WAIT_MS)
    page.keyboard.press("i")
    page.keyboard.type("written in vi")
    page.keyboard.press("Escape")
    time.sleep(0.5)  # an Escape followed at once by more bytes reads as an escape sequence
    enter(page, ":wq")
    time.sleep(0.5)
    enter(page, "cat /tmp/x; echo END-OF-X")
    wait_for_lines(page, 0, r"^written in vi\s*\nEND-OF-X")
    assert cli("exec", "tbox", "cat", "/tmp/x") == "written in vi"


def test_arrow_up_recalls_the_last_command(page):
    focus(page, 0)
    enter(page, "echo recall-$((1+1))")
    expect(rows(page, 0)).to_contain_text("recall-2", timeout=WAIT_MS)
    page.keyboard.press("ArrowUp")
    page.keyboard.press("Enter")
    wait_for_lines(page, 0, r"echo recall-\$\(\(1\+1\)\)\s*\nrecall-2\s*\n.*echo recall-\$\(\(1\+1\)\)\s*\nrecall-2")


def test_tab_completes_a_path(page):
    focus(page, 0)
    page.keyboard.type("cat /etc/dw-ima")
    page.keyboard.press("Tab")
    expect(rows(page, 0)).to_contain_text("cat /etc/dw-image", timeout=WAIT_MS)
    page.keyboard.press("Enter")
    wait_for_lines(page, 0, r"cat /etc/dw-image\s*\n\w")


def test_resizing_the_page_resizes_the_tty(page):
    terminal = cell(page, 0).locator(".dw-terminal")
    before = terminal.get_attribute("data-size")
    page.set_viewport_size({"width": 900, "height": 1000})
    expect(terminal).not_to_have_attribute("data-size", before, timeout=WAIT_MS)
    cols, rows_ = terminal.get_attribute("data-size").split("x")
    time.sleep(0.5)  # the resize reaches the engine on the resizer's thread
    focus(page, 0)
    enter(page, "stty size")
    wait_for_lines(page, 0, rf"^{rows_} {cols}\s*$")
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_ctrl_p_ctrl_q_detach_and_attach_shows_the_same_shell(page):
    focus(page, 0)
    enter(page, "echo pid-$$")
    pid = wait_for_lines(page, 0, r"^pid-(\d+)\s*$").group(1)
    page.keyboard.press("Control+p")
    page.keyboard.press("Control+q")
    expect(cell(page, 0)).to_contain_text("detached", timeout=WAIT_MS)
    assert cli("inspect", "-f", "{{.State.Status}}", "tbox") == "running"
    run_cell(page, 1)
    focus(page, 1)
    enter(page, "echo again-$$")
    wait_for_lines(page, 1, rf"^again-{pid}\s*$")


def test_a_reload_brings_the_screen_back(page):
    cell(page, 2).locator(".jp-InputArea-editor").click()  # clicking outside: the keys are the notebook's again
    page.keyboard.press("Escape")
    page.keyboard.press("Control+s")  # the outputs (widget views) are saved with the notebook
    expect(page.locator(".jp-mod-dirty")).to_have_count(0, timeout=WAIT_MS)
    page.reload()
    page.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
    expect(rows(page, 1)).to_contain_text("again-", timeout=WAIT_MS)


def test_exec_it_into_the_running_container(page):
    run_cell(page, 2)
    expect(rows(page, 2)).to_contain_text("#", timeout=WAIT_MS)
    focus(page, 2)
    enter(page, "echo in-exec-$((2*3))")
    expect(rows(page, 2)).to_contain_text("in-exec-6", timeout=WAIT_MS)
