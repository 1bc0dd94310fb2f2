"""Rule files: load, validate, compile.

Rules are data an analyst reads and edits (``graph/extraction/pack/*.yaml``): states, other actors with
aliases and offices, titles, and relation rules with examples. They are validated by pydantic
models (whose JSON Schema ``actorgraph rules schema`` prints, for editors); every problem is
reported with its file, line, rule id and what is wrong, and a rule set with any problem loads
nothing. Loading compiles everything into one ``RuleSet`` with a single Aho-Corasick automaton
that finds every alias, title and cue of a text in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ..errors import RuleError
from ..model import ACTOR_TYPES, RELATION_TYPES, Actor, RelationType
from ..resources import rule_pack
from .clauses import FRAMES
from .context import state_id
from .slots import FALLBACKS, OBJECT_SLOTS, SUBJECT_SLOTS

if TYPE_CHECKING:
    from .lexicon import Lexicon

BUNDLED_DIR = rule_pack()
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9:_\-.]*$"

# The names a rule file may use come from the tables of functions that implement them (pydantic
# checks them at run time; for the type checker they are strings).
if TYPE_CHECKING:
    SubjectSlot: TypeAlias = str
    ObjectSlot: TypeAlias = str
    Fallback: TypeAlias = str
    Frame: TypeAlias = str
else:
    SubjectSlot = Literal[tuple(SUBJECT_SLOTS)]
    ObjectSlot = Literal[tuple(OBJECT_SLOTS)]
    Fallback = Literal[tuple(FALLBACKS)]
    Frame = Literal[tuple(FRAMES)]


# --- schema ------------------------------------------------------------------------------


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateRule(Strict):
    code: str = Field(pattern=r"^[A-Z]{3}$", description="ISO 3166 alpha-3 code")
    name: str | None = Field(None, description="Usual short name, when it differs from ISO's")
    capital: str | None = None
    demonym: str | None = None
    people: str | None = Field(None, description="Plural demonym ('Ukrainians')")
    aliases: list[str] = []


class Office(Strict):
    office: str
    of: str = Field(description="Actor id or state code of the body the office belongs to")
    from_: date | None = Field(None, alias="from")
    to: date | None = None


class ActorRule(Strict):
    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1)
    type: Literal["Person", "Organisation", "State"]
    kind: (
        Literal["alliance", "international", "media", "ministry", "agency", "military", "party", "company", "other"]
        | None
    ) = None
    aliases: list[str] = []
    member_of: str | None = None
    offices: list[Office] = []


class OfficeRule(Strict):
    id: str = Field(pattern=ID_PATTERN)
    forms: list[str] = Field(min_length=1)


class Example(Strict):
    text: str
    expect: list[list[str]] = []
    reject: list[list[str]] = []

    @field_validator("expect", "reject")
    @classmethod
    def _triples(cls, value: list[list[str]]) -> list[list[str]]:
        for triple in value:
            if (
                len(triple) not in (3, 4)
                or triple[1] not in RELATION_TYPES
                or (len(triple) == 4 and triple[3] != "negated")
            ):
                raise ValueError(
                    f"{triple!r} is not [subject, TYPE, object] or [subject, TYPE, object, negated]"
                    f" with TYPE one of {', '.join(RELATION_TYPES)}"
                )
        return value


def _check_words(value: list[str]) -> list[str]:
    for cue in value:
        if not cue.strip() or not re.fullmatch(r"[\w' \-’]+", cue):
            raise ValueError(f"cue {cue!r} must be words (letters, digits, spaces, hyphens, apostrophes)")
    return value


class RelationRule(Strict):
    """A construction rule: literal cue phrases and the slot kinds where its two ends stand."""

    id: str = Field(pattern=ID_PATTERN)
    type: RelationType
    cues: list[str] = Field(min_length=1)
    subject: SubjectSlot = "before"
    object: ObjectSlot = "after"
    gap: int = Field(6, ge=0, le=30)
    fallback_subject: Fallback | None = None
    requires: list[str] = []
    requires_before: list[str] = []
    requires_window: int = Field(4, ge=1, le=20)
    object_prep: list[str] = []
    copula: bool = False
    also_that_clauses: bool = False
    pairwise: bool = False
    negated: bool = False
    exclude_object_kinds: list[str] = []
    examples: list[Example] = []

    @field_validator("cues", "requires", "requires_before", "object_prep")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return _check_words(value)


_LEMMA = re.compile(r"[A-Za-z][\w' \-’]*")


class PredicateRule(Strict):
    """A predicate lexicon entry: lemmas that signal one relation type, written once (the inflected
    forms come from lemminflect), and the frames their object stands in. The grammar shared by every
    entry does the rest: verb groups, passives, nominal subjects, coordination, negation."""

    id: str = Field(pattern=ID_PATTERN)
    type: RelationType
    verbs: list[str] = Field([], description="Verb lemmas; in a multi-word verb the first word inflects ('hit out')")
    nouns: list[str] = Field([], description="Noun lemmas naming the act ('demand', 'phone call')")
    agent_nouns: list[str] = Field([], description="Noun lemmas naming the subject ('backer', 'member')")
    object: list[Frame] = Field(["direct"], min_length=1, description="Where the object stands")
    reciprocal: bool = Field(False, description="'X and Y met': the members of a group relate to each other")
    inverse: bool = Field(False, description="The relation runs from the object to the subject ('X admitted Y')")
    prospective: Literal["keep", "negated"] = Field(
        "keep", description="What a plan or bid before the verb makes of it ('bid to join': negated)"
    )
    modifier: Literal["subject", "object"] = Field(
        "subject", description="What an actor right before a noun is: 'US support' (subject), 'the G7 summit' (object)"
    )
    genitive: Literal["object", "subject"] = Field(
        "object",
        description="What 'of X' right after a noun is: 'criticism of X' (object), 'the arrival of X' (subject)",
    )
    mood: Literal["any", "future"] = Field(
        "any", description="'future': only a will/would/vow-to reading counts ('vowed to crush X', not 'crushed X')"
    )
    undone: Literal["drop", "negated"] = Field(
        "drop", description="What 'lift', 'end', 'ease' before a noun make of it ('lifted sanctions on')"
    )
    negated: bool = False
    requires: list[str] = Field([], description="Words one of which must follow within requires_window words")
    requires_window: int = Field(4, ge=1, le=20)
    gap: int = Field(8, ge=0, le=30, description="Words at most between the predicate and each end")
    fallback_subject: Fallback | None = None
    exclude_object_kinds: list[str] = []
    examples: list[Example] = []

    @field_validator("verbs", "nouns", "agent_nouns")
    @classmethod
    def _lemmas(cls, value: list[str]) -> list[str]:
        for lemma in value:
            if not _LEMMA.fullmatch(lemma) or lemma != lemma.strip():
                raise ValueError(f"lemma {lemma!r} must be words (letters, digits, spaces, hyphens, apostrophes)")
        return value

    @field_validator("requires")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return _check_words(value)

    @model_validator(mode="after")
    def _some_lemma(self) -> PredicateRule:
        if not (self.verbs or self.nouns or self.agent_nouns):
            raise ValueError("a predicate entry needs verbs, nouns or agent_nouns")
        return self


class RuleFile(Strict):
    """One rule file; any of its sections may be absent."""

    states: list[StateRule] = []
    actors: list[ActorRule] = []
    offices: list[OfficeRule] = []
    predicates: list[PredicateRule] = []
    relations: list[RelationRule] = []


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, for editors (``actorgraph rules schema``)."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "actorgraph rule file"
    return schema


# --- loading with line numbers -------------------------------------------------------------


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that remembers the line of every mapping, so errors can name it, and refuses
    aliases: nine anchors of nine aliases each (a 321-byte file) expand to 9^9 strings, which took
    24 s and 2.2 GB before failing. Rule files are written by hand; a value is written out."""

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]  # untyped in types-PyYAML
            raise yaml.composer.ComposerError(
                None,
                None,
                f"aliases (*{event.anchor}) are not allowed in rule files: write the value out",
                event.start_mark,
            )
        return super().compose_node(parent, index)


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
    mapping = yaml.SafeLoader.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _line_of(raw: Any, loc: tuple[int | str, ...]) -> tuple[int | None, str | None]:
    """Walk a pydantic error location through the raw data: the deepest line and the rule id."""
    line, rule_id, node = raw.get("__line__") if isinstance(raw, dict) else None, None, raw
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict):
            line = node.get("__line__", line)
            if isinstance(node.get("id") or node.get("code"), str):
                rule_id = node.get("id") or node.get("code")
    return line, rule_id


