from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "commonroom.accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from commonroom.accounts import signal_handlers  # noqa: F401
