from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdministrationConfig(AppConfig):
    name = "commonroom.administration"
    verbose_name = _("Platform administration")
