"""Verbs come from registries that each kind adds to; shared code names no kind."""

import pytest

from commonroom.activity.models import Activity
from commonroom.activity.services import record_activity
from commonroom.activity.verbs import ACTIVITY, MODERATION, UnknownVerb
from commonroom.forums.tests.factories import facilitator_of, start_thread
from commonroom.moderation.log import log_action
from commonroom.moderation.models import ModerationAction

pytestmark = pytest.mark.django_db


@pytest.fixture
def sealed():
    """A kind registering its own verbs, undone after the test."""
    ACTIVITY.register("sealed", "sealed the minutes of")
    MODERATION.register("sealed", "Sealed the minutes")
    yield "sealed"
    ACTIVITY.unregister("sealed")
    MODERATION.unregister("sealed")


def test_a_kinds_own_verb_is_recorded_and_labelled(sealed):
    thread = start_thread()

    entry = record_activity(actor=thread.author, verb=sealed, target=thread)

    assert Activity.objects.get(pk=entry.pk).verb_label == "sealed the minutes of"


def test_generic_and_forum_verbs_keep_their_stored_values_and_labels():
    thread = start_thread()
    posted = record_activity(actor=thread.author, verb="posted", target=thread)
    accepted = record_activity(
        actor=thread.author, verb="accepted_answer", target=thread
    )

    assert Activity.objects.get(pk=posted.pk).verb == "posted"
    assert str(posted.verb_label) == "posted"
    assert str(accepted.verb_label) == "accepted an answer to"
    assert str(MODERATION.label("pinned")) == "Pinned"


def test_an_unknown_activity_verb_is_refused():
    thread = start_thread()

    with pytest.raises(UnknownVerb, match=r"Unknown activity verb 'frobbed'.*register"):
        record_activity(actor=thread.author, verb="frobbed", target=thread)

    assert not Activity.objects.filter(verb="frobbed").exists()


def test_an_unknown_moderation_action_is_refused():
    thread = start_thread()
    facilitator = facilitator_of(thread.community)

    with pytest.raises(UnknownVerb, match=r"Unknown moderation action 'frobbed'"):
        log_action(actor=facilitator, action="frobbed", target=thread)

    assert not ModerationAction.objects.exists()


def test_a_verb_unregistered_after_the_test_is_refused_again(sealed):
    ACTIVITY.unregister(sealed)
    thread = start_thread()

    with pytest.raises(UnknownVerb):
        record_activity(actor=thread.author, verb=sealed, target=thread)


def test_registering_a_taken_verb_with_another_label_is_refused():
    with pytest.raises(ValueError, match="already"):
        ACTIVITY.register("posted", "shouted")

    assert str(ACTIVITY.label("posted")) == "posted"