def _parse_file(path: Path) -> tuple[RuleFile | None, dict[str, Any], list[str]]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return None, {}, [f"{path}: cannot read: {exc}"]
    try:
        raw = yaml.load(text, Loader=_LineLoader) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        return None, {}, [f"{where}: invalid YAML: {getattr(exc, 'problem', None) or exc}"]
    if not isinstance(raw, dict):
        return None, {}, [f"{path}:1: a rule file must be a mapping with states/actors/offices/predicates/relations"]
    try:
        return RuleFile.model_validate(_strip_lines(raw)), raw, []
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            line, rule_id = _line_of(raw, err["loc"])
            field_path = ".".join(str(p) for p in err["loc"])
            rule = f" rule {rule_id!r}" if rule_id else ""
            problems.append(f"{path}:{line or '?'}:{rule} {field_path}: {err['msg']}")
        return None, raw, problems


def _items_with_lines(raw: dict[str, Any], section: str) -> Iterator[int | None]:
    for item in raw.get(section) or []:
        yield item.get("__line__") if isinstance(item, dict) else None


# --- the compiled rule set -----------------------------------------------------------------


@dataclass(frozen=True)
class ActorInfo:
    """An actor as extraction uses it."""

    actor: Actor
    kind: str | None = None
    member_of: str | None = None
    capital: str | None = None
    demonyms: tuple[str, ...] = ()
    offices: tuple[Office, ...] = ()


