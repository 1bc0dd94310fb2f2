"""The timeline: relations per week or month as a small histogram (an SVG component,
``ui/timeline.js``); dragging across it picks the view's dates (``since``/``until`` in the URL),
double-clicking it clears them.

The bars count every relation of the corpus by its document's date, so the histogram also says
where the data lies in time when a date range finds nothing. Relations of undated documents have
no bar; how many there are is said next to it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

import streamlit as st

from graph.model import ViewParams
from ui import data, nav, safety

#: Above this many days between the first and the last document the bars are months, else weeks.
WEEKS_UP_TO_DAYS = 200


@dataclass(frozen=True)
class Bins:
    unit: str  # "week" | "month"
    rows: list[dict]  # {"start": date, "end": date, "relations": int, "documents": int}
    undated_relations: int
    undated_documents: int
    first: date | None
    last: date | None

    @property
    def total(self) -> int:
        return sum(r["relations"] for r in self.rows)

    def busiest(self) -> dict | None:
        return max(self.rows, key=lambda r: r["relations"], default=None)


def _month_start(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def bins() -> Bins:
    """The corpus' relations binned by week or month (from the store's per-day counts)."""
    days, undated_r, undated_d = [], 0, 0
    for b in data.relations_by_day():
        day = safety.day(b.day)
        if day is None:
            undated_r += b.relations
            undated_d += b.documents
        else:
            days.append((day, b.relations, b.documents))
    if not days:
        return Bins("month", [], undated_r, undated_d, None, None)
    first, last = min(d for d, _, _ in days), max(d for d, _, _ in days)
    unit = "week" if (last - first).days <= WEEKS_UP_TO_DAYS else "month"
    agg: dict[date, list[int]] = {}
    for day, rels, docs in days:
        start = day - timedelta(days=day.weekday()) if unit == "week" else _month_start(day)
        a = agg.setdefault(start, [0, 0])
        a[0] += rels
        a[1] += docs
    # every week or month from the first to the last, empty ones too: the bars are a time axis
    rows = []
    start, stop = min(agg), max(agg)
    if (stop - start).days > 50 * 366:  # a stray ancient date: bars for the filled bins only
        start = stop + timedelta(days=1)
        rows = [
            {"start": s, "end": _next_month(s), "relations": agg[s][0], "documents": agg[s][1]} for s in sorted(agg)
        ]
    while start <= stop:
        end = start + timedelta(days=7) if unit == "week" else _next_month(start)
        rels, docs = agg.get(start, (0, 0))
        rows.append({"start": start, "end": end, "relations": rels, "documents": docs})
        start = end
    return Bins(unit, rows, undated_r, undated_d, first, last)


def render(view: ViewParams) -> None:
    b = bins()
    st.markdown(
        f"**Time** · relations per {b.unit}", help="Drag across the bars to pick dates; double-click clears them."
    )
    if b.rows:
        _chart(b, view)
    span = f"{b.first} to {b.last}" if b.first else "no dated documents"
    picked = f"{view.since or '…'} to {view.until or '…'}" if (view.since or view.until) else "all dates"
    st.caption(f"Data: {span} · showing {picked}")
    st.session_state["f_undated"] = view.include_undated
    st.toggle(
        f"Undated ({b.undated_relations})",
        key="f_undated",
        on_change=lambda: nav.change(undated=None if st.session_state.get("f_undated") else "0"),
        help="Relations from documents without a date: kept in a date range while this is on",
    )
    if view.since or view.until:
        st.button("All time", key="tl_all", on_click=nav.change, kwargs={"since": None, "until": None}, width="stretch")


@lru_cache(maxsize=1)
def _component():
    js = (resources.files("ui") / "timeline.js").read_text(encoding="utf-8")
    css = ".ag-timeline svg { display: block; cursor: crosshair; user-select: none; }"
    return st.components.v2.component("actorgraph_timeline", js=js, css=css, isolate_styles=False)


def _chart(b: Bins, view: ViewParams) -> None:
    fmt = "%b %Y" if b.unit == "month" else "%d %b %y"
    bins = [
        {
            "start": r["start"].isoformat(),
            "end": r["end"].isoformat(),
            "relations": r["relations"],
            "documents": r["documents"],
            "label": (f"{r['start']:%B %Y}" if b.unit == "month" else f"week of {r['start']}"),
            "tick": f"{r['start']:{fmt}}",
        }
        for r in b.rows
    ]
    _component()(
        data={"bins": bins, "since": view.since, "until": view.until, "height": 64},
        key="timeline",
        height=66,
        on_range_change=_brushed,
    )


def _brushed() -> None:
    """The brushed range (first and last day) becomes ``since``/``until``; a double-click clears them."""
    event = st.session_state.get("timeline")
    value = None
    if event is not None:
        try:
            value = event["range"]
        except (KeyError, TypeError):
            value = getattr(event, "range", None)
    if not value or len(value) != 2:
        nav.change(since=None, until=None)
        return
    nav.change(since=str(value[0])[:10], until=str(value[1])[:10])


def where_the_data_lies(view: ViewParams) -> str:
    """For an empty view under a date range: when the corpus' relations are, so the user knows
    where to look."""
    b = bins()
    top = b.busiest()
    if top is None:
        return "No document has a date."
    label = top["start"].strftime("%B %Y") if b.unit == "month" else f"the week of {top['start']}"
    text = f"The relations lie between {b.first} and {b.last} (most in {label})."
    if b.undated_relations:
        text += f" {b.undated_relations} relations come from undated documents."
    return text
