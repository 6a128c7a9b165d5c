"""Our terminal widget against JupyterLab's own terminal, side by side in one browser and one run.

Both sides run in headless Debian chromium (Playwright) on a ``jupyter lab`` this script starts
(no token, its own port, a temporary root and settings; JupyterLab's terminal has
``screenReaderMode`` on for the keys, so its canvas has an accessibility tree holding the rows' text):

- **ours**: a notebook cell ``t = %docker run -it --name tb-ours tb-flood:<N>mb sh`` then ``t``: the
  terminal widget in the cell's output; its screen is read from xterm.js's DOM (``.xterm-rows``);
- **the anchor**: JupyterLab's terminal running ``docker -H <engine> attach tb-anchor`` to a
  container of the same image (``docker run -dit --name tb-anchor tb-flood:<N>mb sh``);
- **the floor** (keys only): a bare anywidget echoing each key through the kernel.

The image ``tb-flood:<N>mb`` is busybox plus ``/flood`` (base64 text of random bytes, ~N MB in
lines of 76) and ``/flood.sh`` (``cat /flood; echo tb_end_$1``), made once by the script.

Measured in the page, not by Playwright's polling: a keydown listener (capture phase) takes
``performance.now()`` when the browser dispatches the key; for ours and the floor a MutationObserver
takes it again when the text is in the DOM (the change of the frame that draws it). The anchor draws
with WebGL and xterm.js refreshes its accessibility tree at most once a second, so it is timed by its
first WebGL draw call after the echo's bytes arrived on terminado's websocket, and each key is then
checked in the accessibility tree. The next ``requestAnimationFrame`` gives the frame after.
Keystrokes are 150-250 ms apart.

1. Keystroke -> echo: rounds of 10 characters typed at each prompt, the sides in turn (each leads a
   round in turn), until ``--keys`` keystrokes each.
2. Flood: ``sh /flood.sh <tag>`` typed in each shell (Enter timed to ``tb_end_<tag>`` on screen;
   the anchor's by its last draw after the marker arrived, with ``screenReaderMode`` off), in turn. For ours also: the bytes received by the kernel against what the TTY wrote (the file
   with each ``\\n`` as ``\\r\\n``: the saved raw bytes of the flood must hold it exactly), the
   ``save_to`` file's size, the widget's messages (``comm_msg`` counted on the page's kernel
   websocket) a second, the kernel's RSS (sampled every 50 ms) and a ``1+1`` cell run mid-flood
   (Ctrl+Enter to its ``2`` with a new execution count).

    scripts/engine up && eval "$(scripts/engine env)" && python benchmarks/terminal_benchmark.py

``--anchor-only`` measures JupyterLab's terminal alone (no widget needed). Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [  # as tests/browser/conftest.py
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
VIEWPORT = {"width": 1400, "height": 900}
WAIT_MS = 60_000
FLOOD_TIMEOUT_MS = 3_600_000  # ours printed 10 MB in 157 s here: the kernel-side emulator reads ~70 KB/s
KEYS = "qwertyuiopasdfghjklzxcvbnm"
LINE_BYTES, LINE_RAW = 77, 57  # busybox base64: 76 characters and a newline per 57 random bytes
OURS_SCREEN = ".dw-terminal .xterm-rows"
ANCHOR_SCREEN = ".jp-Terminal .xterm-accessibility-tree"
FLOOR_SCREEN = ".tb-ping"
# The floor: a widget that only echoes keys through the kernel (keydown -> comm -> kernel -> comm -> DOM), no
# engine, no xterm.js: what any widget's keystroke round trip costs in this JupyterLab.
PING_JS = """export default { render({ model, el }) {
  const box = document.createElement("div"); box.className = "tb-ping"; box.tabIndex = 0;
  box.style.cssText = "font-family: monospace; min-height: 2em; border: 1px solid #999";
  box.addEventListener("keydown", (e) => { if (e.key.length === 1) model.send({ key: e.key }); e.preventDefault(); });
  model.on("msg:custom", (m) => { box.textContent = (box.textContent + m.key).slice(-200); });
  el.appendChild(box);
} }"""
PING_CELL = f"""import anywidget
class Ping(anywidget.AnyWidget):
    _esm = {PING_JS!r}
