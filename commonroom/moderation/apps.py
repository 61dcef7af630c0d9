from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ModerationConfig(AppConfig):
    name = "commonroom.moderation"
    verbose_name = _("Moderation")

    def ready(self) -> None:
        # The hub (communities, below moderation) shows facilitators how many
        # reports wait; moderation counts them.
        from commonroom.communities.hub import register_open_report_count
        from commonroom.content.services import register_moderation_log
        from commonroom.moderation.log import log_action
        from commonroom.moderation.selectors import open_report_count

        register_open_report_count(open_report_count)
        # Facilitators' edits and deletions of others' posts (content, below
        # moderation) go in the moderation log.
        register_moderation_log(log_action)
