// The panel's table: one anywidget. Rows are selected by click, shift-click (a range),
// ctrl/cmd-click and a checkbox column; each row has its quick actions; status has a colour;
// published ports are links. Every string from the engine is set with textContent or as a
// DOM property: no innerHTML anywhere. The kernel sends the page on screen only.
import "./table.css";

const SAFE_URL = /^https?:\/\/[^\s"'<>]+$/;

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = String(text);
  return node;
}

function render({ model, el }) {
  const root = element("div", "dw-table");
  el.appendChild(root);
  let anchor = null; // the row a shift-click ranges from

  function selectedSet() {
    return new Set(model.get("selected") || []);
  }

  function sendSelection(keys) {
    model.set("selected", keys); // drawn at once here; the kernel makes it the page's selection
    model.send({ type: "select", keys });
  }

  function onRowClick(event, key, keys) {
    const chosen = selectedSet();
    if (event.shiftKey && anchor !== null && keys.includes(anchor)) {
      const [a, b] = [keys.indexOf(anchor), keys.indexOf(key)].sort((x, y) => x - y);
      const range = keys.slice(a, b + 1);
      const base = event.ctrlKey || event.metaKey ? [...chosen] : [];
      sendSelection(keys.filter((k) => base.includes(k) || range.includes(k)));
      return;
    }
    anchor = key;
    if (event.ctrlKey || event.metaKey) {
      if (chosen.has(key)) chosen.delete(key);
      else chosen.add(key);
      sendSelection(keys.filter((k) => chosen.has(k)));
    } else {
      sendSelection(chosen.size === 1 && chosen.has(key) ? [] : [key]);
    }
  }

  function onCheckbox(event, key, keys) {
    event.stopPropagation();
    const chosen = selectedSet();
    if (event.shiftKey && anchor !== null && keys.includes(anchor)) {
      const [a, b] = [keys.indexOf(anchor), keys.indexOf(key)].sort((x, y) => x - y);
      keys.slice(a, b + 1).forEach((k) => chosen.add(k));
    } else if (chosen.has(key)) chosen.delete(key);
    else chosen.add(key);
    anchor = key;
    sendSelection(keys.filter((k) => chosen.has(k)));
  }

  function cell(row, column) {
    const td = element("td");
    const links = (row.links || {})[column];
    if (links && links.length) {
      links.forEach((link, index) => {
        if (index) td.appendChild(document.createTextNode(", "));
        if (link.href && SAFE_URL.test(link.href)) {
          const a = element("a", "dw-port", link.text);
          a.href = link.href;
          a.target = "_blank";
          a.rel = "noopener noreferrer";
          a.addEventListener("click", (event) => event.stopPropagation());
          td.appendChild(a);
        } else td.appendChild(document.createTextNode(String(link.text)));
      });
      return td;
    }
    const value = row.cells[model.get("columns").indexOf(column)];
    if (column === model.get("status_column") && row.tone) {
      td.appendChild(element("span", `dw-tone dw-tone-${row.tone}`));
      td.appendChild(document.createTextNode(String(value)));
    } else td.textContent = String(value);
    const tip = (row.tips || {})[column];
    if (tip) td.title = String(tip);
    if (column === model.get("status_column") && row.pending) {
      td.appendChild(element("span", "dw-pending-label", row.pending));
    }
    return td;
  }

  function draw() {
    const columns = model.get("columns") || [];
    const rows = model.get("rows") || [];
    const quick = model.get("quick") || [];
    const chosen = selectedSet();
    const keys = rows.map((row) => row.key);
    const table = element("table");
    const head = element("tr");
    const all = element("input");
    all.type = "checkbox";
    all.className = "dw-check-all";
    all.title = "select every row of this page";
    all.checked = keys.length > 0 && keys.every((k) => chosen.has(k));
    all.addEventListener("click", (event) => {
      event.stopPropagation();
      sendSelection(all.checked ? keys : []);
    });
    const th = element("th");
    th.appendChild(all);
    head.appendChild(th);
    columns.forEach((column) => head.appendChild(element("th", "", column)));
    if (quick.length) head.appendChild(element("th"));
    const thead = element("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    const body = element("tbody");
    if (!rows.length) {
      const tr = element("tr");
      const td = element("td", "dw-empty", model.get("empty") || "nothing to show");
      td.colSpan = columns.length + 2;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    rows.forEach((row) => {
      const tr = element("tr");
      tr.dataset.key = row.key;
      if (chosen.has(row.key)) tr.classList.add("dw-selected");
      if (row.pending) tr.classList.add("dw-pending");
      const box = element("input", "dw-check");
      box.type = "checkbox";
      box.checked = chosen.has(row.key);
      box.setAttribute("aria-label", `select ${row.label}`);
      box.addEventListener("click", (event) => onCheckbox(event, row.key, keys));
      const first = element("td");
      first.appendChild(box);
      tr.appendChild(first);
      columns.forEach((column) => tr.appendChild(cell(row, column)));
      if (quick.length) {
        const td = element("td", "dw-quick");
        quick.forEach((action) => {
          const button = element("button", `dw-quick-${action.name.replace(/\W+/g, "-")}`, action.icon);
          button.title = `${action.name} ${row.label}`;
          button.setAttribute("aria-label", `${action.name} ${row.label}`);
          button.disabled = Boolean(row.pending);
          button.addEventListener("click", (event) => {
            event.stopPropagation();
            model.send({ type: "action", name: action.name, key: row.key });
          });
          td.appendChild(button);
        });
        tr.appendChild(td);
      }
      tr.addEventListener("click", (event) => onRowClick(event, row.key, keys));
      body.appendChild(tr);
    });
    table.appendChild(body);
    root.replaceChildren(table);
  }

  model.on("change:rows", draw);
  model.on("change:selected", draw);
  model.on("change:columns", draw);
  model.on("change:quick", draw);
  draw();
  return () => root.remove();
}

export default { render };
