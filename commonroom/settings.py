"""Commonroom settings: one module, read from the environment.

Every variable is listed, with its default, in ``.env.example``. Production differs
from development only through environment variables; with ``COMMONROOM_PRODUCTION``
on, start-up refuses settings that are only safe on a developer's machine.
"""

from email.utils import parseaddr
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PACKAGE_DIR = BASE_DIR / "commonroom"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# A folder for everything the running site writes: the SQLite database, the job
# queue, uploaded files and emails. Git ignores it.
VAR_DIR = Path(env.str("COMMONROOM_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEVELOPMENT_SECRET_KEY = "django-insecure-commonroom-development-only"  # noqa: S105

PRODUCTION = env.bool("COMMONROOM_PRODUCTION", default=False)
DEBUG = env.bool("DEBUG", default=not PRODUCTION)
SECRET_KEY = env.str("SECRET_KEY", default=DEVELOPMENT_SECRET_KEY)
ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=[] if PRODUCTION else ["127.0.0.1", "localhost"]
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# The one address the site is served on: every link in every email starts here.
DEVELOPMENT_SITE_URL = "http://127.0.0.1:8000"
SITE_URL = env.str("SITE_URL", default=DEVELOPMENT_SITE_URL).rstrip("/")


def production_problems() -> list[str]:
    """What makes these settings unsafe to run in production, in plain words."""
    problems = []
    if DEBUG:
        problems.append("DEBUG is on: set DEBUG=false.")
    if SECRET_KEY == DEVELOPMENT_SECRET_KEY or len(SECRET_KEY) < 50:
        problems.append(
            "SECRET_KEY is the development default or shorter than 50 characters: "
            "set SECRET_KEY to a long random value."
        )
    if not ALLOWED_HOSTS:
        problems.append(
            "ALLOWED_HOSTS is empty: list the host names the site answers to, "
            "separated by commas."
        )
    site = urlsplit(SITE_URL)
    if SITE_URL == DEVELOPMENT_SITE_URL or _is_local_host(site.hostname or ""):
        problems.append(
            f"SITE_URL is {SITE_URL}, a development address: every link in every "
            "email is built from it, so set SITE_URL to the address people reach "
            "the site on, like https://commonroom.example.org."
        )
    elif site.scheme != "https":
        problems.append(
            f"SITE_URL is {SITE_URL}, not an https:// address: set SITE_URL to "
            "the site's https:// address, like https://commonroom.example.org."
        )
    if EMAIL_BACKEND in LOCAL_EMAIL_BACKENDS:
        problems.append(
            "Emails would be written to local files (EMAIL_URL is not set, or "
            "names a file or console backend), so nobody would receive them: "
            "set EMAIL_URL to your mail server, like "
            "smtp+tls://user:password@smtp.example.org:587."
        )
    if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
        problems.append(
            "The database is SQLite (DATABASE_URL is not set): set DATABASE_URL "
            "to PostgreSQL, like postgres://commonroom@db.example.org/commonroom."
        )
    if HUEY.get("huey_class") != "huey.RedisHuey":
        problems.append(
            "The job queue is stored on local disk (huey's SQLite storage, as "
            "REDIS_URL is not set), so app servers and workers on other machines "
            "would not share it: set REDIS_URL, like redis://redis.example.org:6379/0."
        )
    sender = parseaddr(DEFAULT_FROM_EMAIL)[1].lower()
    if sender.endswith(".localhost") or sender.endswith("@localhost") or not sender:
        problems.append(
            f"DEFAULT_FROM_EMAIL is {DEFAULT_FROM_EMAIL!r}, a .localhost address "
            "mail servers reject: set DEFAULT_FROM_EMAIL to an address on your "
            "domain, like Commonroom <no-reply@commonroom.example.org>."
        )
    return problems


def _is_local_host(host: str) -> bool:
    host = host.lower().rstrip(".")
    return (
        host in {"localhost", "0.0.0.0", "::1"}  # noqa: S104
        or host.endswith(".localhost")
        or host.startswith("127.")
    )


# Applications ----------------------------------------------------------------

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "csp",
    "huey.contrib.djhuey",
    "allauth",
    "django.contrib.admin",
    "allauth.account",
    "allauth.mfa",
    "commonroom.core",
    "commonroom.tags",
    "commonroom.accounts",
    "commonroom.organisations",
    "commonroom.profiles",
    "commonroom.audit",
    "commonroom.content",
    "commonroom.communities",
    "commonroom.activity",
    "commonroom.forums",
    "commonroom.moderation",
    "commonroom.search",
    "commonroom.administration",
    "commonroom.home",
    "commonroom.help",
    # manage.py load_benchmark; its floor page is routed only in its own settings.
    "commonroom.benchmarks",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "commonroom.accounts.middleware.AccountStateMiddleware",
    "commonroom.accounts.middleware.AccountLanguageMiddleware",
    "commonroom.core.middleware.SameNotFoundPageMiddleware",
]

ROOT_URLCONF = "commonroom.urls"
WSGI_APPLICATION = "commonroom.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "commonroom.core.context_processors.layout",
            ],
        },
    },
]

