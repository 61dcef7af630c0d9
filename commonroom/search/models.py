"""The search index: one row per thing a person can find.

Rows are made from the content registry (every registered kind), from people
and from communities, by ``search/indexing.py``, which the services call in
their own transactions. The full-text part is the database's own: an FTS5
table over these rows on SQLite, a weighted ``tsvector`` column with a GIN
index on PostgreSQL; both are made by the migrations, for their database only
(docs/decisions/0010-search-index.md). Who may read a row is never stored
here: the search joins the access kernel's rule in the same query.
"""

from django.conf import settings
from django.db import models


class SearchEntry(models.Model):
    class Audience(models.TextChoices):
        # Community content and communities: the access kernel decides.
        READERS = "readers"
        # A person's name and organisation: every signed-in member.
        MEMBERS = "members"
        # A person's job title, expertise, service areas and biography: those
        # their privacy setting allows (profiles.permissions.details_visible_q).
        DETAILS = "details"

    kind = models.CharField(max_length=30)
    object_id = models.PositiveBigIntegerField()
    audience = models.CharField(
        max_length=10, choices=Audience.choices, default=Audience.READERS
    )
    community = models.ForeignKey(
        "communities.Community",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    # The person a person entry is about (their row goes when they do).
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    title = models.TextField(blank=True)
    body = models.TextField(blank=True)
    tags = models.TextField(blank=True)  # tag names, space separated
    evidence = models.CharField(max_length=30, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        db_table = "search_entry"
        constraints = [
            # object_id first: an index led by kind would tempt SQLite to
            # scan a whole kind rather than look up the matches by id.
            models.UniqueConstraint(
                fields=["object_id", "kind", "audience"], name="one_search_entry"
            )
        ]
        indexes = [
            models.Index(fields=["community", "-id"], name="search_entry_community"),
            models.Index(fields=["author", "evidence"], name="search_entry_author"),
            models.Index(fields=["person"], name="search_entry_person"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} ({self.audience})"
