from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "commonroom.core"
    verbose_name = _("Core")

    def ready(self):
        # ``<id:...>`` in every app's addresses (read after every app is ready).
        from commonroom.core import converters  # noqa: F401
