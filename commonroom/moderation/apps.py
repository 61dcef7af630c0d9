from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "commonroom.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        # The hub (communities, below moderation) shows facilitators how many
        # reports wait; moderation counts them.
        from commonroom.communities.hub import register_open_report_count
        from commonroom.moderation.selectors import open_report_count

        register_open_report_count(open_report_count)