ping = Ping()
ping.on_msg(lambda widget, content, buffers: widget.send({{"key": content["key"]}}))
ping"""

# Installed before JupyterLab's own code: the probes, and a count of the kernel websocket's comm messages.
PAGE_JS = r"""
(() => {
  const norm = (s) => s.replace(/\u00a0/g, " ");
  const armed = new Map();
  const tb = { armed, ws: { all: 0, comm: 0, commBytes: 0, firstComm: null, lastComm: null }, drawn: 0 };
  window.addEventListener("keydown", () => {
    const now = performance.now();
    for (const probe of armed.values()) if (probe.t0 === null) probe.t0 = now;
  }, true);
  // Data back from the kernel (ours: a widget's custom message) or from terminado (the anchor: its stdout).
  const arrived = (text) => {
    const now = performance.now();
    for (const probe of armed.values()) {
      if (probe.t0 === null || probe.arrived !== null) continue;
      probe.tail = (probe.tail + text).slice(-4096);
      if (probe.match === null || probe.tail.includes(probe.match)) probe.arrived = now;
    }
  };
  // A draw call of xterm's renderer (WebGL, or the 2D canvas's text layer): the frame that shows new text.
  const drew = () => {
    const now = performance.now();
    tb.drawn += 1;
    for (const probe of armed.values()) if (probe.onDraw) probe.onDraw(now);
  };
  for (const proto of [window.WebGL2RenderingContext?.prototype, window.WebGLRenderingContext?.prototype]) {
    for (const name of ["drawArrays", "drawElements", "drawArraysInstanced", "drawElementsInstanced"]) {
      const native = proto?.[name];
      if (native) proto[name] = function (...args) { drew(); return native.apply(this, args); };
    }
  }
  for (const name of ["fillText", "drawImage"]) {
    const native = CanvasRenderingContext2D.prototype[name];
    CanvasRenderingContext2D.prototype[name] = function (...args) {
      if (this.canvas?.classList?.contains("xterm-text-layer")) drew();
      return native.apply(this, args);
    };
  }
  // kind "text": resolves {t0, arrived, seen, frame} when root's text holds arg (seen: the DOM change, frame: the next frame).
  // kind "cell": when a cell has a new execution count and its output is arg.output.
  // kind "draw": arg {match, mode}: after data holding match arrived, the first draw ("first") or the last draw
  // before 400 ms without any ("last").
  tb.arm = (key, root, kind, arg, timeoutMs) => {
    const probe = { t0: null, arrived: null, tail: "", match: kind === "draw" ? arg.match : null, onDraw: null };
    armed.set(key, probe);
    probe.promise = new Promise((resolve) => {
      let timer = null;
      let quiet = null;
      let observer = null;
      const finish = (result) => {
        observer?.disconnect(); clearTimeout(timer); clearTimeout(quiet); armed.delete(key); resolve(result);
      };
      const found = (seen) => {
        observer?.disconnect();
        probe.onDraw = null;
        requestAnimationFrame(() => finish({ t0: probe.t0, arrived: probe.arrived, seen, frame: performance.now() }));
      };
      if (kind === "draw") {
        probe.onDraw = (now) => {
          if (probe.arrived === null) return;
          if (arg.mode === "first") return found(now);
          clearTimeout(quiet);
          quiet = setTimeout(() => found(now), 400);
        };
      } else {
        const test = kind === "text"
          ? () => norm(root.textContent).includes(arg)
          : () => {
              const prompt = root.querySelector(".jp-InputPrompt")?.textContent || "";
              const out = root.querySelector(".jp-OutputArea-output")?.textContent || "";
              return prompt !== arg.prompt && /\[\d+\]/.test(prompt) && out.trim() === arg.output;
            };
        observer = new MutationObserver(() => { if (test()) found(performance.now()); });
        observer.observe(root, { childList: true, subtree: true, characterData: true });
      }
      timer = setTimeout(() => finish(null), timeoutMs);
    });
    tb[key] = probe;
    return true;
  };
  tb.wait = (key) => tb[key].promise;
  window.__tb = tb;
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      const where = String(args[0]);
      if (where.includes("/terminals/websocket")) {
        this.addEventListener("message", (event) => {
          try {
            const [kind, text] = JSON.parse(event.data);
            if (kind === "stdout") arrived(text);
          } catch (_) { /* not terminado's JSON */ }
        });
      }
      if (!where.includes("/channels")) return;
      this.addEventListener("message", (event) => {
        tb.ws.all += 1;
        const data = event.data;
        let head = "";
        if (typeof data === "string") head = data.slice(0, 4000);
        else if (data instanceof ArrayBuffer) head = new TextDecoder().decode(new Uint8Array(data, 0, Math.min(data.byteLength, 4000)));
        if (head.includes('"comm_msg"') && head.includes('"custom"')) {
          const now = performance.now();
          tb.ws.comm += 1;
          tb.ws.commBytes += data.byteLength ?? data.length;
          if (tb.ws.firstComm === null) tb.ws.firstComm = now;
          tb.ws.lastComm = now;
          arrived("");
        }
      });
    }
  };
})();
"""


# ---------------------------------------------------------------- engine side


def cli(host: str, *args: str, check: bool = True) -> str:
    done = subprocess.run(["docker", "-H", host, *args], capture_output=True, text=True, check=False)
    if check and done.returncode:
        raise RuntimeError(f"docker {' '.join(args)}: {done.stderr.strip()}")
    return done.stdout.strip()


def flood_image(host: str, megabytes: int) -> tuple[str, int, int]:
    """The image with /flood and /flood.sh (made once); returns its name, the file's bytes and lines."""
    image = f"tb-flood:{megabytes}mb"
    if not cli(host, "images", "-q", image):
        lines = megabytes * 1_000_000 // LINE_BYTES
        cli(host, "rm", "-f", "tb-flood-src", check=False)
        script = "cat /flood; echo tb_end_$1"
        cli(
            host,
            "run",
            "--name",
            "tb-flood-src",
            "busybox",
            "sh",
            "-c",
            f"head -c {lines * LINE_RAW} /dev/urandom | base64 > /flood && echo '{script}' > /flood.sh",
        )
        cli(host, "commit", "tb-flood-src", image)
        cli(host, "rm", "-f", "tb-flood-src")
    size = int(cli(host, "run", "--rm", image, "sh", "-c", "wc -c < /flood"))
    lines = int(cli(host, "run", "--rm", image, "sh", "-c", "wc -l < /flood"))
    return image, size, lines


