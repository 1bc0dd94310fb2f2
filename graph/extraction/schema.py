"""The rule file schema: pydantic models of what a rule file may hold (states, actors, offices,
predicate lexicon entries, construction rules, examples), checked field by field with the names a
file may use derived from the tables of functions that implement them (slot kinds, frames), so the
two cannot drift. ``actorgraph rules schema`` prints it as JSON Schema for editors."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..model import RELATION_TYPES, RelationType
from .clauses import FRAMES
from .slots import FALLBACKS, OBJECT_SLOTS, SUBJECT_SLOTS

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


class RegionRule(Strict):
    """A group of states the news names by a regional adjective ("Arab states", "Gulf countries",
    "Baltic leaders"): such a phrase stands for the members the same article names."""

    id: str = Field(pattern=ID_PATTERN)
    names: list[str] = Field(min_length=1, description="Adjectives before the group noun ('Arab', 'West African')")
    members: list[str] = Field(min_length=1, description="State codes or actor ids")

    @field_validator("names")
    @classmethod
    def _words(cls, value: list[str]) -> list[str]:
        return _check_words(value)


class RuleFile(Strict):
    """One rule file; any of its sections may be absent."""

    states: list[StateRule] = []
    actors: list[ActorRule] = []
    offices: list[OfficeRule] = []
    regions: list[RegionRule] = []
    predicates: list[PredicateRule] = []
    relations: list[RelationRule] = []


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a rule file, for editors (``actorgraph rules schema``)."""
    schema = RuleFile.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "actorgraph rule file"
    return schema
