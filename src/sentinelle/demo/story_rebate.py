"""The mail-in rebate never paid: each customer e-mails (again), gets nowhere, goes public.

Every item of a customer carries the same order number, the private ones the same e-mail
address, and the public accounts use a name close to the one on the e-mails, so that they can
be linked to one customer later.
"""

from __future__ import annotations

from sentinelle.demo import people
from sentinelle.demo import texts_rebate as R
from sentinelle.demo.base import emit, grow_thread, news, pick_variant
from sentinelle.demo.engine import DAY, HOUR, WEEK, Node, World
from sentinelle.demo.sources import forum_thread_url
from sentinelle.demo.story_brand import brand_reply, follow_up

STORY = "rebate"
PUBLIC_WEIGHTS = [0, 0.5, 1.5, 2, 2, 1.5, 1]
FORUM_TITLE = {
    "fr": "Offre de remboursement Vélonova jamais payée : vous aussi ?",
    "qc": "Remise postale Vélonova jamais reçue, quelqu'un d'autre?",
    "en": "Velonova mail-in rebate never paid - anyone else?",
}
REDDIT_TITLE = "Velonova mail-in rebate: {weeks} weeks, {n} e-mails, nothing. Anyone else?"


def build(w: World) -> None:
    rng = w.rng
    for cid, name, variant, email, order, model, private, public in R.CUSTOMERS:
        first = name.split(" ")[0]
        lang = "en" if variant == "en" else "fr"
        mail_days = rng.randint(30, 42)
        bought_days = mail_days + rng.randint(18, 40)
        facts = {
            "name": name,
            "first": first,
            "order": order,
            "model": model,
            "amount": {"fr": "50 €", "qc": "75 $", "en": "$75"}[variant],
            "bought": w.date_ago(bought_days, lang),
            "claimed": w.date_ago(bought_days - 6, lang),
            "first_mail": w.date_ago(mail_days, lang),
            "weeks": str(mail_days // 7),
        }
        rank = rng.choice([2, 3])
        t = w.at(rng.randint(0, 1), variant, (8, 22))
        previous: Node | None = None
        last_private = t
        for index, channel in enumerate(private):
            facts["n"] = str(rank + index)
            node = private_item(w, cid, variant, channel, email, facts, t, index, previous)
            previous = node if channel == "email" else previous
            last_private = node.t
            t = w.after(node.t, rng.uniform(14, 36) * 60) or node.t + 3600
            if t >= WEEK - DAY:
                break
        facts["n"] = str(rank + len(private) - 1)
        for channel, source, base, display in public:
            t = w.story_t(PUBLIC_WEIGHTS, variant, max(last_private, 1 * DAY + 8 * HOUR))
            public_item(w, cid, variant, channel, source, base, display, facts, t)
    for _ in range(10):
        variant = pick_variant(w, {"fr": 0.5, "qc": 0.2, "en": 0.3})
        channel = rng.choice(["mastodon", "bluesky", "facebook", "facebook"])
        t = w.story_t(PUBLIC_WEIGHTS, variant, DAY)
        emit(
            w,
            channel,
            variant,
            w.pick(R.SYMPATHY, variant),
            t,
            STORY,
            tone="sad",
            complaint=True,
            severity=2,
            note="rebate: another customer waiting",
        )
    news(w, R.NEWS, STORY, complaint=True, severity=3)


def private_item(
    w: World,
    cid: str,
    variant: str,
    channel: str,
    email: str,
    facts: dict,
    t: int,
    index: int,
    previous: Node | None,
) -> Node:
    mailbox = "mail_qc" if variant in ("qc", "en") else "mail_fr"
    source = mailbox if channel == "email" else "form"
    author = w.register(
        channel, source, email, name=facts["name"], followers=None, profile_url=None, email=email
    )
    author.variant = variant
    parts = [R.GREET, R.STORY, R.DESKS, R.TIMELINE, R.ASK]
    if index >= 1:
        parts.append(R.ESCALATE)
    paragraphs = [w.fill(w.pick(bank, variant), variant, **facts) for bank in parts]
    sign = w.fill(w.pick(R.SIGN, variant), variant, **facts)
    if channel == "email":
        text = "\n\n".join([paragraphs[0], " ".join(paragraphs[1:3]), " ".join(paragraphs[3:])])
        text = f"{text}\n\n{sign}"
        title = w.fill(w.pick(R.SUBJECT, variant), variant, **facts)
        if previous is not None:
            title = f"RE: {previous.title}" if variant == "en" else f"TR: {previous.title}"
    else:
        label = "Order" if variant == "en" else "Commande"
        text = f"{label} : {facts['order']}\n\n" + " ".join(paragraphs[1:]) + f"\n\n{facts['name']}"
        title = ("Mail-in rebate - " if variant == "en" else "Offre de remboursement – ") + facts[
            "order"
        ]
    html = channel == "email" and w.rng.random() < 0.35
    if html:
        text = (
            "<div>"
            + text.replace("\n\n", "</div><div><br></div><div>").replace("\n", "<br>")
            + "</div>"
        )
    return emit(
        w,
        channel,
        variant,
        text,
        t,
        STORY,
        source=source,
        author=author,
        noisy=False,
        parent=previous if channel == "email" else None,
        title=title,
        html=html,
        complaint=True,
        severity=4 if index >= 1 else 2,
        customer=cid,
        note=f"rebate: reminder {facts['n']} to customer care",
    )


def public_item(
    w: World,
    cid: str,
    variant: str,
    channel: str,
    source: str,
    base: str,
    display: str,
    facts: dict,
    t: int,
) -> Node:
    rng = w.rng
    fields = people.account(
        rng, channel, source, variant, base, display, audience=people.followers(rng)
    )
    author = w.register(channel, source, **fields)
    author.variant = variant
    text = w.fill(w.pick(R.PUBLIC, variant), variant, **facts)
    kwargs: dict = {}
    if channel == "forum":
        thread_id = rng.randint(40_000, 99_999)
        title = FORUM_TITLE[variant]
        kwargs = {
            "title": title,
            "meta": {"thread_url": forum_thread_url(source, thread_id, title)},
        }
    elif channel == "reddit":
        kwargs = {"title": REDDIT_TITLE.format(**facts)}
    node = emit(
        w,
        channel,
        variant,
        text,
        t,
        STORY,
        source=source,
        author=author,
        tone="angry",
        complaint=True,
        severity=3,
        customer=cid,
        note="rebate: goes public after e-mails went unanswered (double deviation)",
        **kwargs,
    )
    if channel in ("forum", "reddit", "facebook") and rng.random() < 0.8:

        def sympathize(t: int, parent: Node, index: int) -> Node:
            return emit(
                w,
                channel,
                variant,
                w.pick(R.SYMPATHY, variant),
                t,
                STORY,
                parent=parent,
                tone="sad",
                complaint=True,
                severity=2,
                note="rebate: me too",
            )

        grow_thread(w, node, rng.randint(2, 6), PUBLIC_WEIGHTS, sympathize, nest=0.2)
    if channel == "forum":
        return node
    hollow = brand_reply(w, node, "hollow", mean_minutes=180) if rng.random() < 0.6 else None
    if hollow is not None:
        t2 = w.after(hollow.t, 60)
        if t2 is not None:
            emit(
                w,
                channel,
                variant,
                w.fill(w.pick(R.AFTER_HOLLOW, variant), variant, **facts),
                t2,
                STORY,
                author=author,
                parent=hollow,
                tone="angry",
                complaint=True,
                severity=3,
                customer=cid,
                note="rebate: answers the form letter",
            )
    if rng.random() < 0.55:
        good = brand_reply(w, node, "good", mean_minutes=900)
        if good is not None and rng.random() < 0.6:
            follow_up(w, good, node)
    return node