def file_of(host: str, container: str, path: str) -> bytes:
    return subprocess.run(
        ["docker", "-H", host, "exec", container, "cat", path], capture_output=True, check=True
    ).stdout


# ---------------------------------------------------------------- jupyter lab and its kernel


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def jupyter_lab(root: Path, host: str):
    """``jupyter lab`` on loopback over *root* (as tests/browser/conftest.py), the terminal's screen reader on."""
    settings = root / ".settings" / "@jupyterlab" / "terminal-extension" / "plugin.jupyterlab-settings"
    settings.parent.mkdir(parents=True)
    settings.write_text(json.dumps({"screenReaderMode": True}))
    port = free_port()
    log = (root / "lab.log").open("w")
    env = {
        **os.environ,
        "DOCKER_HOST": host,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),  # this tree's package
        "JUPYTER_RUNTIME_DIR": str(root / ".runtime"),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--allow-root",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--IdentityProvider.token=",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.workspaces_dir={root / '.workspaces'}",
            f"--LabApp.user_settings_dir={root / '.settings'}",
        ],
        cwd=root,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/api/status", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"jupyter lab did not start: {(root / 'lab.log').read_text()[-2000:]}") from None
                time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(5)
        log.close()


class Kernel:
    """The notebook's kernel, reached beside the page (jupyter_client on its connection file) and by its pid."""

    def __init__(self, url: str, root: Path) -> None:
        from jupyter_client import BlockingKernelClient

        with urllib.request.urlopen(f"{url}/api/sessions") as reply:
            kernel_id = json.load(reply)[0]["kernel"]["id"]
        connection = root / ".runtime" / f"kernel-{kernel_id}.json"
        self.client = BlockingKernelClient(connection_file=str(connection))
        self.client.load_connection_file()
        self.client.start_channels()
        self.client.wait_for_ready(30)
        self.pid = next(
            int(proc.name)
            for proc in Path("/proc").iterdir()
            if proc.name.isdigit() and connection.name.encode() in _read(proc / "cmdline")
        )

    def value(self, expression: str):
        """The JSON value of *expression* in the notebook's namespace."""
        out: list[str] = []

        def hook(msg):
            if msg["msg_type"] == "stream":
                out.append(msg["content"]["text"])
            elif msg["msg_type"] == "error":
                out.append("\n".join(msg["content"]["traceback"]))

        self.client.execute_interactive(
            f"import json as _j; print(_j.dumps({expression}))", output_hook=hook, timeout=120
        )
        return json.loads("".join(out))

    def rss_mb(self) -> float:
        for line in _read(Path(f"/proc/{self.pid}/status")).decode().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        self.client.stop_channels()


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