@dataclass
class RuleSet:
    """Everything extraction needs, compiled once: actors by id, relation rules, the automaton."""

    actors: dict[str, ActorInfo] = field(default_factory=dict)
    relations: list[RelationRule | PredicateRule] = field(default_factory=list)  # what cues point to
    offices: dict[str, OfficeRule] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)  # rule id -> "file:line"
    files: list[Path] = field(default_factory=list)
    _lexicon: Lexicon | None = None
    _names: dict[str, ActorInfo] | None = None
    _holders: dict[str, list[tuple[str, str, Office]]] | None = None
    _persons: dict[str, str] | None = None

    @property
    def lexicon(self) -> Lexicon:
        """The compiled Aho-Corasick lexicon (built on first use, then reused)."""
        if self._lexicon is None:
            from .lexicon import Lexicon

            self._lexicon = Lexicon.build(self)
        return self._lexicon

    def actor(self, actor_id: str) -> ActorInfo | None:
        return self.actors.get(actor_id)

    def by_name(self, name: str) -> ActorInfo | None:
        """Find an actor by canonical name or alias (case-insensitive; a canonical name wins over an
        alias), for examples, eval and naming discovered organisations."""
        if self._names is None:
            names: dict[str, ActorInfo] = {}
            for info in self.actors.values():
                for alias in info.actor.aliases:
                    names.setdefault(alias.casefold(), info)
            for info in reversed(list(self.actors.values())):
                names[info.actor.name.casefold()] = info
            self._names = names
        return self._names.get(name.casefold())

    def person_named(self, name: str) -> str | None:
        """The id of the listed Person whose canonical name or alias is exactly ``name``."""
        if self._persons is None:
            table: dict[str, str] = {}
            for info in self.actors.values():
                if info.actor.type == "Person":
                    for n in (info.actor.name, *info.actor.aliases):
                        table.setdefault(n, info.actor.id)
            self._persons = table
        return self._persons.get(name)

    def holders(self, office: str) -> list[tuple[str, str, Office]]:
        """(actor id, body id, office) of everyone the rules say held ``office``, in rule order."""
        if self._holders is None:
            table: dict[str, list[tuple[str, str, Office]]] = {}
            for actor_id, info in self.actors.items():
                for off in info.offices:
                    body = state_id(off.of) if re.fullmatch(r"[A-Z]{3}", off.of) else off.of
                    table.setdefault(off.office, []).append((actor_id, body, off))
            self._holders = table
        return self._holders.get(office, [])


def rule_files(paths: Sequence[str | Path] | None = None) -> list[Path]:
    """The YAML files of the given files/folders (the bundled pack by default), in name order."""
    out: list[Path] = []
    for p in [Path(x) for x in (paths or [BUNDLED_DIR])]:
        if p.is_dir():
            out.extend(sorted(list(p.glob("*.yaml")) + list(p.glob("*.yml"))))
        else:
            out.append(p)
    return out


