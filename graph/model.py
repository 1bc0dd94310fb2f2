"""The few frozen records that every layer shares.

Extraction produces ``Document``, ``Mention`` and ``Relation``; the store writes them and its
queries answer with ``Subgraph`` (``Node`` + ``Edge``) and ``Evidence``; the explorer and the
snapshot exporters only read these. Keeping them plain and immutable lets the core stay pure and
lets every layer be tested without the others.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any, Literal, get_args

#: The actor types; node labels in Neo4j come only from here.
ActorType = Literal["Person", "Organisation", "State"]
ACTOR_TYPES: tuple[ActorType, ...] = get_args(ActorType)

#: The closed relation vocabulary. Relationship types in Neo4j come only from here.
RelationType = Literal["MEMBER_OF", "WARNS", "DEMANDS", "THREATENS", "SUPPORTS", "MEETS", "CRITICIZES", "DEPLOYS"]
RELATION_TYPES: tuple[RelationType, ...] = get_args(RelationType)
PRIMARY_RELATION_TYPES: tuple[RelationType, ...] = ("MEMBER_OF", "WARNS", "DEMANDS")
#: Relations that have no direction (scored and drawn either way round).
SYMMETRIC_RELATION_TYPES: frozenset[RelationType] = frozenset({"MEETS"})


#: Documents per batch (one transaction each). A batch writes each aggregate, pair and neighbour
#: list it touches once, however many of its occurrences touch it; news repeats the same pairs and
#: hubs, so larger batches write each less often: a 100k-relation news load ran at 3,806
#: relations/s in batches of 500 documents and 5,228 in batches of 2,000 (4,000: 5,403). Batches
#: of up to 4,000 benchmark documents (~33,000 relations) ran within the local server's limit per
#: transaction (half its 2 GB heap); ``--batch-size`` lowers it for a tighter server.
BATCH_DOCUMENTS = 2000


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as it appears on a mention or a relation end: enough to name and colour it."""

    id: str
    name: str
    type: ActorType

    def to_dict(self) -> dict[str, str]:
        return {"id": self.id, "name": self.name, "type": self.type}


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor: what the rule pack defines or extraction discovers."""

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Document:
    """One article: its text after page furniture was removed, and what it says of itself."""

    id: str
    text: str
    title: str | None = None
    date: str | None = None  # ISO 8601 date, the article's own where it states one
    source: str | None = None
    path: str | None = None


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a document at ``text[start:end]``."""

    doc: str
    actor: ActorRef
    start: int
    end: int
    text: str


def relation_id(doc: str, rule: str, subject: str, type_: str, object_: str, start: int, end: int) -> str:
    """A deterministic id, so that loading the same extraction twice changes nothing."""
    key = "\x1f".join((doc, rule, subject, type_, object_, str(start), str(end)))
    return hashlib.blake2b(key.encode("utf-8"), digest_size=12).hexdigest()


@dataclass(frozen=True, slots=True)
class Relation:
    """One extracted occurrence of ``subject -TYPE-> object`` with its evidence.

    ``start``/``end`` are character offsets of the evidence span in the document text;
    ``sentence`` is the whole sentence it lies in.
    """

    doc: str
    subject: ActorRef
    type: RelationType
    object: ActorRef
    negated: bool
    sentence: str
    start: int
    end: int
    date: str | None
    rule: str

    @property
    def id(self) -> str:
        return relation_id(self.doc, self.rule, self.subject.id, self.type, self.object.id, self.start, self.end)


@dataclass(frozen=True, slots=True)
class Extraction:
    """What extraction returns for one document."""

    document: Document
    mentions: tuple[Mention, ...] = ()
    relations: tuple[Relation, ...] = ()
    actors: tuple[Actor, ...] = ()  # every actor mentioned, with its aliases (for the store)


# --- what queries answer with --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Node:
    """An actor in a view, with the numbers a drawing sizes it by."""

    id: str
    name: str
    type: ActorType
    aliases: tuple[str, ...] = ()
    degree: int = 0
    mentions: int = 0


@dataclass(frozen=True, slots=True)
class Edge:
    """All occurrences of ``source -TYPE-> target`` with one negation value, aggregated."""

    source: str
    target: str
    type: RelationType
    negated: bool = False
    count: int = 1
    first_date: str | None = None
    last_date: str | None = None

    @property
    def key(self) -> str:
        return f"{self.source}|{self.type}|{self.target}|{int(self.negated)}"