class RssSampler:
    """The kernel's RSS every 50 ms on a thread, until stopped; the peak is kept."""

    def __init__(self, kernel: Kernel) -> None:
        self.kernel, self.peak, self._stop = kernel, kernel.rss_mb(), threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self.peak = max(self.peak, self.kernel.rss_mb())

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


# ---------------------------------------------------------------- the page


def write_notebook(path: Path, cells: list[str]) -> None:
    notebook = {
        "cells": [
            {"cell_type": "code", "execution_count": None, "id": f"c{i}", "metadata": {}, "outputs": [], "source": src}
            for i, src in enumerate(cells)
        ],
        "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path.write_text(json.dumps(notebook))


class Screen:
    """One side: a page, the element holding its screen's text, and the timed probes on it."""

    def __init__(self, name: str, page, selector: str, canvas: bool = False, focus: str | None = None) -> None:
        self.name, self.page, self.selector = name, page, selector
        self.focus_selector = focus or selector.split()[0] + " .xterm-screen"
        self.canvas = canvas  # drawn on a canvas: timed by the draw calls, its text read from the accessibility tree

    @property
    def root(self):
        return self.page.locator(self.selector).first.element_handle(timeout=WAIT_MS)

    def focus(self) -> None:
        self.page.locator(self.focus_selector).first.click()

    def text(self) -> str:
        return self.page.locator(self.selector).first.text_content().replace("\u00a0", " ")

    def arm(self, key: str, text: str, timeout_ms: int = 10_000, root=None) -> None:
        self.page.evaluate(
            "([k, r, a, ms]) => __tb.arm(k, r, 'text', a, ms)", [key, root or self.root, text, timeout_ms]
        )

    def arm_draw(self, key: str, match: str, mode: str, timeout_ms: int) -> None:
        self.page.evaluate(
            "([k, a, ms]) => __tb.arm(k, null, 'draw', a, ms)", [key, {"match": match, "mode": mode}, timeout_ms]
        )

    def arm_cell(self, key: str, cell, output: str, timeout_ms: int) -> None:
        prompt = cell.locator(".jp-InputPrompt").text_content()
        self.page.evaluate(
            "([k, r, a, ms]) => __tb.arm(k, r, 'cell', a, ms)",
            [key, cell.element_handle(), {"prompt": prompt, "output": output}, timeout_ms],
        )

    def wait(self, key: str) -> dict | None:
        return self.page.evaluate("(k) => __tb.wait(k)", key)

    def type_and_wait(self, typed: str, shown: str, timeout_ms: int = 10_000) -> dict:
        self.arm("setup", shown, timeout_ms)
        self.page.keyboard.type(typed)
        result = self.wait("setup")
        if result is None:
            raise RuntimeError(
                f"{self.name}: {shown!r} not on screen after typing {typed!r}; screen: {self.text()[-400:]!r}"
            )
        return result

    def size(self) -> str:
        """``COLSxROWS`` as ``stty size`` says inside the container."""
        self.focus()
        self.page.keyboard.type("echo SZ_$(stty size | tr ' ' x)_\n")
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            match = re.search(r"SZ_(\d+)x(\d+)_", self.text())
            if match:
                return f"{match.group(2)}x{match.group(1)}"
            time.sleep(0.2)
        return "?"


def keystroke_round(screen: Screen, tag: str, count: int) -> list[dict]:
    """*count* characters typed one by one after ``echo <tag>_``: ms from the keydown to each step, per key.

    ``seen``: the text in the DOM (ours) or the first draw call after the echo came back (the anchor);
    ``frame``: the frame after; ``arrived``: the echo's message in the page; ``a11y``: the anchor's
    accessibility tree holding the text (checked for every key, so the draw is the echo's).
    """
    screen.focus()
    screen.type_and_wait(f"echo {tag}_", f"echo {tag}_")
    samples = []
    typed = f"{tag}_"
    for char in (KEYS * 4)[:count]:
        typed += char
        time.sleep(random.uniform(0.15, 0.25))
        if screen.canvas:
            screen.arm_draw("key", char, "first", 5_000)
            screen.arm("a11y", typed, 5_000)
        else:
            screen.arm("key", typed, 5_000)
        screen.page.keyboard.press(char)
        result = screen.wait("key")
        a11y = screen.wait("a11y") if screen.canvas else None
        if result is None or result["t0"] is None or (screen.canvas and a11y is None):
            raise RuntimeError(f"{screen.name}: {typed!r} did not appear within 5 s; screen: {screen.text()[-300:]!r}")
        t0 = result["t0"]
        samples.append(
            {
                "seen": result["seen"] - t0,
                "frame": result["frame"] - t0,
                "arrived": None if result["arrived"] is None else result["arrived"] - t0,
                "a11y": None if a11y is None else a11y["seen"] - a11y["t0"],
            }
        )
    screen.page.keyboard.press("Enter")
    time.sleep(0.3)  # the echo's output and the next prompt
    return samples


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


# ---------------------------------------------------------------- the two sides


def open_anchor(browser, url: str, host: str) -> Screen:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PAGE_JS)
    page = context.new_page()
    page.goto(f"{url}/lab/workspaces/anchor")  # a workspace of its own: a reload restores its terminal tab
    page.locator(".jp-Launcher .jp-LauncherCard").filter(has_text="Terminal").first.click(timeout=WAIT_MS)
    page.locator(".jp-Terminal .xterm-helper-textarea").wait_for(state="attached", timeout=WAIT_MS)
    page.locator(".jp-Terminal .xterm-accessibility-tree").wait_for(state="attached", timeout=WAIT_MS)
    screen = Screen("anchor", page, ANCHOR_SCREEN, canvas=True)
    screen.focus()
    time.sleep(1)  # bash's prompt
    screen.type_and_wait(f"docker -H {host} attach tb-anchor\n", "attach tb-anchor")
    time.sleep(1)
    screen.type_and_wait("echo READY_$((6*7))\n", "READY_42")
    return screen