def load_rules(paths: Sequence[str | Path] | None = None) -> RuleSet:
    """Load and validate rule files; raise ``RuleError`` listing every problem, loading nothing."""
    files = rule_files(paths)
    if not files:
        raise RuleError([f"{', '.join(map(str, paths or []))}: no rule files (*.yaml) found"])
    problems: list[str] = []
    parsed: list[tuple[Path, RuleFile, dict[str, Any]]] = []
    for path in files:
        rf, raw, errs = _parse_file(path)
        problems.extend(errs)
        if rf is not None:
            parsed.append((path, rf, raw))
    rules = RuleSet(files=files)
    if not problems:
        problems.extend(_assemble(parsed, rules))
    if problems:
        raise RuleError(problems)
    return rules


def _state_actor(st: StateRule) -> ActorInfo:
    import pycountry

    country = pycountry.countries.get(alpha_3=st.code)
    iso_names = []
    if country is not None:
        iso_names = [getattr(country, a) for a in ("name", "common_name", "official_name") if getattr(country, a, None)]
    name = (
        st.name
        or (getattr(country, "common_name", None) if country else None)
        or (country.name if country else st.code)
    )
    aliases = [a for a in dict.fromkeys([*iso_names, *st.aliases, *(x for x in (st.capital,) if x)]) if a != name]
    people = st.people or (f"{st.demonym}s" if st.demonym and st.demonym.endswith(("an", "i")) else None)
    demonyms = tuple(d for d in (st.demonym, people) if d)
    return ActorInfo(
        Actor(state_id(st.code), name, "State", tuple(aliases)), kind="state", capital=st.capital, demonyms=demonyms
    )


def _assemble(parsed: list[tuple[Path, RuleFile, dict[str, Any]]], rules: RuleSet) -> list[str]:
    """Merge files, check cross-references (duplicate ids, unknown actors and offices, cue clashes)."""
    problems: list[str] = []
    seen: dict[str, str] = {}

    def claim(rule_id: str, where: str) -> bool:
        if rule_id in seen:
            problems.append(f"{where}: rule {rule_id!r}: duplicate id (first defined at {seen[rule_id]})")
            return False
        seen[rule_id] = where
        rules.sources[rule_id] = where
        return True

    pending_refs: list[tuple[str, str, str]] = []  # (where, rule id, referenced id)
    for path, rf, raw in parsed:
        for st, line in zip(rf.states, _items_with_lines(raw, "states")):
            info = _state_actor(st)
            if claim(info.actor.id, f"{path}:{line}"):
                rules.actors[info.actor.id] = info
        for off, line in zip(rf.offices, _items_with_lines(raw, "offices")):
            if claim(f"office:{off.id}", f"{path}:{line}"):
                rules.offices[off.id] = off
        for ar, line in zip(rf.actors, _items_with_lines(raw, "actors")):
            where = f"{path}:{line}"
            if claim(ar.id, where):
                member = (
                    state_id(ar.member_of) if ar.member_of and re.fullmatch(r"[A-Z]{3}", ar.member_of) else ar.member_of
                )
                rules.actors[ar.id] = ActorInfo(
                    Actor(ar.id, ar.name, ar.type, tuple(ar.aliases)),
                    kind=ar.kind,
                    member_of=member,
                    offices=tuple(ar.offices),
                )
                if member:
                    pending_refs.append((where, ar.id, member))
                for held in ar.offices:
                    pending_refs.append((where, ar.id, f"office:{held.office}"))
                    of = state_id(held.of) if re.fullmatch(r"[A-Z]{3}", held.of) else held.of
                    pending_refs.append((where, ar.id, of))
        for section in ("predicates", "relations"):
            for rel, line in zip(getattr(rf, section), _items_with_lines(raw, section)):
                if claim(rel.id, f"{path}:{line}"):
                    rules.relations.append(rel)
    for where, rule_id, ref in pending_refs:
        if ref.startswith("office:"):
            if ref[len("office:") :] not in rules.offices:
                problems.append(f"{where}: rule {rule_id!r}: unknown office {ref[7:]!r} (define it under offices:)")
        elif ref not in rules.actors:
            problems.append(f"{where}: rule {rule_id!r}: reference to unknown actor {ref!r}")
    return problems


def actor_types() -> tuple[str, ...]:
    return ACTOR_TYPES
