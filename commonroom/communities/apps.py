from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunitiesConfig(AppConfig):
    name = "commonroom.communities"
    verbose_name = _("Communities")

    def ready(self) -> None:
        from commonroom.communities import signals  # noqa: F401
