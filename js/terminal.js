// The terminal: one anywidget on xterm.js and its fit addon. Keystrokes go to the kernel as
// they are typed ({type: "input"}), sizes as they change ({type: "resize"}); the kernel sends
// the output as binary buffers, batched, never ending inside a UTF-8 sequence. A view that
// (re)connects asks for the screen ({type: "ready", view}) and the kernel repaints it from its
// emulator: only that view applies the repaint, and it ignores output until then (the repaint
// already holds it). Flow control: each output message carries the offset it ends at, and the view
// acknowledges ({type: "ack", upto}) what xterm.js has parsed: at once every ACK_STEP bytes, and a
// second after the output stops if at least ACK_LATER_BYTES are unacknowledged, so the kernel never
// has more than its window in flight, and typing (a few bytes of echo a key) sends no acks at all.
import { FitAddon } from "@xterm/addon-fit";
import { Terminal } from "@xterm/xterm";
import "@xterm/xterm/css/xterm.css";
import "./terminal.css";

function bytesOf(buffer) {
  if (buffer instanceof Uint8Array) return buffer;
  if (buffer instanceof ArrayBuffer) return new Uint8Array(buffer);
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

const ACK_STEP = 128 * 1024;
const ACK_LATER_BYTES = 4096;
const ACK_LATER_MS = 1000;

function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "dw-terminal";
  root.setAttribute("data-lm-suppress-shortcuts", "true"); // JupyterLab's shortcuts leave the keys alone
  root.style.height = `${model.get("height_px") || 360}px`;
  el.appendChild(root);

  const view = Math.random().toString(36).slice(2);
  const term = new Terminal({
    cursorBlink: true,
    fontSize: 13,
    scrollback: model.get("scrollback") || 1000,
    fontFamily: "Menlo, 'DejaVu Sans Mono', Consolas, monospace",
  });
  const fit = new FitAddon();
  term.loadAddon(fit);
  term.open(root);
  let painted = false; // until the kernel's repaint arrives, output is already part of it
  let asked = false;
  let acked = 0; // the offset last acknowledged
  let parsed = 0; // the offset xterm.js has parsed
  let ackTimer = null;

  function acknowledge() {
    if (ackTimer !== null) clearTimeout(ackTimer);
    ackTimer = null;
    if (parsed > acked) {
      acked = parsed;
      model.send({ type: "ack", upto: parsed });
    }
  }

  function parsedUpTo(end) {
    parsed = Math.max(parsed, end);
    if (parsed - acked >= ACK_STEP) acknowledge();
    else if (ackTimer === null && parsed - acked >= ACK_LATER_BYTES) ackTimer = setTimeout(acknowledge, ACK_LATER_MS);
  }

  function refit() {
    if (!root.isConnected || root.clientWidth === 0 || root.clientHeight === 0) return; // hidden: 0x0
    try {
      fit.fit();
    } catch (_) {
      return;
    }
    root.dataset.size = `${term.cols}x${term.rows}`;
    if (!asked) {
      asked = true;
      model.send({ type: "ready", view, cols: term.cols, rows: term.rows });
    }
  }

  const onMessage = (msg, buffers) => {
    if (msg.type === "output") {
      const end = typeof msg.end === "number" ? msg.end : 0;
      if (!painted) {
        parsedUpTo(end); // the repaint to come holds it
        return;
      }
      const list = buffers || [];
      list.forEach((buffer, i) => term.write(bytesOf(buffer), i === list.length - 1 ? () => parsedUpTo(end) : undefined));
    } else if (msg.type === "repaint") {
      if (msg.view !== view) return;
      term.reset();
      for (const buffer of buffers || []) term.write(bytesOf(buffer));
      painted = true;
    } else if (msg.type === "ended") {
      term.options.cursorBlink = false;
    }
  };
  model.on("msg:custom", onMessage);

  const typed = term.onData((data) => model.send({ type: "input", data }));
  const binary = term.onBinary((data) => model.send({ type: "input", data, binary: true }));
  const resized = term.onResize(({ cols, rows }) => {
    root.dataset.size = `${cols}x${rows}`; // for tests and the curious: the size the TTY is told
    if (cols > 0 && rows > 0) model.send({ type: "resize", cols, rows });
  });
  // Clicking the terminal focuses it; clicking elsewhere (the notebook) takes the focus away.
  const onDocumentDown = (event) => {
    if (!root.contains(event.target)) term.blur();
  };
  document.addEventListener("mousedown", onDocumentDown, true);

  const observer = new ResizeObserver(() => refit());
  observer.observe(root);
  requestAnimationFrame(() => refit());

  return () => {
    if (ackTimer !== null) clearTimeout(ackTimer);
    observer.disconnect();
    document.removeEventListener("mousedown", onDocumentDown, true);
    model.off("msg:custom", onMessage);
    typed.dispose();
    binary.dispose();
    resized.dispose();
    term.dispose();
  };
}

export default { render };
