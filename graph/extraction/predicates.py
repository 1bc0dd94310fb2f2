"""The predicate lexicon's surface forms: every inflected form of each lemma, with its tags.

Entries are written once as lemmas ("criticise", "call on", "phone call"); the forms a text uses
("criticised", "criticizes", "calling on", "phone calls") come from lemminflect, a maintained
English inflection library (its tables are derived from the Automatically Generated Inflection
Database; unknown words get rule-based forms), so nobody hand-lists forms and a user's new lemma
inflects like the bundled ones. British and American spellings (-ise/-ize, -isation/-ization) are
both generated: news uses either.

A verb form carries the Penn tags it can have (``VB`` base, ``VBZ`` third person, ``VBD`` past,
``VBN`` participle, ``VBG`` gerund); a noun form ``NN`` or ``NNS``. The grammar reads them: a
participle after "be" is passive, a bare base form needs a verbal context.
"""

from __future__ import annotations

import functools
import re

VERB_TAGS = ("VB", "VBZ", "VBD", "VBN", "VBG")
NOUN_TAGS = ("NN", "NNS")


def spellings(lemma: str) -> list[str]:
    """The lemma and its other spelling (-ise/-ize, -isation/-ization, -yse/-yze)."""
    out = [lemma]
    for a, b in (("ise", "ize"), ("isation", "ization"), ("yse", "yze"), ("our", "or")):
        for x, y in ((a, b), (b, a)):
            first, _, rest = lemma.partition(" ")
            if first.endswith(x) and len(first) > len(x) + 2 and (x, y) != ("or", "our"):
                out.append(first[: -len(x)] + y + (" " + rest if rest else ""))
    return list(dict.fromkeys(out))


@functools.lru_cache(maxsize=4096)
def _verb_forms(word: str) -> dict[str, set[str]]:
    from lemminflect import getAllInflections, getAllInflectionsOOV, getInflection

    table = getAllInflections(word, upos="VERB") or getAllInflectionsOOV(word, upos="VERB")
    forms: dict[str, set[str]] = {}
    for tag, words in table.items():
        for w in words:
            forms.setdefault(w, set()).add("VB" if tag == "VBP" else tag)
    for w in getInflection(word, tag="VBN") or ():  # regular participles equal the past tense
        forms.setdefault(w, set()).add("VBN")
    forms.setdefault(word, set()).add("VB")
    return forms


@functools.lru_cache(maxsize=4096)
def _noun_forms(word: str) -> dict[str, set[str]]:
    from lemminflect import getAllInflections, getAllInflectionsOOV

    table = getAllInflections(word, upos="NOUN") or getAllInflectionsOOV(word, upos="NOUN")
    forms: dict[str, set[str]] = {word: {"NN"}}
    for tag, words in table.items():
        for w in words:
            forms.setdefault(w, set()).add(tag)
    return forms


def verb_forms(lemma: str) -> dict[str, frozenset[str]]:
    """Every form of a verb lemma; in a multi-word verb the first word inflects ("hit out at")."""
    out: dict[str, set[str]] = {}
    for spelled in spellings(lemma.strip()):
        head, _, rest = spelled.partition(" ")
        for form, tags in _verb_forms(head).items():
            out.setdefault(form + (" " + rest if rest else ""), set()).update(tags)
    return {f: frozenset(t) for f, t in out.items()}


def noun_forms(lemma: str) -> dict[str, frozenset[str]]:
    """Every form of a noun lemma; in a multi-word noun the last word inflects ("phone calls")."""
    out: dict[str, set[str]] = {}
    for spelled in spellings(lemma.strip()):
        *rest, head = spelled.split(" ")
        for form, tags in _noun_forms(head).items():
            out.setdefault(" ".join([*rest, form]), set()).update(tags)
    return {f: frozenset(t) for f, t in out.items()}


def forms(entry) -> dict[str, frozenset[str]]:
    """The surface forms of a predicate entry (verbs, nouns and agent nouns) with their tags; an
    agent noun's tags are ``AG`` (singular) or ``AGS``, so the grammar reads it as naming the doer."""
    out: dict[str, set[str]] = {}
    for lemma in entry.verbs:
        for f, tags in verb_forms(lemma).items():
            out.setdefault(f, set()).update(tags)
    for lemma in entry.nouns:
        for f, tags in noun_forms(lemma).items():
            out.setdefault(f, set()).update(tags)
    for lemma in entry.agent_nouns:
        for f, tags in noun_forms(lemma).items():
            out.setdefault(f, set()).update("AGS" if t == "NNS" else "AG" for t in tags)
    return {f: frozenset(t) for f, t in out.items() if re.fullmatch(r"[\w' \-’]+", f)}
