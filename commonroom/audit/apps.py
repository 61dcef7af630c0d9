from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "commonroom.audit"
    verbose_name = _("Audit log")

    def ready(self) -> None:
        from commonroom.audit import details

        # Every app's phrases for the log's notes, before any page shows one.
        details.discover()
