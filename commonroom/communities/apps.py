from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "commonroom.communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from commonroom.communities import signal_handlers  # noqa: F401
        from commonroom.communities.selectors.communities import topic_sightings
        from commonroom.tags.services import register_tag_source

        register_tag_source("communities", topic_sightings)
