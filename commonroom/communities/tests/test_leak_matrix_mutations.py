"""The leak matrix catches a broken kernel.

A matrix that passes whatever the kernel does guarantees nothing. Each test
here breaks one rule of ``commonroom.communities.access`` in process (as a
careless change might), runs the matrix's checker on the people and
communities the rule is about, and requires it to report a leak; the same run
without the mutation is clean, so the leak is the mutation's.
"""

import sys

import pytest
from django.db.models import Q

from commonroom.communities import access
from commonroom.communities.models import Community
from commonroom.communities.tests.test_leak_matrix import build_world
from commonroom.core.testing import leak_matrix

pytestmark = pytest.mark.django_db


def _forget_hidden_q(user, model, *, prefix: str = "") -> Q:
    """``content_readable_q`` without its hidden check."""
    from commonroom.content.registry import kind_for

    kind = kind_for(model)
    q = access.readable_q(user, field=f"{prefix}community") & Q(
        **{f"{prefix}deleted_at__isnull": True}
    )
    if kind.container:
        container_model = model._meta.get_field(kind.container).related_model
        q &= _forget_hidden_q(
            user, container_model, prefix=f"{prefix}{kind.container}__"
        )
    return q


def _forget_hidden_check(user, obj, community) -> bool:
    """``_can_read_content`` without its hidden check."""
    from commonroom.content.registry import kind_for

    if not access.can_read_community(user, community):
        return False
    if obj.deleted_at is not None:
        return False
    container = kind_for(obj).container_of(obj)
    if container is None:
        return True
    return _forget_hidden_check(user, container, container.community)


def _private_readable_q(user, *, field: str = "") -> Q:
    """``readable_q`` that forgets private communities are members-only."""
    prefix = f"{field}__" if field else ""
    return Q(**{f"{prefix}status__in": access.READABLE_STATUSES})


def _private_readable(user, community: Community) -> bool:
    return community.status in access.READABLE_STATUSES


def _replace_everywhere(monkeypatch, name: str, replacement) -> None:
    """Replace a kernel function, and every copy imported by name elsewhere."""
    original = getattr(access, name)
    for module in list(sys.modules.values()):
        if getattr(module, "__name__", "").startswith("commonroom.") and (
            getattr(module, name, None) is original
        ):
            monkeypatch.setattr(module, name, replacement)


def _hidden_content_for_everyone(monkeypatch):
    _replace_everywhere(monkeypatch, "content_readable_q", _forget_hidden_q)
    _replace_everywhere(monkeypatch, "_can_read_content", _forget_hidden_check)


def _private_communities_readable(monkeypatch):
    _replace_everywhere(monkeypatch, "readable_q", _private_readable_q)
    _replace_everywhere(monkeypatch, "_community_readable", _private_readable)


MUTATIONS = [
    # (how the kernel is broken, the community and the people it matters to)
    (_hidden_content_for_everyone, "open", ["member_elsewhere", "member"]),
    (_private_communities_readable, "private", ["member_elsewhere", "invited"]),
]


@pytest.fixture
def world(media_root):
    return build_world()


def test_the_matrix_reports_leaks_when_the_kernel_is_broken(world, monkeypatch):
    channels = leak_matrix.all_channels()
    for mutate, key, roles in MUTATIONS:
        [spec] = [spec for spec in leak_matrix.COMMUNITIES if spec.key == key]

        def check(spec=spec, roles=roles):
            return leak_matrix.run_matrix(
                world, channels, communities=[spec], roles=roles, complete=False
            )

        clean = check()
        assert not clean.failures, clean.failures
        with monkeypatch.context() as patch:
            mutate(patch)
            broken = check()
        assert broken.leaks(), f"{mutate.__name__}: the matrix saw no leak"