# Django forms render as GOV.UK Frontend markup (error summary, hints, inline
# errors) through this renderer, so every form gets it without extra work.
FORM_RENDERER = "commonroom.core.forms.GovukFormRenderer"

# Data ------------------------------------------------------------------------

# An empty DATABASE_URL (as in .env.example) means the default, like unset.
DATABASES = {
    "default": env.db_url_config(
        env.str("DATABASE_URL", default="")
        or f"sqlite:///{VAR_DIR / 'commonroom.sqlite3'}"
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the web process and the job worker read while the other writes;
    # IMMEDIATE transactions avoid "database is locked" on upgrade to a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # Values travel apart from the SQL (server-side binding), and a query the
    # connection has run twice before is a prepared statement: PostgreSQL
    # parses and plans it once, not on every request (decision 0011). 0
    # turns both off, for a pooler that cannot keep prepared statements
    # (PgBouncer before 1.21 in transaction mode).
    _prepare_after = env.int("DATABASE_PREPARE_THRESHOLD", 2)
    if _prepare_after:
        DATABASES["default"].setdefault("OPTIONS", {}).update(
            {"server_side_binding": True, "prepare_threshold": _prepare_after}
        )
    # No JIT compiling (decision 0012): it pays off for long reports, not for
    # pages. It starts on a cost estimate: one search plan crossed it and spent
    # 59 ms compiling a 15 ms query.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "commonroom",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "commonroom_cache",
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.db"

# Background and periodic jobs (huey): SQLite storage by default, Redis at scale.
HUEY = {
    "name": "commonroom",
    "immediate": env.bool("HUEY_IMMEDIATE", default=False),
    "utc": True,
    "consumer": {
        "workers": env.int("HUEY_WORKERS", default=2),
        "worker_type": "thread",
    },
}
if REDIS_URL:
    HUEY |= {"huey_class": "huey.RedisHuey", "url": REDIS_URL}
else:
    HUEY |= {"huey_class": "huey.SqliteHuey", "filename": str(VAR_DIR / "huey.sqlite3")}

# Files: uploads on local disk by default.
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
MEDIA_URL = "/media/"
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "static")))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Outside production, serve static files straight from their sources.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG
# Attached files live outside MEDIA_ROOT (served as-is in development): the only
# way to read one is the download view, through the access kernel.
PRIVATE_MEDIA_ROOT = Path(
    env.str("PRIVATE_MEDIA_ROOT", default=str(VAR_DIR / "private"))
)
ATTACHMENT_MAX_BYTES = env.int("ATTACHMENT_MAX_BYTES", default=20 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "attachments": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Email: written as files under var/mail/ unless EMAIL_URL names a server.
if env.str("EMAIL_URL", default=""):
    _email = env.email_url("EMAIL_URL")
    EMAIL_BACKEND = _email["EMAIL_BACKEND"]
    EMAIL_HOST = _email.get("EMAIL_HOST", "")
    EMAIL_PORT = _email.get("EMAIL_PORT", 25)
    EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
    EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
    EMAIL_FILE_PATH = _email.get("EMAIL_FILE_PATH", VAR_DIR / "mail")
else:
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = VAR_DIR / "mail"
LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.console.EmailBackend",
}
DEFAULT_FROM_EMAIL = env.str(
    "DEFAULT_FROM_EMAIL", default="Commonroom <no-reply@commonroom.localhost>"
)
SERVER_EMAIL = env.str("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)
FEEDBACK_EMAIL = env.str("FEEDBACK_EMAIL", default="feedback@commonroom.localhost")

# Accounts ----------------------------------------------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PREVENT_ENUMERATION = True
# allauth builds links from the request; the adapter puts them on SITE_URL.
ACCOUNT_DEFAULT_HTTP_PROTOCOL = urlsplit(SITE_URL).scheme or "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Commonroom: "
ACCOUNT_FORMS = {
    "login": "commonroom.accounts.forms.SignInForm",
    "signup": "commonroom.accounts.forms.SignUpForm",
    "change_password": "commonroom.accounts.forms.CommonroomChangePasswordForm",
}
ACCOUNT_ADAPTER = "commonroom.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
ACCOUNT_EMAIL_CONFIRMATION_EXPIRE_DAYS = 3
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# Counted in the cache, so with Redis the limits hold across app servers.
ACCOUNT_RATE_LIMITS = {
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/h/ip",
    "reset_password": "20/h/ip,5/h/key",
    "confirm_email": "3/5m/key",
}
# How many proxies in front of the app append to X-Forwarded-For.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Commonroom"
# Accounts get their admin pages through Commonroom's own screens; the Django
# admin is for the knowledge team's data fixes and uses the same sign-in.
ADMIN_URL = env.str("ADMIN_URL", default="django-admin/")

# NCSC guidance: a good minimum length and a check against common passwords; no
# composition rules, no forced expiry.
_VALIDATORS = "django.contrib.auth.password_validation"
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": f"{_VALIDATORS}.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": f"{_VALIDATORS}.CommonPasswordValidator"},
    {"NAME": f"{_VALIDATORS}.UserAttributeSimilarityValidator"},
]

