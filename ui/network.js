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

// Where a node and its label will be, before anything is drawn: its size as vis-network will scale
// it from `value`, the label's width guessed from its length (drawing twice to measure it would
// double the time a big view takes to appear).
function guessBox(s, nd) {
  const size = nodeSize(s, nd.value);
  const font = Math.max(18, nd.label_size || 16);
  const half = Math.max(size, 0.3 * font * String(nd.label || "").length);
  return { left: nd.x - half, right: nd.x + half, top: nd.y - size, bottom: nd.y + size + 1.5 * font };
}

// vis-network's own scaling of `value` to 0..1 over the drawn nodes (its default scaling function).
function rangeOf(values) {
  const known = values.filter((v) => v !== undefined);
  const lo = Math.min(...known), hi = Math.max(...known);
  return (v) => (v === undefined || !known.length ? 0.5 : hi === lo ? 0.5 : Math.max(0, (v - lo) / (hi - lo)));
}

function nodeSize(s, value) {
  const sc = s.scaling || { min: 8, max: 40 };
  return sc.min + (s.range ? s.range(value) : 0.5) * (sc.max - sc.min);
}

// Labels that read at the current zoom: the actors with the highest `value` (as many as the canvas
// has room for) keep a label of at least READABLE_PX on screen however far one zooms out; the
// others are hidden below vis-network's drawThreshold rather than drawn tiny. A small view thus has
// every label readable, a big one its hubs (Gephi and Bloom label the same way). Each node brings
// its own label size (`label_size`), which is put back when it no longer needs enlarging.
const READABLE_PX = 12;
const LABEL_AREA_PX = 15000; // the screen area one readable label needs, so labels do not pile up

