"""Client packages: tallying viewers' answers, the top choice per scene, and saving a reply.

A viewer may answer a place more than once (they changed their mind): a person's latest
answer on a place is the one that counts; every reply still shows in the owner's list.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from locations.mail import queue_email
from locations.models import ShareReply, Shortlist, ShortlistItem, Verdict

# Yes counts twice a maybe; a no counts nothing (it does not cancel someone else's yes).
SCORES = {Verdict.YES: 2, Verdict.MAYBE: 1, Verdict.NO: 0}


@dataclass
class Tally:
    """The latest answer of each viewer on one place, counted."""

    counts: Counter = field(default_factory=Counter)

    @property
    def yes(self) -> int:
        return self.counts[Verdict.YES]

    @property
    def maybe(self) -> int:
        return self.counts[Verdict.MAYBE]

    @property
    def no(self) -> int:
        return self.counts[Verdict.NO]

    @property
    def score(self) -> int:
        return sum(SCORES[verdict] * n for verdict, n in self.counts.items())


@dataclass(frozen=True)
class SceneChoice:
    """The viewers' favourite among the places the owner put up for one scene."""

    scene: str  # the items' "top choice for", or "" for places not tied to a scene
    item: ShortlistItem
    tally: Tally


def tally_replies(replies: list[ShareReply]) -> dict[int, Tally]:
    """Per item id, the count of each viewer's latest verdict (`replies` newest first).

    Viewers are told apart by the name they typed (case and spacing ignored)."""
    seen: set[tuple[int, str]] = set()
    tallies: dict[int, Tally] = {}
    for reply in replies:
        key = (reply.item_id, " ".join(reply.name.split()).casefold())
        if key in seen:
            continue
        seen.add(key)
        tallies.setdefault(reply.item_id, Tally()).counts[reply.verdict] += 1
    return tallies


def scene_favourites(items: list[ShortlistItem], tallies: dict[int, Tally]) -> list[SceneChoice]:
    """For each scene (items sharing a "top choice for"), the place viewers liked best.

    The highest score wins; a tie goes to the owner's ranking (`items` in rank order). A
    scene whose places got no yes or maybe has no favourite yet."""
    best: dict[str, SceneChoice] = {}
    for item in items:
        tally = tallies.get(item.pk)
        if tally is None or tally.score == 0:
            continue
        scene = " ".join(item.top_choice_for.split())
        current = best.get(scene.casefold())
        if current is None or tally.score > current.tally.score:
            best[scene.casefold()] = SceneChoice(scene=scene, item=item, tally=tally)
    # Named scenes in the owner's order first, then the places not tied to one.
    return sorted(best.values(), key=lambda choice: choice.scene == "")


def owner_view(shortlist: Shortlist, rows: list[dict]) -> dict:
    """What the owner sees of the answers: the replies newest first, a tally on each row
    (`rows` of the shortlist page) and the viewers' favourite per scene."""
    replies = list(ShareReply.objects.on_shortlist(shortlist))
    tallies = tally_replies(replies)
    for row in rows:
        row["tally"] = tallies.get(row["item"].pk)
    items = [row["item"] for row in rows]
    return {"replies": replies, "favourites": scene_favourites(items, tallies)}


def save_reply(*, form, shortlist: Shortlist) -> ShareReply:
    """Store a viewer's answer and queue a note to the shortlist's owner, in one transaction
    (a reply is never saved without its note, nor a note sent for a reply that failed)."""
    with transaction.atomic():
        reply = form.save()
        owner = shortlist.owner
        if owner.email:
            place = reply.item.place
            queue_email(
                "shortlist_reply",
                {
                    "reply": reply,
                    "place": place,
                    "shortlist": shortlist,
                    "shortlist_url": reverse("shortlists:detail", kwargs={"pk": shortlist.pk}),
                },
                to=owner.email,
                # Owners are the location managers; no account stores a language yet.
                language=settings.LANGUAGE_CODE,
            )
    return reply
