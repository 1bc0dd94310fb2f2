"""The compiled lexicon: one Aho-Corasick automaton over every actor name, alias, capital, demonym,
title form and relation cue of a rule set.

spaCy's tokenizer alone runs at ~100k words/s here; pyahocorasick finds hundreds of phrases at
millions of words/s. So extraction runs the automaton once over the lower-cased text, keeps the
hits that sit on word boundaries (and, for names, have the right case), and does all further work
only around those hits; the words between them are never looked at one by one.
"""

from __future__ import annotations

from dataclasses import dataclass

import ahocorasick

from .names import GROUP_HEADS, ORG_HEADS
from .predicates import forms as predicate_forms

#: Words that make a demonym name an acting state ("Russian officials", "British troops").
ACTING_HEADS = frozenset(
    [
        "government",
        "authorities",
        "officials",
        "leadership",
        "side",
        "forces",
        "troops",
        "soldiers",
        "military",
        "army",
        "navy",
        "diplomats",
        "people",
        "president",
        "leader",
        "embassy",
        "delegation",
        "state",
    ]
)
#: Words after an actor that make it a modifier of a thing rather than an actor ("NATO troops").
MODIFIER_HEADS = frozenset(
    [
        "troops",
        "troop",
        "soldiers",
        "forces",
        "combat",
        "member",
        "members",
        "membership",
        "intervention",
        "expansion",
        "countries",
        "country",
        "states",
        "allies",
        "territory",
        "border",
        "borders",
        "buildup",
        "build-up",
        "military",
        "officials",
        "official",
        "summit",
        "chief",
        "chiefs",
        "headquarters",
        "spokesman",
        "spokeswoman",
        "lines",
        "line",
        "capital",
        "missile",
        "missiles",
        "operation",
        "exercises",
        "eastward",
    ]
)
UNIT_WORDS = ("army", "division", "brigade", "corps", "fleet", "regiment", "battalion")
#: Words whose places extraction needs besides names: ministries and units (discovery), the head
#: nouns of organisations' names (bodies) and group nouns that act for their modifier (groups).
ORG_ANCHORS = tuple(dict.fromkeys(("ministry", *UNIT_WORDS, *sorted(ORG_HEADS), *sorted(GROUP_HEADS))))


REGION_ANCHOR = "region:"


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str  # actor | demonym | title | cue | anchor
    value: str  # actor id, office id, rule index (as str, with ":tags" for a predicate form), anchor word
    exact: str | None = None  # the original surface form, for case checks


@dataclass
class Lexicon:
    automaton: ahocorasick.Automaton
    noun_forms: frozenset[str] = frozenset()  # the predicate nouns' forms ("warning", "demands")

    @classmethod
    def build(cls, rules) -> Lexicon:
        auto = ahocorasick.Automaton()
        table: dict[str, list[Entry]] = {}
        nouns: set[str] = set()

        def add(surface: str, entry: Entry):
            for form in _variants(surface):
                table.setdefault(form.lower(), []).append(
                    Entry(entry.kind, entry.value, form if entry.kind == "actor" else None)
                )

        for actor_id, info in rules.actors.items():
            for surface in (info.actor.name, *info.actor.aliases):
                add(surface, Entry("actor", actor_id))
            for dem in info.demonyms:
                add(dem, Entry("demonym", actor_id))
        for office in rules.offices.values():
            for form in office.forms:
                add(form, Entry("title", office.id))
        for i, rel in enumerate(rules.relations):
            if hasattr(rel, "cues"):
                for cue in rel.cues:
                    add(cue, Entry("cue", str(i)))
            else:  # a predicate entry: every inflected form, with the tags the grammar reads
                for form, tags in predicate_forms(rel).items():
                    add(form, Entry("cue", f"{i}:{','.join(sorted(tags))}"))
                    if tags & {"NN", "NNS"}:
                        nouns.add(form.lower())
        for word in ORG_ANCHORS:
            add(word, Entry("anchor", word))
        for name in rules.regions:  # "Arab states": only sentences with a region's name are read for one
            add(name, Entry("anchor", REGION_ANCHOR))
        for key, entries in table.items():
            auto.add_word(key, (len(key), *_classify(tuple(dict.fromkeys(entries)))))
        auto.make_automaton()
        return cls(auto, frozenset(nouns))


def _classify(entries: tuple[Entry, ...]) -> tuple[tuple, tuple, tuple]:
    """Split a phrase's entries once, at build time, into what extraction asks of every hit:
    name readings in rule order (actor, demonym, title), cue rule indices, anchor words."""
    names = tuple(
        (e.kind, e.value, _case_rule(e.exact) if e.kind == "actor" else None)
        for e in entries
        if e.kind in ("actor", "demonym", "title")
    )
    cues = tuple(_cue(e.value) for e in entries if e.kind == "cue")
    anchors = tuple(e.value for e in entries if e.kind == "anchor")
    return names, cues, anchors


def _cue(value: str) -> tuple[int, frozenset]:
    """(rule index, tags): tags of a predicate form ("VBD", "VBN", "NN", ...), none for a literal cue."""
    index, _, tags = value.partition(":")
    return int(index), frozenset(tags.split(",")) if tags else frozenset()


def _variants(surface: str) -> list[str]:
    """Spelling variants a news text uses for the same words: hyphen/space, straight/curly apostrophe."""
    forms = {surface}
    if "-" in surface:
        forms.add(surface.replace("-", " "))
    if " " in surface and len(surface.split()) == 2 and surface.islower():
        forms.add(surface.replace(" ", "-"))
    for f in list(forms):
        if "'" in f:
            forms.add(f.replace("'", "’"))
    return sorted(forms)


def _case_rule(exact: str | None) -> str | None:
    """How a name's case must look in the text, decided once per form: names must look like names.
    Short all-caps names exactly ("US", not "us"; "WHO", not "who") - the form itself is returned;
    capitalised names with a capital ("Georgia", not "georgia") - "cap"; else None: any case."""
    if exact is None:
        return None
    if exact.isupper() and len(exact) <= 5:
        return exact
    return "cap" if next((c for c in exact if c.isalpha()), "").isupper() else None


def case_fits(case: str | None, found: str) -> bool:
    """Whether ``found`` in the text has the case ``_case_rule`` asks of the name."""
    if case is None:
        return True
    if case == "cap":
        return next((c for c in found if c.isalpha()), "").isupper()
    return found == case or found.replace("’", "'") == case


def scan(lexicon: Lexicon, text: str, lowered: str):
    """Every lexicon hit on word boundaries: (start, end, names, cues, anchors), see ``_classify``."""
    n = len(text)
    out = []
    for end_idx, (length, names, cues, anchors) in lexicon.automaton.iter(lowered):
        start = end_idx - length + 1
        end = end_idx + 1
        if start > 0 and (lowered[start - 1].isalnum() or lowered[start - 1] == "_"):
            continue
        if end < n and (lowered[end].isalnum() or lowered[end] == "_"):
            continue
        out.append((start, end, names, cues, anchors))
    out.sort(key=lambda h: (h[0], -h[1]))
    return out


def lower_same_length(text: str) -> str:
    """``text.lower()`` that keeps every offset (a few characters change length when lowered)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
