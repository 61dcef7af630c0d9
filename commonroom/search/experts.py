"""Who knows about this? People ranked by what they have written on a topic.

For a topic (a parsed search query), the people whose posts match it among
those the reader may read (``search.selectors.matching_entries``, which holds
the access kernel's filter in the same SQL), ranked by accepted answers first,
then replies others marked helpful, then their other replies and questions;
the most recent contribution breaks ties. Only listed people
(``accounts.querysets.listed_people_q``) are ranked, and only for signed-in
readers: visitors see no profiles.

One query groups the matching index entries by author, counts each kind of
evidence and brings the name and organisation shown.
"""

from dataclasses import dataclass

from django.db.models import Count, Max, Q
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from commonroom.accounts.querysets import listed_people_q
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


def _ranked_rows(viewer, query, *, limit: int, fields: tuple[str, ...] = ()):
    if not viewer.is_authenticated or query.is_empty():
        return []
    return list(
        matching_entries(viewer, query)
        .filter(listed_people_q(prefix="author__"), evidence__in=EVIDENCE)
        .values("author_id", *fields)
        .annotate(
            accepted=Count("pk", filter=Q(evidence=ACCEPTED)),
            helpful=Count("pk", filter=Q(evidence=HELPFUL)),
            other=Count("pk", filter=Q(evidence__in=OTHER)),
            latest=Max("created_at"),
        )
        .order_by("-accepted", "-helpful", "-other", "-latest", "author_id")[:limit]
    )


def _evidence(row) -> Evidence:
    return Evidence(row["accepted"], row["helpful"], row["other"])


def ranked_authors(viewer, query, *, limit: int = SHOWN) -> list[tuple[int, Evidence]]:
    """(author id, evidence) for the top ``limit`` contributors on ``query``
    that ``viewer`` may see, best first: one query."""
    return [
        (row["author_id"], _evidence(row))
        for row in _ranked_rows(viewer, query, limit=limit)
    ]


def who_knows(viewer, query, *, limit: int = SHOWN) -> list[Expert]:
    """The people to show in "People who know about this", with their name and
    organisation (shown to every signed-in member): one query."""
    rows = _ranked_rows(
        viewer,
        query,
        limit=limit,
        fields=("author__full_name", "author__profile__organisation__name"),
    )
    return [
        Expert(
            person_id=row["author_id"],
            name=row["author__full_name"],
            organisation_name=row["author__profile__organisation__name"] or "",
            evidence=_evidence(row),
            description=_evidence(row).describe(query.text),
        )
        for row in rows
    ]
