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
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from ..errors import RuleError
from ..model import Actor
from ..resources import rule_pack
from .context import state_id
from .schema import Office, OfficeRule, PredicateRule, RelationRule, RuleFile, StateRule, json_schema

if TYPE_CHECKING:
    from .lexicon import Lexicon

__all__ = ["BUNDLED_DIR", "ActorInfo", "RelationRule", "RuleSet", "json_schema", "load_rules", "rule_files"]

BUNDLED_DIR = rule_pack()
#: The group nouns a regional adjective makes stand for its member states ("Arab states").
REGION_HEADS = (
    r"states|countries|nations|governments|leaders|(?:foreign\s+)?ministers|officials|allies|neighbou?rs|"
    r"monarchies|partners|powers|capitals|neighbou?ring\s+(?:states|countries)"
)

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
    regions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # lower-cased region name -> member ids
    sources: dict[str, str] = field(default_factory=dict)  # rule id -> "file:line"
    files: list[Path] = field(default_factory=list)
    _lexicon: Lexicon | None = None
    _names: dict[str, ActorInfo] | None = None
    _holders: dict[str, list[tuple[str, str, Office]]] | None = None
    _persons: dict[str, str] | None = None
    _region_group: re.Pattern[str] | None = None

    @property
    def region_group(self) -> re.Pattern[str] | None:
        """A regional group phrase ("Arab states", "Gulf leaders") on the lower-cased text; group 1
        is the region's name."""
        if self._region_group is None and self.regions:
            names = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in sorted(self.regions, key=len, reverse=True))
            self._region_group = re.compile(r"\b(" + names + r")\s+(?:" + REGION_HEADS + r")\b")
        return self._region_group

    @property
    def lexicon(self) -> Lexicon:
        """The compiled Aho-Corasick lexicon (built on first use, then reused)."""
        if self._lexicon is None:
            from .lexicon import Lexicon

            self._lexicon = Lexicon.build(self)
        return self._lexicon

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
        for region, line in zip(rf.regions, _items_with_lines(raw, "regions")):
            if claim(f"region:{region.id}", f"{path}:{line}"):
                ids = tuple(state_id(x) if re.fullmatch(r"[A-Z]{3}", x) else x for x in region.members)
                for name in region.names:
                    rules.regions[name.lower()] = ids
                pending_refs.extend((f"{path}:{line}", region.id, x) for x in ids)
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
