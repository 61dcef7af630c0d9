from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BenchmarksConfig(AppConfig):
    """The load benchmark: a command, its settings and the floor page.

    Installed so ``manage.py load_benchmark`` exists; the floor page is routed
    only by ``benchmarks.urls``, which only ``benchmarks.settings`` uses, so it
    is never a route of the site itself.
    """

    name = "commonroom.benchmarks"
    verbose_name = _("Load benchmark")
