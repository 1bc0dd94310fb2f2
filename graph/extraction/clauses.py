"""Sentences and clauses: where a sentence ends, where a clause starts (barriers), and the
word classes read around a cue (negation, hypotheticals, speech verbs, pronouns, connectors).
Plain regular expressions over the text: no model, linear in the text's length."""

from __future__ import annotations

import functools
import re

ABBREV = {
    "u.s",
    "u.k",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "gen",
    "lt",
    "col",
    "no",
    "sen",
    "rep",
    "gov",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "vs",
    "etc",
    "e.u",
    "u.n",
    "inc",
    "co",
}
BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9@])|\n+")
WORD = re.compile(r"[\w’'@-]+")
BARRIER_PUNCT = (
    r";|:\s|\s[—–]\s|,\s+(?:so|but|while|whereas|because|although|though|however(?!\s*,)|which|who|where|when|"
    r"after|before|since|explaining|adding|saying|according)\b"
)
BARRIER_SPEECH = (
    r"\b(?:said|says|say|stated|states|added|adds|noted|notes|stressed|explained|told\s+\w+|emphasi[sz]ed|"
    r"emphasi[sz]es|insisted|claimed|stated|reiterated|pointed out|believes|argued)\s+that\b"
)
BARRIER = re.compile(BARRIER_PUNCT + "|" + BARRIER_SPEECH)
BARRIER_NO_THAT = re.compile(BARRIER_PUNCT)
# The word-class patterns here have no IGNORECASE: they run on the lower-cased text (same offsets),
# which is several times faster than case-insensitive matching.  # the same where no "that" follows: far cheaper to run
NEGATION = re.compile(
    r"\b(?:not|no|never|unlikely|neither|nor|cannot|without|won['’]t|wouldn['’]t|don['’]t|doesn['’]t|didn['’]t|"
    r"isn['’]t|aren['’]t|can['’]t|rule out|ruled out|rules out|refused to|refuses to|declined to|no plans?)\b"
    r"|n['’]t\b",
)
HYPOTHETICAL = re.compile(r"\b(?:if|whether|possibility of|in case|unless|in the event)\b")
SPEECH = re.compile(
    r"\b(?:said|says|say|told|tells|stated|states|stressed|added|adds|noted|explained|explaining|emphasi[sz]ed|"
    r"emphasi[sz]es|pointed out|reiterated|claimed|tweeted|wrote|insisted|announced|warned|described)\b",
)
PRONOUN = re.compile(
    r"\b(?:he|she|it|they|we|i|the alliance|the military alliance|the bloc|the country|her country|"
    r"his country|their country|the ministry|the organi[sz]ation)\b",
)
ROLE_NOUN = re.compile(r"\b(?:the alliance|the military alliance|the bloc|the country|her country|his country)\b")
CONNECTOR = re.compile(r"^\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+|&\s*|as well as\s+)(?:both\s+)?(?:the\s+)?$", re.I)
PASSIVE_AUX = re.compile(
    r"\b(?:is|are|was|were|been|being|be|get|gets|got|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)"
    r"\s+(?:(?:not|never|also|even|\w+ly)\s+){0,2}$",
    re.I,
)
PARTICIPLE = re.compile(r"(?:ed|en|sent|met|told|held|struck|hit|put|built|brought|sought|backed)$", re.I)
BY_AGENT = re.compile(r"\s+(?:\w+ly\s+)?by\s+", re.I)
LIST_COMMA = re.compile(r"^\s*,\s*(?:both\s+)?(?:the\s+)?$", re.I)  # a list link that is only a comma
POSSESSIVE = re.compile(r"(?:'s|’s|')")  # used with .match(text, pos): anchored at pos


MAX_SENTENCE = 1000  # characters; the longest sentence of the seeds and the dev set has 399


