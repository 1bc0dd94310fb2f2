"""The network view: vis-network (in line, from the pyvis package) as a Streamlit components-v2
component whose node and edge clicks reach Python.

pyvis builds the nodes, edges and options (``graph.render.visual.vis_data``); this component only draws
them and reports clicks as trigger values. Trigger values live for one rerun, so the page copies
them into session state. The mount function returns a cleanup that destroys the network, so a new
view never leaks the old one.
"""

from __future__ import annotations

from functools import lru_cache

import streamlit as st

from graph.render import visual

_JS = """
export default function (component) {
  const { data, parentElement, setTriggerValue } = component;
  if (!data) { return; }
  let box = parentElement.querySelector(".ag-network");
  if (!box) {
    box = document.createElement("div");
    box.className = "ag-network";
    parentElement.appendChild(box);
  }
  box.style.height = (data.height || 640) + "px";
  box.dataset.ready = "0";
  box.dataset.nodes = String(data.nodes.length);
  box.dataset.edges = String(data.edges.length);
  box.dataset.focus = data.focus || "";
  const started = performance.now();
  const network = new vis.Network(box, { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) },
                                  data.options);
  network.on("click", (params) => {
    if (params.nodes && params.nodes.length) {
      setTriggerValue("node", params.nodes[0]);
    } else if (params.edges && params.edges.length) {
      setTriggerValue("edge", params.edges[0]);
    }
  });
  const settle = () => {
    network.setOptions({ physics: { enabled: false } });
    box.dataset.ready = "1";
    box.dataset.drawMs = String(Math.round(performance.now() - started));
  };
  if (data.options && data.options.physics && data.options.physics.enabled) {
    network.once("stabilizationIterationsDone", settle);
  } else {
    network.once("afterDrawing", settle);
  }
  window.actorgraphNetwork = network;
  return () => { network.destroy(); };
}
"""

_CSS = """
.ag-network { width: 100%; border: 1px solid #e6e6e6; border-radius: 6px; background: #ffffff; }
div.vis-tooltip { white-space: pre-line; font-family: sans-serif; font-size: 12px; max-width: 420px; }
"""


@lru_cache(maxsize=1)
def _component():
    js, css = visual.vis_assets()
    return st.components.v2.component("actorgraph_network", js=js + "\n" + _JS, css=css + _CSS, isolate_styles=False)


def network(data: dict, *, key: str, height: int = 640, focus: str | None = None):
    """Draw ``data`` (from ``visual.vis_data``); returns the result with ``.node`` / ``.edge`` clicks."""
    payload = {**data, "height": height, "focus": focus}
    return _component()(
        data=payload, key=key, height=height + 4, on_node_change=lambda: None, on_edge_change=lambda: None
    )
