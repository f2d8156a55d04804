"""Whether two authors are the same person: evidence, a score, and a decision with reasons."""

from __future__ import annotations

from collections.abc import Collection

from sentinelle.cases.linking import context, handles, names
from sentinelle.cases.linking.identifiers import EMAIL, identifiers_of
from sentinelle.cases.linking.records import AuthorRecord, Evidence, LinkDecision
from sentinelle.cases.linking.wordlists import words

LINK_AT = 0.9
SUGGEST_AT = 0.5
# Kinds that can only support a suggestion, never make one alone.
CONTEXT_KINDS = frozenset({"subject", "time"})
STRONG_WEIGHT = {"email": 0.98, "phone": 0.97, "number": 0.97}
NAME_WEIGHT = {names.FULL: 0.6, names.INITIAL: 0.4, names.FIRST: 0.15, names.LAST: 0.1}
CONFLICT_FACTOR = 0.6  # two different people's names: a strong clue becomes a suggestion


def _identifier_evidence(
    a: AuthorRecord, b: AuthorRecord, common: Collection[tuple[str, str]]
) -> list[Evidence]:
    ids_a, ids_b = identifiers_of(a), identifiers_of(b)
    found = []
    for key in sorted(ids_a.keys() & ids_b.keys()):
        x, y = ids_a[key], ids_b[key]
        label = f"{'order/account number' if key[0] == 'number' else x.kind} {x.value}"
        local = x.value.split("@")[0] if x.kind == "email" else ""
        if key in common:
            found.append(Evidence("identifier", 0.2, f"both give {label}, shared by many authors"))
        elif "other" in (x.owner, y.owner):
            whose = a.key if x.owner == "other" else b.key
            found.append(
                Evidence(
                    "identifier",
                    0.45,
                    f"both give {label}, but {whose} writes of it as "
                    "someone else's (a relative, a customer)",
                )
            )
        elif any(w in local for w in words("family_words")):
            found.append(Evidence("identifier", 0.5, f"same shared family e-mail {x.value}"))
        else:
            found.append(Evidence("identifier", STRONG_WEIGHT[key[0]], f"same {label}", True))
    return found


def _handle_keys(record: AuthorRecord) -> dict[str, str]:
    """Handle keys → where they come from (the handle, or an e-mail's local part)."""
    keys = {}
    for value, where in ((record.email, "e-mail"), (record.handle, record.platform)):
        if EMAIL.fullmatch(value):  # an e-mail address, not "@user@instance"
            where = "e-mail"
        if key := handles.handle_key(value):
            keys.setdefault(key, where)
    return keys


def _account_evidence(a: AuthorRecord, b: AuthorRecord) -> list[Evidence]:
    if (
        a.handle
        and a.platform == b.platform
        and (handles.full_handle(a.handle) == handles.full_handle(b.handle))
    ):
        return [Evidence("account", 0.99, f"same account @{a.handle} on {a.platform}", True)]
    if a.profile_url and handles.normalize_url(a.profile_url) == handles.normalize_url(
        b.profile_url
    ):
        return [Evidence("account", 0.99, f"same profile {a.profile_url}", True)]
    found = []
    for x, y in ((a, b), (b, a)):
        claim = handles.claims_account(x.texts, y.profile_url, y.handle, y.platform)
        if claim:
            found.append(Evidence("claim", 0.95, f"{x.key} {claim}", True))
    keys_a, keys_b = _handle_keys(a), _handle_keys(b)
    for key in sorted(keys_a.keys() & keys_b.keys()):
        if keys_a[key] == keys_b[key] == "e-mail":
            continue  # the same address is weighed as an identifier, not as a handle
        where = f"{keys_a[key]} and {keys_b[key]}"
        if handles.is_distinctive(key):
            found.append(
                Evidence("handle", 0.93, f"same distinctive handle {key} on {where}", True)
            )
        else:
            found.append(Evidence("handle", 0.3, f"same common handle {key} on {where}"))
        break
    return found


def _name_evidence(a: AuthorRecord, b: AuthorRecord) -> list[Evidence]:
    name_a, name_b = names.parse_name(a.display_name), names.parse_name(b.display_name)
    if name_a and name_b:
        level = names.compare_names(name_a, name_b)
        shown = f"“{a.display_name}” and “{b.display_name}”"
        if level == names.CONFLICT:
            return [Evidence("conflict", CONFLICT_FACTOR, f"different people's names: {shown}")]
        if level == names.FULL and names.is_common(name_a):
            return [Evidence("name", 0.45, f"same but frequent name: {shown}")]
        if level:
            return [Evidence("name", NAME_WEIGHT[level], f"{level} name match: {shown}")]
    for x, y, name in ((a, b, name_b), (b, a, name_a)):
        if name and x.handle and handles.spells_name(x.handle, name):
            weight = 0.3 if names.is_common(name) else 0.45
            return [Evidence("name", weight, f"handle @{x.handle} spells “{y.display_name}”")]
    return []


def _context_evidence(a: AuthorRecord, b: AuthorRecord) -> list[Evidence]:
    found = []
    shared = context.shared_subject(a, b)
    if len(shared) >= 2:
        weight = 0.3 if len(shared) >= 4 else 0.2
        found.append(Evidence("subject", weight, f"write about the same: {', '.join(shared[:6])}"))
    gap = context.gap(a, b)
    if gap is not None and gap <= context.CLOSE:
        found.append(Evidence("time", 0.2, "active within 3 days of each other"))
    elif gap is not None and gap <= context.NEAR:
        found.append(Evidence("time", 0.1, "active within two weeks of each other"))
    return found


def collect_evidence(
    a: AuthorRecord, b: AuthorRecord, *, common: Collection[tuple[str, str]] = ()
) -> list[Evidence]:
    """Every clue for or against the two records being the same person."""
    return [
        *_account_evidence(a, b),
        *_identifier_evidence(a, b, common),
        *_name_evidence(a, b),
        *_context_evidence(a, b),
    ]


def score_pair(
    a: AuthorRecord, b: AuthorRecord, *, common: Collection[tuple[str, str]] = ()
) -> LinkDecision:
    """Link on strong evidence, suggest on weaker evidence, never link on a name alone.

    `common` holds identifier match keys seen on too many authors (a shop's number).
    """
    evidence = sorted(collect_evidence(a, b, common=common), key=lambda e: -e.weight)
    miss, factor = 1.0, 1.0
    for e in evidence:
        if e.kind == "conflict":
            factor *= e.weight
        else:
            miss *= 1.0 - e.weight
    score = round((1.0 - miss) * factor, 3)
    reasons = [e.reason for e in evidence] or ["nothing in common"]
    if any(e.strong for e in evidence) and score >= LINK_AT:
        return LinkDecision("link", score, reasons)
    clue = any(e.kind not in CONTEXT_KINDS and e.kind != "conflict" for e in evidence)
    if clue and score >= SUGGEST_AT:
        return LinkDecision("suggest", score, reasons)
    return LinkDecision("none", score, reasons)
