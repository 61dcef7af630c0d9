"""Files attached to posts: checked by content, stored under names we make."""

import uuid

from django.utils import timezone


def storage_name() -> str:
    """A name for a stored file that says nothing about the person's file."""
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}"