// The enlarged label size of each actor that needs one at `scale` ({id: size}); `at(id)` tells
// where an actor is ({x, y, size}, canvas units).
function wanted(s, items, scale, at) {
  const w = s.box.clientWidth || 600, h = s.box.clientHeight || 600;
  const budget = Math.max(4, Math.floor((w * h) / LABEL_AREA_PX));
  const labelled = items.filter((x) => x.label);
  const rank = (x) => (x.id === s.focus ? Infinity : x.value || 0);
  labelled.sort((a, b) => rank(b) - rank(a) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const big = labelled.length > budget;
  // in a big view only actors above the smallest (a leaf among many alike is not picked by its id)
  const chosen = big
    ? labelled.slice(0, budget).filter((x) => x.id === s.focus || s.range(x.value) > 0)
    : labelled;
  const size = Math.round((10 * READABLE_PX) / scale) / 10;
  const want = {};
  // in a big view, greedily by rank, an enlarged label that would lie on one already kept stays hidden
  const placed = [];
  for (const x of chosen) {
    if ((x.label_size || 16) * scale >= READABLE_PX) continue;
    const p = big ? at(x.id) : null;
    if (p) {
      const half = 0.29 * size * String(x.label).length;
      const box = { left: p.x - half, right: p.x + half, top: p.y + p.size, bottom: p.y + p.size + 1.3 * size };
      if (placed.some((b) => b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom))
        continue;
      placed.push(box);
    }
    want[x.id] = size;
  }
  return want;
}

// After a zoom or a new framing: enlarge or put back the labels that need it.
function legible(s) {
  const n = s.network;
  if (!n || !s.range) return;
  const items = s.nodes.get({ fields: ["id", "value", "label", "label_size"] });
  const at = (id) => {
    const node = n.body.nodes[id];
    return node ? { x: node.x, y: node.y, size: node.options.size || 10 } : null;
  };
  const want = wanted(s, items, n.getScale(), at);
  const base = {};
  for (const x of items) base[x.id] = x.label_size || 16;
  const had = s.boosted || {};
  const updates = [];
  for (const [id, size] of Object.entries(want)) {
    if (had[id] !== size) updates.push({ id, font: { size } });
  }
  for (const id of Object.keys(had)) {
    if (!(id in want) && id in base) updates.push({ id, font: { size: base[id] } });
  }
  s.boosted = want;
  if (updates.length) s.nodes.update(updates);
}

// The view that shows `boxes` whole: centred on `centre` (the focus) or on their middle.
function fitOf(s, boxes, centre) {
  if (!boxes.length) return null;
  const cx = centre ? centre.x : (Math.min(...boxes.map((b) => b.left)) + Math.max(...boxes.map((b) => b.right))) / 2;
  const cy = centre ? centre.y : (Math.min(...boxes.map((b) => b.top)) + Math.max(...boxes.map((b) => b.bottom))) / 2;
  let dx = 1, dy = 1;
  for (const b of boxes) {
    dx = Math.max(dx, Math.abs(b.left - cx), Math.abs(b.right - cx));
    dy = Math.max(dy, Math.abs(b.top - cy), Math.abs(b.bottom - cy));
  }
  const w = s.box.clientWidth || 600, h = s.box.clientHeight || 600;
  const margin = 12;
  const scale = Math.min(1.2, (w / 2 - margin) / dx, (h / 2 - margin) / dy);
  return { x: cx, y: cy, scale: Math.max(scale, 0.02) };
}

// Centre the focus (or fit everything when there is none) with every node and label in sight; the
// boxes are measured once the network has been drawn, guessed before.
function frame(s, quiet, guess) {
  const n = s.network;
  if (!n) return;
  const ids = s.nodes.getIds();
  if (!ids.length) return;
  const focus = s.focus && s.nodes.get(s.focus) ? s.focus : null;
  const boxes = guess
    ? s.nodes.get().filter((nd) => nd.x !== undefined).map((nd) => guessBox(s, nd))
    : ids.map((id) => n.getBoundingBox(id)).filter((b) => b);
  const v = fitOf(s, boxes, focus ? n.getPosition(focus) : null);
  if (v) n.moveTo({ position: { x: v.x, y: v.y }, scale: v.scale, animation: quiet ? false : { duration: 250 } });
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
  let zoomed = null;
  n.on("zoom", () => {
    clearTimeout(zoomed);
    zoomed = setTimeout(() => legible(s), 120);
  });
  n.on("animationFinished", () => legible(s));
  n.on("dragEnd", (p) => {
    if (p.nodes && p.nodes.length) s.dragged = true;
  });
}

// Ready (for tests and the benchmark) once drawn and still. A view of up to MEASURE_UP_TO actors
// whose first drawing left a node or label past the canvas edge (the boxes before it are guessed)
// is framed again with the measured boxes and drawn once more; a bigger one keeps the guess.
const MEASURE_UP_TO = 400;

// Whether every node and drawn label lies inside the canvas (measured after a drawing).
function inSight(s) {
  const n = s.network, w = s.box.clientWidth, h = s.box.clientHeight;
  for (const id of s.nodes.getIds()) {
    const b = n.getBoundingBox(id);
    if (!b) continue;
    const a = n.canvasToDOM({ x: b.left, y: b.top }), z = n.canvasToDOM({ x: b.right, y: b.bottom });
    if (a.x < 0 || a.y < 0 || z.x > w || z.y > h) return false;
  }
  return true;
}

function markReady(s, started) {
  const ready = () => {
    s.box.dataset.ready = "1";
    s.box.dataset.drawMs = String(Math.round(performance.now() - started));
    s.box.dataset.readyAt = String(Math.round(performance.now()));
  };
  s.network.once("afterDrawing", () => {
    if (s.nodes.length > MEASURE_UP_TO || inSight(s)) return ready();
    frame(s, true, false);
    legible(s);
    s.network.once("afterDrawing", ready);
    s.network.redraw();
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
  s.scaling = (g.options.nodes || {}).scaling;
  const options = JSON.stringify(g.options);
  const nodes = g.nodes.map((nd) => ({ ...nd }));
  if (s.network) placeNew(s, nodes, g.edges);
  // frame the view and enlarge the labels it needs before the first drawing (one pass over the data)
  s.range = rangeOf(nodes.map((nd) => nd.value));
  const byId = {};
  for (const nd of nodes) byId[nd.id] = nd;
  const f = s.focus && byId[s.focus] && byId[s.focus].x !== undefined ? byId[s.focus] : null;
  const view = fitOf(s, nodes.filter((nd) => nd.x !== undefined).map((nd) => guessBox(s, nd)), f);
  const at = (id) => (byId[id].x === undefined ? null : { x: byId[id].x, y: byId[id].y, size: nodeSize(s, byId[id].value) });
  s.boosted = view ? wanted(s, nodes, view.scale, at) : {};
  for (const nd of nodes) if (s.boosted[nd.id]) nd.font = { size: s.boosted[nd.id] };
  if (!s.network) {
    s.nodes = new vis.DataSet(nodes);
    s.edges = new vis.DataSet(g.edges);
    s.network = new vis.Network(s.box, { nodes: s.nodes, edges: s.edges }, g.options);
    s.options = options;
    events(s);
  } else {
    if (options !== s.options) {
      s.network.setOptions(g.options);
      s.options = options;
    }
    const keep = new Set(nodes.map((nd) => nd.id));
    s.edges.clear();
    s.nodes.remove(s.nodes.getIds().filter((id) => !keep.has(id)));
    s.nodes.update(nodes);
    s.edges.add(g.edges);
  }
  window.actorgraphNetwork = s.network;
  s.version = data.version;
  select(s, data.selected);
  if (view) s.network.moveTo({ position: { x: view.x, y: view.y }, scale: view.scale, animation: false });
  markReady(s, started);
}

function select(s, sel) {
  s.selected = sel || null;
  const n = s.network;
  if (sel && sel.kind === "node" && s.nodes.get(sel.id)) n.selectNodes([sel.id], false);
  else if (sel && sel.kind === "edge" && s.edges.get(sel.id)) n.selectEdges([sel.id]);
  else if (n.getSelectedNodes().length || n.getSelectedEdges().length) n.unselectAll();
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