def _bounded(text: str, start: int, end: int, limit: int = MAX_SENTENCE) -> list[tuple[int, int]]:
    """A span longer than ``limit`` cut into pieces of at most ``limit`` characters, each ending at
    a semicolon, comma or space in its second half where there is one.

    A page with no full stop (a 10 MB line, a table flattened to text) is otherwise one sentence:
    every cue in it searched the whole of it for its subject and object (minutes of extraction),
    and its one evidence sentence weighed megabytes in the store and the explorer."""
    out = []
    while end - start > limit:
        piece = text[start + limit // 2 : start + limit]
        cut = max(piece.rfind("; "), piece.rfind(", "))
        cut = cut if cut >= 0 else piece.rfind(" ")
        stop = start + limit // 2 + cut + 1 if cut >= 0 else start + limit
        out.append((start, stop))
        start = stop
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans: split after . ! ? before a capital (not after abbreviations), and at line
    breaks; none longer than ``MAX_SENTENCE`` characters."""
    spans, start = [], 0
    for m in BOUNDARY.finditer(text):
        if m.group(0)[0] in ".":
            prev = text[max(0, m.start() - 6) : m.start()].split()[-1:] or [""]
            word = prev[0].lower().lstrip('(“"')
            if word in ABBREV or (len(word) == 1 and word.isalpha()):
                continue
        end = m.start() + len(m.group(0).rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text)))
    trimmed = [(s + (len(text[s:e]) - len(text[s:e].lstrip())), e) for s, e in spans]
    if all(e - s <= MAX_SENTENCE for s, e in trimmed):
        return trimmed
    return [piece for s, e in trimmed for piece in _bounded(text, s, e)]


def words_between(text: str, a: int, b: int) -> int:
    """Whitespace-separated words in text[a:b] (str.split runs in C; a regex per call did not)."""
    return len(text[a:b].split()) if b > a else 0


def window_has(text: str, words: list[str], a: int, b: int) -> bool:
    if not words or b <= a:
        return False
    return words_pattern(tuple(words)).search(text, a, b) is not None


@functools.lru_cache(maxsize=1024)
def words_pattern(words: tuple[str, ...]) -> re.Pattern:
    """One compiled alternation per word list of a rule (rules are data; compile each list once);
    it runs on the lower-cased text."""
    return re.compile(r"\b(?:" + "|".join(re.escape(w.lower()).replace(r"\ ", r"\s+") for w in words) + r")\b")


def n_words_after(text: str, pos: int, n: int, limit: int) -> int:
    end = pos
    for i, m in enumerate(WORD.finditer(text, pos, limit)):
        end = m.end()
        if i + 1 >= n:
            break
    return end


def n_words_before(text: str, pos: int, n: int, limit: int) -> int:
    found = [m.start() for m in WORD.finditer(text, limit, pos)]
    return found[-n] if len(found) >= n else limit


# --- governors: the word an actor hangs on ----------------------------------------------------

#: Where a predicate's object may stand; the rule schema's frame names are these keys.
PREPOSITIONS = (
    "to",
    "with",
    "from",
    "on",
    "upon",
    "against",
    "of",
    "for",
    "at",
    "in",
    "into",
    "near",
    "over",
    "about",
    "along",
    "toward",
    "towards",
    "inside",
    "across",
    "around",
    "onto",
    "behind",
    "among",
    "within",
    "after",
)
FRAMES = {
    "direct": "the object right after the verb group (no preposition before it)",
    "that": "the subject of a that-clause after the predicate",
    "between": '"between X and Y" after the predicate, or "X-Y" right before it',
    "if": 'the subject of an if-clause after the predicate or opening its sentence ("will respond if X ...",'
    ' "if X ..., we will act"); an entry with this frame needs such a clause',
    **{p: f'the actor after "{p}"' for p in PREPOSITIONS},
}
DETERMINERS = frozenset(
    {"the", "a", "an", "both", "all", "its", "their", "his", "her", "our", "my", "your", "this", "these", "those"}
    | {"fellow", "other", "neighbouring", "neighboring", "such", "some", "any", "each", "every", "several"}
)
WORDS_RE = re.compile(r"[\w’'.-]+")
LED = frozenset({"led", "headed", "chaired", "commanded", "represented", "joined", "accompanied"})
GROUP_NOUNS = frozenset(
    {"delegation", "delegations", "representatives", "representative", "officials", "envoys", "envoy", "diplomats"}
    | {"negotiators", "leaders", "ministers", "authorities", "government", "governments", "team", "teams"}
    | {"spokesman", "spokeswoman", "spokesperson", "ambassador", "ambassadors", "counterparts", "counterpart"}
)
#: Words that open a clause or a phrase of their own (never adjectives between a preposition and a name).
CLAUSE_WORDS = frozenset(
    {"that", "to", "which", "who", "whether", "if", "and", "or", "as", "when", "while", "because", "after", "before"}
    | {"since", "said", "says", "saying", "amid", "despite", "over", "for", "with", "from", "in", "at", "of", "by"}
    | {"is", "are", "was", "were", "has", "have", "had", "will", "would", "be", "been", "not"}
)
#: A preposition's own object of time: "In June the EU warned" has no adjective between "in" and "EU".
TIME_WORDS = frozenset(
    {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october"}
    | {"november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"week", "weeks", "month", "months", "year", "years", "weekend", "morning", "evening", "night", "time"}
)
BORDER_WORDS = frozenset({"border", "borders", "frontier", "frontiers", "boundary"})


def adjectives_only(gap: str) -> bool:
    """Between a modifier and its noun only adjectives and nouns stand ("US military support"), no
    article, verb form or function word ("Price describing a call", "Russia vetoed a resolution")."""
    return not any(
        w in DETERMINERS or w in CLAUSE_WORDS or w.endswith(("ing", "ed")) for w in WORDS_RE.findall(gap.lower())
    )


_LAST_PUNCT = re.compile(r"[,;:()“”\"—–](?=[^,;:()“”\"—–]*$)")


def governor(text: str, lo: int, pos: int) -> str:
    """The word that governs an actor at ``pos``: the last word before it (determiners aside) if it
    is a preposition, "that" or "between"; else ``direct``."""
    seg = text[lo:pos]
    cut = _LAST_PUNCT.search(seg)
    words = WORDS_RE.findall((seg[cut.end() :] if cut else seg).lower())  # never across punctuation
    while words and words[-1] in DETERMINERS:
        words.pop()
    if len(words) >= 2 and words[-1] in ("with", "of") and words[-2] in BORDER_WORDS:
        return "near"  # "on its border with Ukraine", "along the frontier of"
    if len(words) >= 2 and (
        (words[-1] == "by" and words[-2] in LED) or (words[-1] in ("from", "of", "for") and words[-2] in GROUP_NOUNS)
    ):
        # "a team headed by X", "delegations from X": X stands where the group noun stands
        rest = words[:-2]
        while rest and rest[-1] not in FRAMES and len(words) - len(rest) < 8:
            rest.pop()
        return rest[-1] if rest and rest[-1] in FRAMES else "direct"
    if words and (words[-1] in FRAMES or words[-1] in ("and", "by")):
        return words[-1]
    for k in (1, 2):  # adjectives between a preposition and its actor: "between the warring Sudanese army"
        if (
            len(words) > k
            and words[-k - 1] in FRAMES
            and words[-k - 1] != "to"
            and not any(w in CLAUSE_WORDS or w in TIME_WORDS or w[:1].isdigit() for w in words[-k:])
        ):
            return words[-k - 1]
    return "direct"