def anchor_screen_reader(screen: Screen, on: bool) -> None:
    """Turn JupyterLab's terminal ``screenReaderMode`` on or off (its settings API), then reload the page.

    The terminal (and the ``docker attach`` in it) lives on in the server; the reloaded page restores its tab.
    """
    page = screen.page
    status = page.evaluate(
        """async (on) => {
      const xsrf = (document.cookie.match(/_xsrf=([^;]+)/) || [])[1] || "";
      const reply = await fetch("/lab/api/settings/@jupyterlab/terminal-extension:plugin", {
        method: "PUT", headers: {"X-XSRFToken": xsrf, "Content-Type": "application/json"},
        body: JSON.stringify({raw: JSON.stringify({screenReaderMode: on})}),
      });
      return reply.status;
    }""",
        on,
    )
    if status >= 300:
        raise RuntimeError(f"the terminal's settings were refused: HTTP {status}")
    page.reload()
    page.locator(".jp-Terminal .xterm-screen").wait_for(timeout=WAIT_MS)
    has_tree = page.locator(ANCHOR_SCREEN).count() > 0
    if has_tree != on:
        raise RuntimeError(
            f"screenReaderMode {on} asked, the accessibility tree is {'there' if has_tree else 'absent'}"
        )
    time.sleep(1)
    screen.focus()


