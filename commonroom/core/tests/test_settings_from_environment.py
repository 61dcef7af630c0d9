"""Settings come only from the environment: check them in a fresh process."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = """
import json, django
from django.conf import settings
django.setup()
from huey.contrib.djhuey import HUEY
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "huey": type(HUEY).__name__,
    "email": settings.EMAIL_BACKEND,
    "email_path": str(getattr(settings, "EMAIL_FILE_PATH", "")),
    "media": str(settings.MEDIA_ROOT),
    "session_cookie": settings.SESSION_COOKIE_NAME,
    "csrf_cookie": settings.CSRF_COOKIE_NAME,
    "secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
}))
"""

PRODUCTION_ENV = {
    "COMMONROOM_PRODUCTION": "true",
    "DEBUG": "false",
    "SECRET_KEY": "x" * 64,
    "ALLOWED_HOSTS": "commonroom.example.org",
    "SITE_URL": "https://commonroom.example.org",
    "DATABASE_URL": "postgres://commonroom@db.internal:5432/commonroom",
    "REDIS_URL": "redis://redis.internal:6379/0",
    "EMAIL_URL": "smtp+tls://commonroom:secret@smtp.example.org:587",
    "DEFAULT_FROM_EMAIL": "Commonroom <no-reply@commonroom.example.org>",
}


def run_python(code: str, tmp_path, **env: str) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "REDIS_URL", "EMAIL_URL", "DEBUG", "SECRET_KEY"}
    }
    environment |= {
        "DJANGO_SETTINGS_MODULE": "commonroom.settings",
        "COMMONROOM_VAR_DIR": str(tmp_path / "var"),
        **env,
    }
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        env=environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def read_settings(tmp_path, **env: str) -> dict:
    result = run_python(PRINT_SETTINGS, tmp_path, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_defaults_need_nothing_installed(tmp_path):
    values = read_settings(tmp_path)

    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(tmp_path / "var" / "commonroom.sqlite3")
    assert values["cache"] == "django.core.cache.backends.db.DatabaseCache"
    assert values["huey"] == "SqliteHuey"
    assert values["email"] == "django.core.mail.backends.filebased.EmailBackend"
    assert values["email_path"] == str(tmp_path / "var" / "mail")
    assert values["media"] == str(tmp_path / "var" / "media")


def test_database_and_redis_urls_switch_to_postgresql_and_redis(tmp_path):
    values = read_settings(
        tmp_path,
        DATABASE_URL="postgres://commonroom@db.internal:5432/commonroom",
        REDIS_URL="redis://127.0.0.1:6379/3",
    )

    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "commonroom"
    assert values["cache"] == "django.core.cache.backends.redis.RedisCache"
    assert values["huey"] == "RedisHuey"


def test_production_uses_host_prefixed_secure_cookies(tmp_path):
    values = read_settings(tmp_path, **PRODUCTION_ENV)

    assert values["session_cookie"].startswith("__Host-")
    assert values["csrf_cookie"].startswith("__Host-")
    assert values["secure"] == [True, True]


def test_production_refuses_debug_default_secret_and_no_hosts(tmp_path):
    result = run_python(
        "import django; django.setup()",
        tmp_path,
        COMMONROOM_PRODUCTION="true",
        DEBUG="true",
    )

    assert result.returncode != 0
    assert "will not start in production mode" in result.stderr
    assert "DEBUG is on" in result.stderr
    assert "SECRET_KEY is the development default" in result.stderr
    assert "ALLOWED_HOSTS is empty" in result.stderr


def test_production_starts_with_production_settings(tmp_path):
    result = run_python("import django; django.setup()", tmp_path, **PRODUCTION_ENV)

    assert result.returncode == 0, result.stderr


def test_production_refuses_every_development_default(tmp_path):
    result = run_python(
        "import django; django.setup()",
        tmp_path,
        COMMONROOM_PRODUCTION="true",
        DEBUG="false",
        SECRET_KEY="x" * 64,
        ALLOWED_HOSTS="commonroom.example.org",
    )

    assert result.returncode != 0
    for complaint in [
        "SITE_URL is http://127.0.0.1:8000, a development address",
        "Emails would be written to local files",
        "The database is SQLite",
        "The job queue is stored on local disk",
        "DEFAULT_FROM_EMAIL is 'Commonroom <no-reply@commonroom.localhost>', "
        "a .localhost address",
    ]:
        assert complaint in result.stderr


def test_production_refuses_each_problem_on_its_own(tmp_path):
    for override, complaint in [
        ({"DEBUG": "true"}, "DEBUG is on"),
        ({"SECRET_KEY": "short"}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS is empty"),
        ({"SITE_URL": "http://127.0.0.1:8000"}, "a development address"),
        ({"SITE_URL": "http://localhost:8000"}, "a development address"),
        ({"SITE_URL": "https://commonroom.localhost"}, "a development address"),
        ({"SITE_URL": "http://commonroom.example.org"}, "not an https:// address"),
        ({"EMAIL_URL": ""}, "Emails would be written to local files"),
        ({"EMAIL_URL": "filemail:///tmp/mail"}, "written to local files"),
        ({"DATABASE_URL": ""}, "The database is SQLite"),
        ({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}, "The database is SQLite"),
        ({"REDIS_URL": ""}, "The job queue is stored on local disk"),
        (
            {"DEFAULT_FROM_EMAIL": "Commonroom <no-reply@commonroom.localhost>"},
            "a .localhost address",
        ),
    ]:
        result = run_python(
            "import django; django.setup()", tmp_path, **(PRODUCTION_ENV | override)
        )
        assert result.returncode != 0, override
        assert complaint in result.stderr, override


def test_env_example_lists_every_variable_the_settings_read():
    import re
    from pathlib import Path

    source = (Path(settings.BASE_DIR) / "commonroom" / "settings.py").read_text()
    read = set(re.findall(r'env\.\w+\(\s*"([A-Z_]+)"', source))
    example = (Path(settings.BASE_DIR) / ".env.example").read_text()
    listed = set(re.findall(r"^#? ?([A-Z_]+)=", example, flags=re.MULTILINE))

    assert read, "no variables found: has settings.py changed shape?"
    assert read - listed == set()
