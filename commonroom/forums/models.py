"""Forum threads and their replies.

Replies are numbered within their thread (``position`` 1, 2, 3...) when they
are posted, and keep their number for ever: a deleted or hidden reply leaves a
placeholder. So page *n* of a thread is simply the replies numbered
``(n-1)*per_page+1`` to ``n*per_page`` — found through an index however deep
the page — and a reply's permalink knows its page without counting anything.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commonroom.content.models import CommunityContent

REPLIES_PER_PAGE = 20
THREADS_PER_PAGE = 25


class Thread(CommunityContent):
    class Kind(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        QUESTION = "question", _("Question")

    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(
        _("kind"), max_length=20, choices=Kind.choices, default=Kind.DISCUSSION
    )
    accepted_answer = models.ForeignKey(
        "Reply",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_pinned = models.BooleanField(_("pinned"), default=False)
    is_locked = models.BooleanField(_("locked"), default=False)
    # Counters kept by the services; `manage.py rebuild_forum_counts` recomputes
    # them from the rows they count.
    reply_count = models.PositiveIntegerField(default=0)  # replies people can read
    last_position = models.PositiveIntegerField(default=0)  # numbers handed out
    view_count = models.PositiveIntegerField(default=0)  # members who opened it
    last_activity_at = models.DateTimeField(default=timezone.now)
    last_reply_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-is_pinned", "-last_activity_at", "-pk"]
        indexes = [
            # Only live threads are listed; indexing just those lets a deep
            # page of the list be found in the index alone.
            models.Index(
                fields=["community", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_list",
                condition=models.Q(deleted_at__isnull=True, hidden_at__isnull=True),
            ),
            models.Index(
                fields=["community", "kind", "-is_pinned", "-last_activity_at", "-id"],
                name="thread_list_by_kind",
                condition=models.Q(deleted_at__isnull=True, hidden_at__isnull=True),
            ),
            # The hub's latest discussions: most recently active, pinned or not.
            models.Index(
                fields=["community", "-last_activity_at", "-id"],
                name="thread_latest",
                condition=models.Q(deleted_at__isnull=True, hidden_at__isnull=True),
            ),
            # The member home's unanswered questions, across every community
            # the member reads: newest first, only those still open.
            models.Index(
                fields=["-created_at", "-id"],
                name="thread_unanswered",
                condition=models.Q(
                    kind="question",
                    accepted_answer__isnull=True,
                    deleted_at__isnull=True,
                    hidden_at__isnull=True,
                ),
            ),
        ]
        verbose_name = _("thread")
        verbose_name_plural = _("threads")

    def __str__(self) -> str:
        return self.title

    @property
    def is_question(self) -> bool:
        return self.kind == self.Kind.QUESTION

    @property
    def is_answered(self) -> bool:
        return self.accepted_answer_id is not None

    @property
    def page_count(self) -> int:
        return max(1, -(-self.last_position // REPLIES_PER_PAGE))


class Reply(CommunityContent):
    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="replies")
    position = models.PositiveIntegerField()
    quote_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["thread", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["thread", "position"], name="one_reply_per_position"
            )
        ]
        verbose_name = _("reply")
        verbose_name_plural = _("replies")

    def __str__(self) -> str:
        return f"{self.thread.title} #{self.position}"

    @property
    def page_number(self) -> int:
        return (self.position - 1) // REPLIES_PER_PAGE + 1


class ThreadFollow(models.Model):
    """A member following a thread (told of new replies)."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="follow_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} follows {self.thread_id}"


class ThreadVisit(models.Model):
    """A member having opened a thread; the view count counts these."""

    thread = models.ForeignKey(Thread, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    first_seen_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["thread", "user"], name="visit_once")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} visited {self.thread_id}"
