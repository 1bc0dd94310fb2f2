"""The shape of a proper name in running text: capitalised words, with the particles and initials
that personal names carry ("Mohammed bin Salman", "Luiz Inácio Lula da Silva", "Antony J.
Blinken", "Teodoro Locsin Jr", "Linda Thomas-Greenfield", "İbrahim Kalın"), and the words that
look capitalised but never start or end a name (weekdays, determiners, organisation head nouns).

Everything here reads the text at a given position; nothing scans a whole document.

No given-name list is used. A person is recognised from the words around the name (a title, an
apposition, a speech verb), which also says whose the person is; a name with no such context
rarely matters to who-does-what-to-whom. The lists on PyPI were weighed and left out:
names-dataset (MIT code; 55 MB wheel, 11 s and 0.9 GB to load, noisy: "New", "The", "Israel" are
"first names"; compiled from leaked social-network data), gender-guesser (GPL-3.0, unmaintained
since 2016), nameparser (LGPL; titles and particles, no given names). On the development set a
list of the 10,000 most common given names found one more actor and one photo credit.
"""

from __future__ import annotations

import re


def words(text: str) -> frozenset[str]:
    """A vocabulary written as words separated by white space (readable, one place to edit)."""
    return frozenset(text.split())


#: A capitalised word: an upper-case letter (any script Python knows), then letters, apostrophes
#: and inner hyphens ("Thomas-Greenfield", "al-Ezzi" is a particle + word, "O'Brien").
_UPPER = r"[A-ZÀ-ÖØ-ÞĀ-ſİ]"
_WORD = _UPPER + r"[^\W\d_]*(?:['’-][^\W\d_]+)*"
#: Lower-case particles inside a personal name.
PARTICLES = words(
    """
    bin bint ibn al el da de del della der di dos du van von den ter la le y abu ould
    """
)
_PARTICLE = r"(?:" + "|".join(sorted(PARTICLES, key=len, reverse=True)) + r")"
_INITIAL = _UPPER + r"\."
_SUFFIX = r"(?:Jr\.?|Sr\.?|II|III|IV)"
#: A personal name: 1-5 capitalised words; particles and initials only inside, a suffix at the end.
PERSON = re.compile(
    rf"(?:{_WORD})(?:(?:\s+(?:{_PARTICLE}(?:\s+|-))?(?:{_WORD}|{_INITIAL}))|(?:-{_WORD})){{0,4}}(?:,?\s+{_SUFFIX})?"
    rf"(?![\w'’])"
)
_PERSON_TO_END = re.compile(PERSON.pattern + r"$")
#: Capitalised words joined by the lower-case links of an organisation's name ("Democratic Forces
#: for the Liberation of Rwanda", "Intergovernmental Authority on Development").
_ABBREV = r"(?:[A-Z]\.){2,}"  # "U.S.", "U.N."
CAP_RUN = re.compile(rf"(?:{_ABBREV}|{_WORD})(?:\s+(?:(?:of|for|on|and|the|in|de|&)\s+)*{_WORD})*")

#: Capitalised words that never begin or end a person's name.
NOT_NAME = words(
    """
    the a an and or but of on in to at for from by with as that this these those who which what
    when where while his her its their our my your he she it they we i new former acting late
    then monday tuesday wednesday thursday friday saturday sunday january february march april
    may june july august september october november december today yesterday tomorrow meanwhile
    however also mr mrs ms dr sir lord
    """
)
#: Verbs of headline case ("Lavrov Says Moscow ..."): they end a name, but may begin one ("Said").
NAME_VERBS = frozenset({"says", "said", "told", "tells", "meets", "meet", "met", "warns", "urges", "calls"})
#: Head nouns of organisations' names: a capitalised run ending in (or built around) one of these
#: names an organisation, not a person.
ORG_HEADS = words(
    """
    forces force front party army navy guard guards council agency authority command corps
    movement platform society fund assembly organization organisation union alliance coalition
    brigade brigades committee commission police service services ministry department office
    bank court mission group forum league association federation foundation parliament congress
    senate directorate bureau institute network secretariat cabinet presidency chiefs staff
    administration tribunal unit division regiment battalion battalions militia militias
    gendarmerie initiative centre center programme program organisation board
    """
)
#: Nouns that act for the actor modifying them: "the Chilean government", "Hezbollah officials".
GROUP_HEADS = words(
    """
    government authorities administration regime junta leadership officials negotiators diplomats
    delegation envoys representatives ministers cabinet leaders spokespeople side
    """
)
#: Heads that only make an organisation with a state or a complement: "Oval Office" is a room,
#: "the Office of the Prime Minister" is a body; an "Initiative" or a "Board" alone is no actor.
WEAK_HEADS = frozenset({"office", "initiative", "board", "program", "programme", "centre", "center", "staff"})


def person_at(text: str, pos: int, limit: int | None = None) -> tuple[int, int] | None:
    """The personal name starting at ``pos`` (its span), or None where the words there are not one."""
    m = PERSON.match(text, pos, limit if limit is not None else len(text))
    if m is None:
        return None
    words = _trim(m.group(0))
    if not words:
        return None
    end = pos + len(words)
    return (pos, end)


def _trim(name: str) -> str:
    """Drop words that cannot end a name and stop before ones that cannot be inside one."""
    name = re.sub(r"['’]s?$", "", name)  # "Pelosi's visit": the possessive is no part of the name
    words = name.split()
    keep: list[str] = []
    for w in words:
        lw = w.lower().rstrip(".,")
        if lw in NOT_NAME or lw in ORG_HEADS or (keep and lw in NAME_VERBS):
            break
        keep.append(w)
    while keep and keep[-1].lower() in PARTICLES:
        keep.pop()
    if not keep or keep[0].lower() in PARTICLES:
        return ""
    # the matched text, cut after the last kept word (spacing as in the text)
    out, rest = [], name
    for w in keep:
        i = rest.index(w)
        out.append(rest[: i + len(w)])
        rest = rest[i + len(w) :]
    return "".join(out)


def person_before(text: str, pos: int, lo: int) -> tuple[int, int] | None:
    """The personal name that ends right at ``pos`` (spaces before ``pos`` allowed), starting no
    earlier than ``lo``: "Linda Thomas-Greenfield" in "..., Linda Thomas-Greenfield, the ..."."""
    end = pos
    while end > lo and text[end - 1] == " ":
        end -= 1
    if end <= lo or not text[end - 1].isalpha():
        return None
    window_lo = max(lo, end - 60)
    # the leftmost name-shaped run that reaches ``end`` (one regex search in C, not a loop per capital)
    m = _PERSON_TO_END.search(text, window_lo, end)
    while m is not None:
        start = m.start()
        if start == window_lo or not (text[start - 1].isalnum() or text[start - 1] in "'’-"):
            span = person_at(text, start, end)
            if span is not None and span[1] == end:
                return span
        m = _PERSON_TO_END.search(text, start + 1, end)
    return None


def surname_keys(name: str) -> tuple[str, ...]:
    """The one-word forms a later mention may use for a person: the last word (without a suffix),
    and the first word for names whose family name comes first (a one-syllable first word: "Xi",
    "Kim", "Wang")."""
    words = [w for w in name.split() if not re.fullmatch(_SUFFIX, w)]
    if len(words) < 2:
        return ()
    keys = [words[-1]]
    if len(words[0]) <= 4 and len(words) <= 3:
        keys.append(words[0])
    return tuple(dict.fromkeys(k for k in keys if k.lower() not in PARTICLES))
