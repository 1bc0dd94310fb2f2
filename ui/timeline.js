// The timeline: relations per week or month as a small SVG histogram. Dragging across it picks a
// range (snapped to whole bars) and reports it as the trigger value "range" ([first day, last day]);
// a double-click reports null (all dates). A few dozen SVG rectangles: it draws in a millisecond,
// where a charting library took a third of a second of every page load.

const NS = "http://www.w3.org/2000/svg";

function svg(tag, attrs) {
  const e = document.createElementNS(NS, tag);
  for (const k in attrs) e.setAttribute(k, attrs[k]);
  return e;
}

function dayBefore(iso) {
  const d = new Date(iso + "T00:00:00Z");
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data || !data.bins) return;
  let box = parentElement.querySelector(".ag-timeline");
  if (!box) {
    box = document.createElement("div");
    box.className = "ag-timeline";
    parentElement.appendChild(box);
  }
  box.textContent = "";
  const bins = data.bins;
  const width = Math.max(120, box.clientWidth || parentElement.clientWidth || 240);
  const height = data.height || 64;
  const axis = 14, top = 4;
  const plot = height - axis - top;
  const max = Math.max(1, ...bins.map((b) => b.relations));
  const step = width / Math.max(1, bins.length);
  const root = svg("svg", { width: String(width), height: String(height), role: "img", "aria-label": "Relations over time" });
  const inRange = (b) => (!data.since || b.end > data.since) && (!data.until || b.start <= data.until);
  const picked = data.since || data.until;
  bins.forEach((b, i) => {
    const h = Math.max(b.relations ? 1.5 : 0, (plot * b.relations) / max);
    const r = svg("rect", {
      x: String(i * step + 0.5), y: String(top + plot - h), width: String(Math.max(1, step - 1)), height: String(h),
      fill: !picked || inRange(b) ? "#5b73a6" : "#c9d1e2", "data-start": b.start,
    });
    const t = svg("title", {});
    t.textContent = `${b.label}: ${b.relations} relations in ${b.documents} documents`;
    r.appendChild(t);
    root.appendChild(r);
  });
  root.appendChild(svg("line", { x1: "0", x2: String(width), y1: String(top + plot + 0.5), y2: String(top + plot + 0.5), stroke: "#bbb" }));
  const ticks = bins.length > 1 ? [0, Math.floor((bins.length - 1) / 2), bins.length - 1] : [0];
  for (const i of ticks) {
    const t = svg("text", {
      x: String(Math.min(width - 2, Math.max(2, i * step + step / 2))), y: String(height - 2), "font-size": "9",
      fill: "#555", "text-anchor": i === 0 ? "start" : i === bins.length - 1 ? "end" : "middle",
    });
    t.textContent = bins[i].tick;
    root.appendChild(t);
  }
  const brush = svg("rect", { y: String(top), height: String(plot), fill: "rgba(91,115,166,0.18)", stroke: "#5b73a6", visibility: "hidden" });
  root.appendChild(brush);
  box.appendChild(root);
  box.dataset.bins = String(bins.length);

  const at = (ev) => {
    const r = root.getBoundingClientRect();
    return Math.min(bins.length - 1, Math.max(0, Math.floor((ev.clientX - r.left) / step)));
  };
  let from = null;
  root.addEventListener("mousedown", (ev) => {
    from = at(ev);
    brush.setAttribute("x", String(from * step));
    brush.setAttribute("width", String(step));
    brush.setAttribute("visibility", "visible");
    ev.preventDefault();
  });
  root.addEventListener("mousemove", (ev) => {
    if (from === null) return;
    const to = at(ev);
    const a = Math.min(from, to), b = Math.max(from, to);
    brush.setAttribute("x", String(a * step));
    brush.setAttribute("width", String((b - a + 1) * step));
  });
  const finish = (ev) => {
    if (from === null) return;
    const to = at(ev);
    const a = Math.min(from, to), b = Math.max(from, to);
    from = null;
    setTriggerValue("range", [bins[a].start, dayBefore(bins[b].end)]);
  };
  root.addEventListener("mouseup", finish);
  root.addEventListener("mouseleave", (ev) => { if (from !== null) finish(ev); });
  root.addEventListener("dblclick", () => { from = null; setTriggerValue("range", null); });
}