def open_ours(browser, url: str, root: Path, image: str) -> tuple[Screen, object]:
    raw = root / "ours.raw"
    write_notebook(
        root / "tb.ipynb",
        [
            f"%load_ext dockerwidgets\n%config DockerMagics.save_to = {str(raw)!r}\n"
            f"t = %docker run -it --name tb-ours {image} sh\nt",
            "1+1",
            PING_CELL,
        ],
    )
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(PAGE_JS)
    page = context.new_page()
    page.goto(f"{url}/lab/workspaces/ours/tree/tb.ipynb")
    page.locator(".jp-Notebook").wait_for(timeout=WAIT_MS)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=WAIT_MS)
    page.locator(".jp-Cell .jp-InputArea-editor").first.click()
    page.keyboard.press("Control+Enter")
    page.locator(OURS_SCREEN).wait_for(state="attached", timeout=WAIT_MS)
    screen = Screen("ours", page, OURS_SCREEN)
    time.sleep(1)
    screen.focus()
    screen.type_and_wait("echo READY_$((6*7))\n", "READY_42")
    page.locator(".jp-Notebook .jp-Cell").nth(2).locator(".jp-InputArea-editor").click()
    page.keyboard.press("Control+Enter")
    page.locator(FLOOR_SCREEN).wait_for(timeout=WAIT_MS)
    floor = Screen("floor", page, FLOOR_SCREEN, focus=FLOOR_SCREEN)
    floor.focus()
    floor.type_and_wait("ping", "ping")
    return screen, page.locator(".jp-Notebook .jp-Cell").nth(1), floor


def flood(screen: Screen, tag: str, timeout_ms: int, side_cell=None, kernel: Kernel | None = None) -> dict:
    """``sh /flood.sh <tag>``: ms from Enter to ``tb_end_<tag>`` on screen; for ours the rest too."""
    page = screen.page
    screen.focus()
    page.keyboard.type(f"sh /flood.sh {tag}")
    time.sleep(0.3)
    figures: dict = {}
    if kernel is not None:
        figures["received_before"] = kernel.value("t.bytes_received")
        figures["rss_before"] = kernel.rss_mb()
        sampler = RssSampler(kernel)
        ws_before = page.evaluate("() => ({...__tb.ws})")
    reader = screen.canvas and page.locator(ANCHOR_SCREEN).count() > 0
    if screen.canvas:
        screen.arm_draw("flood", f"tb_end_{tag}", "last", timeout_ms)
        if reader:
            screen.arm("flood_a11y", f"tb_end_{tag}", timeout_ms)
    else:
        screen.arm("flood", f"tb_end_{tag}", timeout_ms)
    started = time.monotonic()
    page.keyboard.press("Enter")
    if side_cell is not None:
        time.sleep(1.5)  # well inside the flood (it lasts seconds)
        side_cell.locator(".jp-InputArea-editor").click()
        screen.arm_cell("cell", side_cell, "2", 30_000)
        page.keyboard.press("Control+Enter")
        cell = screen.wait("cell")
        figures["cell_ms"] = None if cell is None else cell["seen"] - cell["t0"]
        figures["cell_at"] = None if cell is None else cell["seen"]
    result = screen.wait("flood")
    if result is None:
        raise RuntimeError(
            f"{screen.name}: tb_end_{tag} not on screen after {timeout_ms} ms; screen: {screen.text()[-300:]!r}"
        )
    figures["ms"] = result["seen"] - result["t0"]
    figures["arrived_ms"] = None if result["arrived"] is None else result["arrived"] - result["t0"]
    if reader:
        a11y = screen.wait("flood_a11y")
        figures["a11y_ms"] = None if a11y is None else a11y["seen"] - a11y["t0"]
    figures["wall_s"] = time.monotonic() - started
    if side_cell is not None and figures.get("cell_at") is not None:
        figures["cell_during_flood"] = figures["cell_at"] < result["seen"]
    if kernel is not None:
        figures["rss_peak"] = sampler.stop()
        time.sleep(1)
        figures["rss_after"] = kernel.rss_mb()
        ws = page.evaluate("() => ({...__tb.ws})")
        comm = ws["comm"] - ws_before["comm"]
        figures["messages"] = comm
        figures["messages_per_s"] = comm / (figures["ms"] / 1000)
        figures["received_after"] = kernel.value("t.bytes_received")
        figures["received_total"] = figures["received_after"]
    return figures


