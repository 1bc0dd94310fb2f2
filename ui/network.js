// The explorer's network: vis-network in a Streamlit components-v2 component.
//
// Streamlit calls this function again with the same parent element whenever the data changes, so
// one vis.Network lives as long as the component: a new view updates its data sets instead of
// drawing a new network, and actors already drawn keep their positions (the user's mental map).
// What a person does comes back to Python as trigger values:
//   select {kind, id} | null   one click on a node or edge (null: on empty canvas or Escape)
//   focus  id                  double-click on an actor, or Enter on the selected one
//   open   id                  double-click on a group
//   hide   id                  Delete on the selected actor
//   expand id                  "e" on the selected actor
// Hooks for tests and the benchmark: window.actorgraphNetwork, and on .ag-network the data
// attributes ready ("1" when drawn and still), nodes, edges, focus, drawMs.

const CLICK_DELAY_MS = 260; // a second click within this time makes a double-click, not two selections

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text) e.textContent = text;
  return e;
}

function build(parentElement, s) {
  const wrap = el("div", "ag-wrap");
  wrap.tabIndex = 0;
  wrap.setAttribute("aria-label", "Network of actors: click selects, double-click focuses");
  const tools = el("div", "ag-tools");
  const fit = el("button", "ag-tool", "Fit");
  fit.type = "button";
  fit.title = "Fit the whole view (f)";
  fit.setAttribute("aria-label", "Fit view");
  const full = el("button", "ag-tool", "Fullscreen");
  full.type = "button";
  full.title = "Fullscreen (Esc leaves)";
  full.setAttribute("aria-label", "Fullscreen");
  tools.append(fit, full);
  const box = el("div", "ag-network");
  wrap.append(tools, box);
  parentElement.appendChild(wrap);
  s.wrap = wrap;
  s.box = box;
  s.fullButton = full;
  fit.addEventListener("click", () => frame(s, false, false));
  full.addEventListener("click", () => toggleFullscreen(s));
  document.addEventListener("fullscreenchange", () => resized(s));
  wrap.addEventListener("keydown", (ev) => key(s, ev));
}

function isFull(s) {
  return document.fullscreenElement === s.wrap || s.wrap.classList.contains("ag-full");
}

function toggleFullscreen(s) {
  if (isFull(s)) {
    if (document.fullscreenElement) document.exitFullscreen();
    s.wrap.classList.remove("ag-full");
    resized(s);
    return;
  }
  const fallback = () => { s.wrap.classList.add("ag-full"); resized(s); };
  if (s.wrap.requestFullscreen) {
    s.wrap.requestFullscreen().catch(fallback);
  } else {
    fallback();
  }
}

function resized(s) {
  const full = isFull(s);
  s.box.style.height = full ? "100vh" : s.height + "px";
  s.fullButton.textContent = full ? "Exit fullscreen" : "Fullscreen";
  s.fullButton.setAttribute("aria-label", full ? "Exit fullscreen" : "Fullscreen");
  s.wrap.dataset.fullscreen = full ? "1" : "0";
  if (s.network) {
    s.network.setSize("100%", s.box.style.height);
    s.network.redraw();
    frame(s, true, false);
  }
}

function selectedNode(s) {
  return s.selected && s.selected.kind === "node" ? s.selected.id : null;
}

function key(s, ev) {
  const id = selectedNode(s);
  if (ev.key === "Escape" && !isFull(s)) {
    s.network.unselectAll();
    s.selected = null;
    s.trigger("select", null);
  } else if (ev.key === "f") {
    frame(s, false, false);
  } else if (id && ev.key === "Enter") {
    s.trigger(id.startsWith("group:") ? "open" : "focus", id);
  } else if (id && (ev.key === "Delete" || ev.key === "Backspace") && !id.startsWith("group:")) {
    s.trigger("hide", id);
  } else if (id && ev.key === "e" && !id.startsWith("group:")) {
    s.trigger("expand", id);
  } else {
    return;
  }
  ev.preventDefault();
}

// Where a node and its label will be, before anything is drawn: the label's width guessed from its
// length (drawing twice to measure it would double the time a big view takes to appear).
function guessBox(nd) {
  const half = Math.max(40, 4.5 * String(nd.label || "").length);
  return { left: nd.x - half, right: nd.x + half, top: nd.y - 40, bottom: nd.y + 50 };
}

// Centre the focus (or fit everything when there is none) with every node and label in sight; the
// boxes are measured once the network has been drawn, guessed before.
function frame(s, quiet, guess) {
  const n = s.network;
  if (!n) return;
  const ids = s.nodes.getIds();
  if (!ids.length) return;
  const focus = s.focus && s.nodes.get(s.focus) ? s.focus : null;
  let cx, cy;
  const boxes = guess
    ? s.nodes.get().filter((nd) => nd.x !== undefined).map(guessBox)
    : ids.map((id) => n.getBoundingBox(id)).filter((b) => b);
  if (!boxes.length) return;
  if (focus) {
    const f = n.getPosition(focus);
    cx = f.x; cy = f.y;
  } else {
    cx = (Math.min(...boxes.map((b) => b.left)) + Math.max(...boxes.map((b) => b.right))) / 2;
    cy = (Math.min(...boxes.map((b) => b.top)) + Math.max(...boxes.map((b) => b.bottom))) / 2;
  }
  let dx = 1, dy = 1;
  for (const b of boxes) {
    dx = Math.max(dx, Math.abs(b.left - cx), Math.abs(b.right - cx));
    dy = Math.max(dy, Math.abs(b.top - cy), Math.abs(b.bottom - cy));
  }
  const w = s.box.clientWidth || 600, h = s.box.clientHeight || 600;
  const margin = 12;
  const scale = Math.min(1.2, (w / 2 - margin) / dx, (h / 2 - margin) / dy);
  n.moveTo({ position: { x: cx, y: cy }, scale: Math.max(scale, 0.02), animation: quiet ? false : { duration: 250 } });
}