@dataclass(frozen=True, slots=True)
class Subgraph:
    """A view: what the explorer draws, the snapshot exports and a report cites."""

    nodes: tuple[Node, ...] = ()
    edges: tuple[Edge, ...] = ()
    documents: int = 0  # how many documents stand behind the edges
    date_from: str | None = None
    date_to: str | None = None
    truncated: bool = False  # True when a limit cut the view short
    #: For a focus view, per hop from the focus: (actors shown, actors found) under the filters, so a
    #: capped view can say how the cap chose. "Found" counts the candidates the view's budgets read.
    hops: tuple[tuple[int, int], ...] = ()
    documents_exact: bool = True  # False: ``documents`` is a lower bound (a big view counts a sample)


@dataclass(frozen=True, slots=True)
class Evidence:
    """One sentence behind an edge, traceable to its document and rule."""

    relation_id: str
    doc: str
    title: str | None
    date: str | None
    sentence: str
    start: int
    end: int
    rule: str
    negated: bool
    subject: ActorRef
    type: RelationType
    object: ActorRef


#: Actors in a view unless asked otherwise (CLI, URL, Python), and the most a view may hold.
DEFAULT_VIEW_LIMIT = 300
MAX_VIEW_LIMIT = 2000


@dataclass(frozen=True, slots=True)
class ViewParams:
    """The explorer's view state; the same parameters give the same view everywhere
    (URL query string, ``actorgraph snapshot`` options, the Python API)."""

    focus: str | None = None  # actor id
    depth: int = 1
    relation_types: tuple[RelationType, ...] = RELATION_TYPES
    actor_types: tuple[ActorType, ...] = ACTOR_TYPES
    since: str | None = None
    until: str | None = None
    min_evidence: int = 1
    include_negated: bool = True
    include_undated: bool = True  # under since/until, relations of undated documents are kept too
    limit: int = DEFAULT_VIEW_LIMIT  # actors at most


# --- what the store answers besides views ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class StrongRelation:
    type: RelationType
    outgoing: bool
    other_id: str
    other: str
    negated: bool
    count: int


@dataclass(frozen=True, slots=True)
class ActorDetails(Node):
    """An actor as a view draws it, with what the explorer's details panel shows besides."""

    member_of: tuple[str, ...] = ()
    documents: tuple[str, ...] = ()
    strongest: tuple[StrongRelation, ...] = ()


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    id: str
    title: str | None
    date: str | None
    source: str | None
    mentions: int = 0
    relations: int = 0


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One document as stored: its text and where each actor is mentioned."""

    summary: DocumentSummary
    text: str
    spans: tuple[tuple[int, int, ActorRef], ...] = ()


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many relations (and documents) the documents of one day hold; ``day`` None: undated."""

    day: str | None
    relations: int
    documents: int


@dataclass(frozen=True, slots=True)
class Stats:
    counts: tuple[tuple[str, int], ...] = ()
    top_actors: tuple[Node, ...] = ()
    first_date: str | None = None
    last_date: str | None = None

    def count(self, key: str) -> int:
        return dict(self.counts).get(key, 0)


@dataclass(frozen=True, slots=True)
class QueryResult:
    """A user's Cypher result: a table (JSON-safe values) and the graph part of it, if any."""

    columns: tuple[str, ...] = ()
    rows: tuple[tuple[Any, ...], ...] = ()
    subgraph: Subgraph = Subgraph()
    truncated: bool = False
    notifications: tuple[str, ...] = ()  # the server's warnings, e.g. an unknown property name
    display: tuple[tuple[object, ...], ...] = ()  # the rows for a screen: actors, relations and paths as short text
    note: str = ""  # where the answer was cut and why ("stopped at 1,000 rows"), or ""


@dataclass(frozen=True, slots=True)
class LoadSummary:
    documents: int = 0
    replaced: int = 0
    actors: int = 0
    relations: int = 0
    mentions: int = 0
    seconds: float = 0.0

    def __str__(self) -> str:
        rate = f", {self.relations / self.seconds:,.0f} relations/s" if self.seconds > 0 else ""
        return (
            f"loaded {self.documents} documents ({self.replaced} replaced), {self.actors} actors, "
            f"{self.relations} relations, {self.mentions} mention links in {self.seconds:.1f}s{rate}"
        )