def check_bytes(raw: Path, figures: dict, expected: bytes, tag: str) -> None:
    """What the TTY wrote for the flood (the file, ``\\n`` as ``\\r\\n``) against the saved bytes of that span.

    Read once the session has ended (the save_to file closed: while it runs, its last buffer is not on disk yet).
    """
    saved = raw.read_bytes()
    span = saved[figures["received_before"] : figures["received_after"]]
    figures.update(
        saved_size=len(saved),
        span=len(span),
        expected=len(expected),
        content_intact=expected in span,
        marker=f"tb_end_{tag}".encode() in span,
    )


# ---------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keys", type=int, default=60, help="keystrokes timed on each side (in rounds of 10)")
    parser.add_argument("--floods", type=int, default=2, help="floods on each side")
    parser.add_argument("--flood-mb", type=int, default=50)
    parser.add_argument(
        "--flood-screen-reader",
        action="store_true",
        help="keep JupyterLab's screenReaderMode on for its floods (off by default: it costs per character)",
    )
    parser.add_argument("--anchor-only", action="store_true", help="JupyterLab's terminal alone")
    parser.add_argument("--keep", action="store_true", help="keep the temporary root (lab.log, ours.raw)")
    args = parser.parse_args()
    host = os.environ.get("DOCKER_HOST", "unix:///run/dockerwidgets/docker.sock")
    from playwright.sync_api import sync_playwright

    loads = [load_average()]
    image, flood_size, flood_lines = flood_image(host, args.flood_mb)
    for name in ("tb-anchor", "tb-ours"):
        cli(host, "rm", "-f", name, check=False)
    cli(host, "run", "-dit", "--name", "tb-anchor", image, "sh")
    root = Path(tempfile.mkdtemp(prefix="tb-"))
    kernel = None
    floods: dict[str, list[dict]] = {}
    try:
        with jupyter_lab(root, host) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            anchor = open_anchor(browser, url, host)
            sides = [anchor]
            side_cell = None
            if not args.anchor_only:
                ours, side_cell, floor = open_ours(browser, url, root, image)
                kernel = Kernel(url, root)
                sides = [ours, anchor]
            sizes = {side.name: side.size() for side in sides}
            key_sides = sides if args.anchor_only else [*sides, floor]
            loads.append(load_average())

            keys: dict[str, list[dict]] = {side.name: [] for side in key_sides}
            rounds = -(-args.keys // 10)
            for number in range(rounds):
                shift = number % len(key_sides)  # each side leads a round in turn
                order = key_sides[shift:] + key_sides[:shift]
                for side in order:
                    keys[side.name] += keystroke_round(side, f"R{number:02d}{side.name[0]}", 10)
            loads.append(load_average())

            if not args.flood_screen_reader:
                anchor_screen_reader(anchor, False)  # its per-character announcements would slow the anchor's flood
            floods.update({side.name: [] for side in sides})
            loads.append(load_average())
            for number in range(args.floods):
                order = sides if number % 2 == 0 else sides[::-1]
                for side in order:
                    tag = f"{side.name[0]}{number}"
                    if side.name == "ours":
                        figures = flood(side, tag, FLOOD_TIMEOUT_MS, side_cell=side_cell, kernel=kernel)
                        figures["saved_live"] = (root / "ours.raw").stat().st_size
                    else:
                        figures = flood(side, tag, FLOOD_TIMEOUT_MS)
                    floods[side.name].append(figures)
                    print(f"  flood {tag}: {json.dumps(figures)}", flush=True)
                    time.sleep(2)
            loads.append(load_average())
            browser.close()
    finally:
        if kernel is not None:
            kernel.close()
        for name in ("tb-anchor", "tb-ours"):
            cli(host, "rm", "-f", name, check=False)
        if kernel is not None:
            expected = subprocess.run(
                ["docker", "-H", host, "run", "--rm", image, "cat", "/flood"], capture_output=True, check=True
            ).stdout.replace(b"\n", b"\r\n")
            for number, figures in enumerate(floods.get("ours", [])):
                check_bytes(root / "ours.raw", figures, expected, f"o{number}")
        if args.keep:
            print(f"kept {root}")
        else:
            shutil.rmtree(root, ignore_errors=True)
    report(keys, floods, sizes, flood_size, flood_lines, loads)


def summary(values: list[float | None]) -> str:
    values = [v for v in values if v is not None]
    if not values:
        return "      -"
    return f"{statistics.median(values):7.1f} / {p95(values):7.1f}"


def report(keys, floods, sizes, flood_size, flood_lines, loads) -> None:
    print(
        f"\nload average (1, 5, 15 min) at start | after setup | after the keys | after the floods: {' | '.join(loads)}"
    )
    print(f"screens (cols x rows): {sizes}")
    print(f"flood: /flood {flood_size} bytes in {flood_lines} lines, {flood_size + flood_lines} bytes on the TTY\n")
    print("keystroke -> echo, ms from the keydown, median / p95:")
    print("  side     n   on screen (goal)    next frame          echo back in page   a11y tree")
    medians = {}
    for name, samples in keys.items():
        seen = [s["seen"] for s in samples]
        medians[name] = (statistics.median(seen), p95(seen))
        print(
            f"  {name:6} {len(samples):3}   {summary(seen)}   {summary([s['frame'] for s in samples])}"
            f"   {summary([s['arrived'] for s in samples])}   {summary([s['a11y'] for s in samples])}"
        )
    flood_ms = {name: statistics.median(f["ms"] for f in runs) for name, runs in floods.items() if runs}
    print()
    for name, value in flood_ms.items():
        runs = ", ".join(f"{f['ms'] / 1000:.2f}" for f in floods[name])
        print(
            f"flood of {flood_size / 1e6:.0f} MB, Enter to the end marker on screen, {name:6}: median {value / 1000:7.2f} s"
            f" (runs: {runs}) = {flood_size / 1e6 / (value / 1000):.2f} MB/s"
        )
    if "ours" in medians and "anchor" in medians:
        print(
            f"\nratio ours / anchor: echo median {medians['ours'][0] / medians['anchor'][0]:.2f}x,"
            f" p95 {medians['ours'][1] / medians['anchor'][1]:.2f}x (goal <= 1.0x, and ours <= 25 ms median:"
            f" {'met' if medians['ours'][0] <= min(25.0, medians['anchor'][0]) else 'NOT met'})"
        )
    if "ours" in medians and "floor" in medians:
        print(
            f"ours over the floor (a bare widget echoing keys through the kernel): median"
            f" +{medians['ours'][0] - medians['floor'][0]:.1f} ms (the engine, the session and xterm.js)"
        )
    if "ours" in flood_ms and "anchor" in flood_ms:
        print(f"ratio ours / anchor: flood time {flood_ms['ours'] / flood_ms['anchor']:.2f}x")
    for number, figures in enumerate(floods.get("ours", [])):
        lost = 0 if figures["content_intact"] else max(0, figures["expected"] - figures["span"])
        print(
            f"\nours, flood {number}: kernel received {figures['span']} bytes over it (the file is {figures['expected']}"
            f" on the TTY, the rest the typed line's echo, the marker, the prompt); the file whole in those bytes:"
            f" {figures['content_intact']}, lost {lost} (goal 0); save_to, once closed, {figures['saved_size']} bytes;"
            f" bytes_received {figures['received_total']}; save_to while the session ran {figures['saved_live']}"
        )
        print(f"  front-end messages {figures['messages']}, {figures['messages_per_s']:.1f} a second (goal <= ~30)")
        print(
            f"  kernel RSS {figures['rss_before']:.1f} MB, peak {figures['rss_peak']:.1f}, 1 s after {figures['rss_after']:.1f}:"
            f" growth {figures['rss_peak'] - figures['rss_before']:.1f} MB (goal <= 50)"
        )
        cell = figures.get("cell_ms")
        print(
            f"  1+1 in another cell mid-flood: {'-' if cell is None else f'{cell:.0f}'} ms, done while the flood was still"
            f" going: {figures.get('cell_during_flood')} (goal < 1000 ms)"
        )


if __name__ == "__main__":
    main()
