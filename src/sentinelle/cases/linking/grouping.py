"""Customers from authors: connected components of automatic links (union-find)."""

from __future__ import annotations

import re
from collections import Counter
from itertools import combinations
from typing import NamedTuple

from sentinelle.cases.linking import handles, names
from sentinelle.cases.linking.identifiers import identifiers_of
from sentinelle.cases.linking.records import AuthorRecord, Group, Suggestion
from sentinelle.cases.linking.scoring import score_pair

# An identifier on more authors than this is a shop's or the brand's, not a person's.
COMMON_AFTER = 6


class Grouping(NamedTuple):
    """The linked groups (singletons included) and the pairs to show an agent."""

    groups: list[Group]
    suggestions: list[Suggestion]


class UnionFind:
    """Disjoint sets over keys, with path halving and union by size."""

    def __init__(self, keys: list[str]) -> None:
        self.parent = {k: k for k in keys}
        self.size = dict.fromkeys(keys, 1)

    def find(self, key: str) -> str:
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if self.size[ra] < self.size[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.size[ra] += self.size[rb]


def blocking_keys(record: AuthorRecord) -> set[str]:
    """Keys two records must share to be compared at all: identifiers, handles, names, links."""
    keys = {f"id:{k}:{v}" for k, v in identifiers_of(record)}
    for handle in (record.handle, record.email.split("@")[0]):
        if key := handles.handle_key(handle):
            keys |= {f"h:{key}", f"l:{re.sub(r'[^a-z]', '', key)[:5]}"}
    if record.handle:
        keys.add(f"u:{handles.full_handle(record.handle)}")
    for text in record.texts:
        keys |= {f"url:{handles.normalize_url(m)}" for m in handles.URL.findall(text)}
        keys |= {f"u:{m}" for m in re.findall(r"@([\w.-]+(?:@[\w.-]+)?)", text.lower())}
    if record.profile_url:
        keys.add(f"url:{handles.normalize_url(record.profile_url)}")
    name = names.parse_name(record.display_name)
    if name:
        keys |= {f"l:{s[:5]}" for s in name.spellings}
        keys |= {f"f:{f}" for f in names.first_name_forms(name.first)}
        keys.add(f"f:{name.first.split('-')[0]}")
    return keys


def candidate_pairs(records: list[AuthorRecord]) -> set[tuple[int, int]]:
    """Index pairs sharing a blocking key, so that most of the n² pairs are never scored."""
    index: dict[str, list[int]] = {}
    for i, record in enumerate(records):
        for key in blocking_keys(record):
            index.setdefault(key, []).append(i)
    return {pair for members in index.values() for pair in combinations(members, 2)}


def common_identifiers(records: list[AuthorRecord]) -> set[tuple[str, str]]:
    """Identifier keys given by more than COMMON_AFTER authors."""
    counts = Counter(key for r in records for key in identifiers_of(r))
    return {key for key, n in counts.items() if n > COMMON_AFTER}


def group_authors(records: list[AuthorRecord]) -> Grouping:
    """Groups from "link" decisions only; "suggest" pairs are listed, never merged."""
    common = common_identifiers(records)
    sets = UnionFind([r.key for r in records])
    linked: dict[tuple[str, str], list[str]] = {}
    suggestions = []
    for i, j in sorted(candidate_pairs(records)):
        a, b = records[i], records[j]
        decision = score_pair(a, b, common=common)
        if decision.decision == "link":
            sets.union(a.key, b.key)
            linked[(a.key, b.key)] = decision.reasons
        elif decision.decision == "suggest":
            suggestions.append(Suggestion(a.key, b.key, decision.score, decision.reasons))
    members: dict[str, list[str]] = {}
    for record in records:
        members.setdefault(sets.find(record.key), []).append(record.key)
    groups = []
    for keys in members.values():
        inside = set(keys)
        reasons = {pair: why for pair, why in linked.items() if pair[0] in inside}
        groups.append(Group(keys=keys, reasons=reasons))
    # A suggestion inside one group is already settled by the links around it.
    outside = [s for s in suggestions if sets.find(s.a) != sets.find(s.b)]
    return Grouping(groups, sorted(outside, key=lambda s: -s.score))
