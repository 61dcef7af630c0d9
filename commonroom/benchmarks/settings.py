"""The site's own settings as production runs them, for the load benchmark.

``manage.py load_benchmark`` starts gunicorn with these. They differ from
production only where a benchmark on one machine must: plain HTTP on
127.0.0.1, and a URL configuration that adds the floor page beside the site.
DEBUG is off, so templates are cached and no queries are logged; static files
come from a collected, hashed manifest as in production.
"""

from commonroom.settings import *  # noqa: F403
from commonroom.settings import VAR_DIR

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "commonroom.benchmarks.urls"
WHITENOISE_AUTOREFRESH = False
WHITENOISE_USE_FINDERS = False
STATIC_ROOT = VAR_DIR / "benchmark-static"
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Each request's log line would cost more than some of the pages.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
