from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContentConfig(AppConfig):
    name = "commonroom.content"
    verbose_name = _("Content")

    def ready(self) -> None:
        from commonroom.communities.access import register_container_field
        from commonroom.content import hub  # noqa: F401  (it registers the hub's topic cloud)
        from commonroom.content.registry import kind_for
        from commonroom.content.selectors import tag_sightings
        from commonroom.tags.services import register_tag_source

        # The access kernel (communities, below content) reads what a kind of
        # content lives inside from the registry, through this lookup.
        register_container_field(lambda model: kind_for(model).container)
        # Typing a tag keeps its stored spelling if the typist can read
        # content carrying it (see ``tags.services.tags_for``).
        register_tag_source("content", tag_sightings)
