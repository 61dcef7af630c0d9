from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "commonroom.content"
    verbose_name = _("Content")

    def ready(self) -> None:
        # Typing a tag keeps its stored spelling if the typist can read
        # content carrying it (see ``tags.services.tags_for``).
        from commonroom.content.selectors import tag_sightings
        from commonroom.tags.services import register_tag_source

        register_tag_source("content", tag_sightings)
