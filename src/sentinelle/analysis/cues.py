"""Lexicon and signal cues as extra model features (French and English in one list).

The signal cues are read from the signals analyzer's output, so the default pipeline runs
the signal lexicons once; the other lexicons share one regex pass.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sentinelle.analysis.lexicon import compile_groups, lexicon_of, lower_same_length, terms_body

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

#: Bumped whenever a cue changes: artifacts trained on other cues then retrain.
CUES_VERSION = 2

SIGNAL_CUES = ("double_deviation", "threat", "safety", "needs_answer")
LEXICON_CUES: dict[str, list[str]] = {
    "second_person": terms_body(r"you|your|u|vous|votre|vos|tu|ton|ta|tes|@\w+"),
    "negation": terms_body(
        r"not|no|never|nothing|nobody|\w+n'?t", r"pas|jamais|rien|personne|aucun\w*|plus"
    ),
    "anger": terms_body(
        r"worst|terrible|horrible|awful|useless|pathetic|ridiculous|disgusting|disgrace\w*|"
        r"joke|shame\w*|appalling|unacceptable|rubbish|crap|sucks?|hate|fed up|sick of",
        r"nul(?:le|s)?|honte\w*|scandal\w*|inadmissible|lamentable|catastroph\w+|pire|"
        r"arnaque\w*|voleurs?|incompétent\w*|marre|ras le bol|n'importe quoi|bordel|merde|"
        r"pénible|relou|inacceptable|honteu\w+|dégoûté\w*|abusé|foutage|clowns?",
    ),
    "disappointment": terms_body(
        r"disappoint\w*|frustrat\w*|annoy\w*|upset|unhappy|not happy|let down|poor|bad",
        r"déçu\w*|décevant\w*|dommage|malheureusement|agacé\w*|énervé\w*",
    ),
    "failure": terms_body(
        r"broken|broke|faulty|not working|doesn'?t work|won'?t work|stopped working|"
        r"still|again|wrong|missing|late|delay\w*|cancel\w*|waiting|never (?:arrived|came)",
        r"panne|marche pas|marche plus|fonctionne pas|fonctionne plus|toujours|encore|"
        r"coupé\w*|bloqué\w*|impossible|attente|retard\w*|pas reçu|plus de",
    ),
    "praise": terms_body(
        r"thanks?|thank you|love|great|awesome|amazing|excellent|perfect|brilliant|well done",
        r"merci|génial|super|parfait|bravo|top|j'adore|au top|nickel",
    ),
    "accusation": terms_body(
        r"you (?:charged|took|lied|promised|said|told|sent|cancelled|lost|never|didn'?t|"
        r"don'?t|won'?t|can'?t|refuse\w*)",
        r"vous (?:m'avez|avez|me|ne|n'|prélevez|facturez|refusez)",
        r"refund|compensation|rembours\w+|dédommag\w+|geste commercial|j'exige|réglez",
    ),
}
LEXICON = compile_groups(LEXICON_CUES)
PUNCTUATION_CUES = {"question": "?", "exclamation": "!"}
CUES: tuple[str, ...] = (*SIGNAL_CUES, *LEXICON_CUES, *PUNCTUATION_CUES)


def signal_kinds(texts: Sequence[str]) -> list[set[str]]:
    """Signal kinds per text, computed directly (training, or a pipeline without signals)."""
    from sentinelle.analysis.analyzers.signals import SignalDetector

    detector = SignalDetector()
    return [{s["kind"] for s in detector.detect(text[:2000])} for text in texts]


@dataclass(frozen=True)
class CueExtractor:
    """Presence (0, 0.5, 1 for 0, 1, 2+ matches) of each cue, as sparse columns."""

    names: tuple[str, ...] = CUES

    def transform(
        self, texts: Sequence[str], kinds: Sequence[set[str]] | None = None
    ) -> csr_matrix:
        """One row per text, one column per cue; `kinds` are the texts' signal kinds."""
        import numpy as np
        from scipy.sparse import csr_matrix

        if kinds is None:
            kinds = signal_kinds(texts)
        column = {name: j for j, name in enumerate(self.names)}
        values = np.zeros((len(texts), len(self.names)), dtype=np.float32)
        for i, text in enumerate(texts):
            counts: dict[str, int] = {}
            for match in LEXICON.finditer(lower_same_length(text[:2000])):
                name = lexicon_of(match)
                counts[name] = counts.get(name, 0) + 1
            for name, char in PUNCTUATION_CUES.items():
                counts[name] = text.count(char, 0, 2000)
            for kind in kinds[i]:
                counts[kind] = 1
            for name, count in counts.items():
                j = column.get(name)
                if j is not None and count:
                    values[i, j] = 1.0 if count > 1 else 0.5
        return csr_matrix(values)