# Communities --------------------------------------------------------------------

# true: new communities wait for a platform administrator's approval.
COMMUNITY_APPROVAL_REQUIRED = env.bool("COMMUNITY_APPROVAL_REQUIRED", default=False)

# Language and time ---------------------------------------------------------------

LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", _("English")), ("cy", _("Welsh"))]
# Commonroom's own catalogue first (it wins where both have a string), then the
# Welsh for django-allauth's pages, forms and messages (allauth ships none) and
# Django's password checks. That one is not in a "locale" folder, so
# makemessages leaves it alone.
LOCALE_PATHS = [PACKAGE_DIR / "locale", PACKAGE_DIR / "accounts" / "third_party_locale"]
USE_I18N = True
TIME_ZONE = "Europe/London"
USE_TZ = True

# Security ----------------------------------------------------------------------

X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}

if PRODUCTION:
    # "__Host-" cookies are only accepted over HTTPS, for this exact host, path /.
    SESSION_COOKIE_NAME = "__Host-commonroom-session"
    CSRF_COOKIE_NAME = "__Host-commonroom-csrf"
    LANGUAGE_COOKIE_NAME = "__Host-commonroom-language"
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = True
    CSRF_COOKIE_HTTPONLY = True
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True
    )
    # Preloading commits the whole domain to HTTPS in browsers for good: an
    # operator's choice, so not asking for it is not a warning here.
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if env.bool("BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Operations ----------------------------------------------------------------------

ADMINS = [
    ("Commonroom administrators", a) for a in env.list("ADMIN_EMAILS", default=[])
]
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "INFO"},
        "huey": {"level": "INFO"},
    },
}

# Refuse to start in production with settings only safe on a developer's
# machine (last, once every setting it checks is known).
if PRODUCTION and (problems := production_problems()):
    raise ImproperlyConfigured(
        "Commonroom will not start in production mode (COMMONROOM_PRODUCTION=true) "
        "because:\n  - " + "\n  - ".join(problems)
    )
