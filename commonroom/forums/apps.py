from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForumsConfig(AppConfig):
    name = "commonroom.forums"
    verbose_name = _("Forums")

    def ready(self) -> None:
        from commonroom.forums import hub, kinds  # noqa: F401  (they register)
