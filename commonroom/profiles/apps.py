from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "commonroom.profiles"
    verbose_name = _("Profiles")

    def ready(self) -> None:
        from commonroom.core.markdown import register_mention_resolver
        from commonroom.organisations.members import MemberSource, register_members
        from commonroom.profiles import signal_handlers  # noqa: F401
        from commonroom.profiles.handles import mentions_for_handles
        from commonroom.profiles.selectors import (
            expertise_sightings,
            organisation_member_count,
            organisation_members,
        )
        from commonroom.tags.services import register_tag_source

        # Core's Markdown renderer knows nothing of profiles: it is handed the
        # resolver that turns "@handle" into a member and a profile link.
        register_mention_resolver(mentions_for_handles)
        # Anyone may see people's expertise, so those tags keep their spelling.
        register_tag_source("expertise", expertise_sightings)
        # A profile names the person's organisation, so organisations (below
        # profiles) list and count their members through profiles.
        register_members(
            MemberSource(
                members_of=organisation_members,
                member_count=organisation_member_count,
            )
        )