function events(s) {
  const n = s.network;
  let pending = null;
  n.on("click", (p) => {
    clearTimeout(pending);
    let sel = null;
    if (p.nodes && p.nodes.length) sel = { kind: "node", id: String(p.nodes[0]) };
    else if (p.edges && p.edges.length) sel = { kind: "edge", id: String(p.edges[0]) };
    s.wrap.focus({ preventScroll: true });
    if (!sel && !s.selected) return;
    if (sel && s.selected && sel.kind === s.selected.kind && sel.id === s.selected.id) return;
    pending = setTimeout(() => { s.selected = sel; s.trigger("select", sel); }, sel && sel.kind === "node" ? CLICK_DELAY_MS : 0);
  });
  n.on("doubleClick", (p) => {
    clearTimeout(pending);
    if (!(p.nodes && p.nodes.length)) return;
    const id = String(p.nodes[0]);
    s.trigger(id.startsWith("group:") ? "open" : "focus", id);
  });
  n.on("dragEnd", (p) => {
    if (p.nodes && p.nodes.length) s.dragged = true;
  });
}

// Ready (for tests and the benchmark) once drawn and still.
function markReady(s, started) {
  s.network.once("afterDrawing", () => {
    s.box.dataset.ready = "1";
    s.box.dataset.drawMs = String(Math.round(performance.now() - started));
    s.box.dataset.readyAt = String(Math.round(performance.now()));
  });
}

// New nodes come with positions laid out around where Python last saw the drawn ones; where the user
// has moved those since, shift each new node by how far its drawn neighbours moved.
function placeNew(s, nodes, edges) {
  const drawn = s.network.getPositions();
  const given = {};
  for (const nd of nodes) given[nd.id] = nd;
  const near = {};
  for (const e of edges) {
    (near[e.from] = near[e.from] || []).push(e.to);
    (near[e.to] = near[e.to] || []).push(e.from);
  }
  for (const nd of nodes) {
    if (drawn[nd.id]) {
      nd.x = drawn[nd.id].x;
      nd.y = drawn[nd.id].y;
      continue;
    }
    if (nd.x === undefined) continue;
    let ox = 0, oy = 0, k = 0;
    for (const m of near[nd.id] || []) {
      if (drawn[m] && given[m] && given[m].x !== undefined) {
        ox += drawn[m].x - given[m].x;
        oy += drawn[m].y - given[m].y;
        k += 1;
      }
    }
    if (k) { nd.x += ox / k; nd.y += oy / k; }
  }
}

function draw(s, data) {
  const g = data.graph;
  const started = performance.now();
  s.box.dataset.mountedAt = String(Math.round(started));
  s.box.dataset.ready = "0";
  s.box.dataset.nodes = String(g.nodes.length);
  s.box.dataset.edges = String(g.edges.length);
  s.box.dataset.focus = data.focus || "";
  s.focus = data.focus || null;
  const options = JSON.stringify(g.options);
  if (!s.network) {
    s.nodes = new vis.DataSet(g.nodes);
    s.edges = new vis.DataSet(g.edges);
    s.network = new vis.Network(s.box, { nodes: s.nodes, edges: s.edges }, g.options);
    s.options = options;
    events(s);
  } else {
    if (options !== s.options) {
      s.network.setOptions(g.options);
      s.options = options;
    }
    const nodes = g.nodes.map((nd) => ({ ...nd }));
    placeNew(s, nodes, g.edges);
    const keep = new Set(nodes.map((nd) => nd.id));
    s.edges.clear();
    s.nodes.remove(s.nodes.getIds().filter((id) => !keep.has(id)));
    s.nodes.update(nodes);
    s.edges.add(g.edges);
  }
  window.actorgraphNetwork = s.network;
  s.version = data.version;
  select(s, data.selected);
  frame(s, true, true);
  markReady(s, started);
}

function select(s, sel) {
  s.selected = sel || null;
  const n = s.network;
  if (sel && sel.kind === "node" && s.nodes.get(sel.id)) n.selectNodes([sel.id], false);
  else if (sel && sel.kind === "edge" && s.edges.get(sel.id)) n.selectEdges([sel.id]);
  else n.unselectAll();
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data || !data.graph) return;
  let s = parentElement.__actorgraph;
  if (!s) {
    s = parentElement.__actorgraph = { gen: 0 };
    build(parentElement, s);
  }
  const gen = ++s.gen;
  s.trigger = setTriggerValue;
  s.height = data.height || 640;
  if (!isFull(s)) s.box.style.height = s.height + "px";
  if (s.version !== data.version) {
    draw(s, data);
  } else {
    select(s, data.selected);
  }
  return () => {
    if (s.gen !== gen) return; // a newer call owns the network now
    if (s.network) s.network.destroy();
    s.wrap.remove();
    delete parentElement.__actorgraph;
  };
}
