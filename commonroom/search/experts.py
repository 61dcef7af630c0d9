"""Who knows about this? People ranked by what they have written on a topic.

For a topic (a parsed search query), the people whose posts match it among
those the reader may read (``search.selectors.matching_entries``, which holds
the access kernel's filter in the same SQL), ranked by accepted answers first,
then replies others marked helpful, then their other replies and questions;
the most recent contribution breaks ties. Only listed people
(``accounts.querysets.listed_people_q``) are ranked, and only for signed-in
readers: visitors see no profiles.

One query groups the matching index entries by author and counts each kind
of evidence; one loads the listed people among the best and what is shown of
them (name and organisation).
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonroom.accounts.models import User
from commonroom.accounts.querysets import listed_people_q
from commonroom.search.backends import backend
from commonroom.search.query import parse
from commonroom.search.selectors import matching_entries

ACCEPTED = "accepted_answer"
HELPFUL = "helpful_reply"
OTHER = ("reply", "question", "discussion")
EVIDENCE = (ACCEPTED, HELPFUL, *OTHER)

SHOWN = 5


@dataclass(frozen=True)
class Evidence:
    accepted: int
    helpful: int
    other: int

    def describe(self, topic: str) -> str:
        """ "3 accepted answers and 1 helpful reply on “SEND transport”"."""
        parts = []
        if self.accepted:
            parts.append(
                ngettext(
                    "%(count)d accepted answer",
                    "%(count)d accepted answers",
                    self.accepted,
                )
                % {"count": self.accepted}
            )
        if self.helpful:
            parts.append(
                ngettext(
                    "%(count)d helpful reply", "%(count)d helpful replies", self.helpful
                )
                % {"count": self.helpful}
            )
        if self.other:
            parts.append(
                ngettext("%(count)d other post", "%(count)d other posts", self.other)
                % {"count": self.other}
                if parts
                else ngettext("%(count)d post", "%(count)d posts", self.other)
                % {"count": self.other}
            )
        if len(parts) > 1:
            listed = _("%(first)s and %(last)s") % {
                "first": ", ".join(parts[:-1]),
                "last": parts[-1],
            }
        else:
            listed = parts[0]
        return _("%(evidence)s on “%(topic)s”") % {"evidence": listed, "topic": topic}


@dataclass(frozen=True)
class Expert:
    person_id: int
    name: str
    organisation_name: str
    evidence: Evidence
    description: str


def _ranked_rows(viewer, query, *, limit: int):
    if not viewer.is_authenticated or query.is_empty():
        return []
    # Who may be listed is left to the caller: joined here, it leads the
    # planner to walk every member's entries instead of the few matches.
    rows = (
        matching_entries(viewer, query)
        .filter(evidence__in=EVIDENCE, author__isnull=False)
        .values("author_id")
        .annotate(
            accepted=Count("pk", filter=Q(evidence=ACCEPTED)),
            helpful=Count("pk", filter=Q(evidence=HELPFUL)),
            other=Count("pk", filter=Q(evidence__in=OTHER)),
            latest=Max("created_at"),
        )
        .order_by("-accepted", "-helpful", "-other", "-latest", "author_id")[:limit]
    )
    with backend().own_plans():
        return list(rows)


def _evidence(row) -> Evidence:
    return Evidence(row["accepted"], row["helpful"], row["other"])


def ranked_authors(viewer, query, *, limit: int = SHOWN) -> list[tuple[int, Evidence]]:
    """(author id, evidence) for the top ``limit`` contributors on ``query``
    that ``viewer`` may see, best first: one query. Authors who are no longer
    listed are among them: the caller keeps listed people only (the people
    finder's list starts from them)."""
    return [
        (row["author_id"], _evidence(row))
        for row in _ranked_rows(viewer, query, limit=limit)
    ]


def rank_topic(viewer, topic: str, *, limit: int) -> list[tuple[int, Evidence]]:
    """``ranked_authors`` for typed words: the people finder's ranking
    (``profiles.topics``)."""
    return ranked_authors(viewer, parse(topic), limit=limit)


# Ranked before unlisted authors are left out, so a few more are asked for.
_SPARE = 4


def who_knows(viewer, query, *, limit: int = SHOWN) -> list[Expert]:
    """The people to show in "People who know about this", with their name and
    organisation (shown to every signed-in member): two queries."""
    return _experts(ranked_authors(viewer, query, limit=limit * _SPARE), query, limit)


def who_knows_among(viewer, results, *, limit: int = SHOWN) -> list[Expert]:
    """``who_knows`` for a page of search results, ranked among the matches
    the search itself ranked (the newest ``selectors.RANKED`` the reader may
    read, with the search's filters): one query, for the people."""
    if not viewer.is_authenticated:
        return []
    counts: dict[int, list] = {}
    for author_id, evidence, when in results.contributions:
        if evidence not in EVIDENCE:
            continue
        row = counts.setdefault(author_id, [0, 0, 0, when])
        row[0 if evidence == ACCEPTED else 1 if evidence == HELPFUL else 2] += 1
        row[3] = max(row[3], when)
    # Recency breaks ties: a stable sort on the latest contribution first.
    best = sorted(counts.items(), key=lambda item: (item[1][3], -item[0]), reverse=True)
    best.sort(key=lambda item: (-item[1][0], -item[1][1], -item[1][2]))
    ranked = [
        (author_id, Evidence(*row[:3])) for author_id, row in best[: limit * _SPARE]
    ]
    return _experts(ranked, results.query, limit)


def _experts(ranked, query, limit: int) -> list[Expert]:
    if not ranked:
        return []
    people = (
        User.objects.filter(listed_people_q(), pk__in=[pk for pk, _e in ranked])
        .select_related("profile__organisation")
        .only("full_name", "profile__organisation__name")
        .in_bulk()
    )
    experts = []
    for author_id, evidence in ranked:
        person = people.get(author_id)
        if person is None:
            continue
        profile = getattr(person, "profile", None)
        organisation = profile.organisation if profile is not None else None
        experts.append(
            Expert(
                person_id=author_id,
                name=person.full_name,
                organisation_name=organisation.name if organisation else "",
                evidence=evidence,
                description=evidence.describe(query.text),
            )
        )
    return experts[:limit]
