"""Fixtures every app's tests can use."""

import os

import pytest
from django.core.cache import cache
from huey.contrib.djhuey import HUEY

from commonroom.core import kept_lists
from commonroom.core.testing import browser as browser_helpers
from commonroom.core.testing.queries import query_budget


@pytest.fixture(scope="session", autouse=True)
def _redis_database_per_worker(worker_id):
    """Each pytest-xdist worker gets its own Redis database.

    Clearing a Redis cache empties its whole database, sessions included, so
    workers sharing one would sign each other's users out.
    """
    from django.conf import settings
    from django.test.utils import override_settings

    location = settings.CACHES["default"].get("LOCATION", "")
    if "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        yield
        return
    worker = int(worker_id[2:]) if worker_id.startswith("gw") else 0
    base, _, _database = location.rpartition("/")
    caches = {
        "default": {**settings.CACHES["default"], "LOCATION": f"{base}/{15 - worker}"}
    }
    with override_settings(CACHES=caches):
        yield


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings):
    """Fast hashing, jobs run at once, and a clean cache (and kept lists) for
    every test.

    The default database cache lives in the test database, so each test's
    rollback already empties it; a Redis cache (REDIS_URL) is flushed here.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    HUEY.immediate = True
    uses_redis = "redis" in settings.CACHES["default"]["BACKEND"].lower()
    if uses_redis:
        cache.clear()
    kept_lists.forget_all()
    yield
    kept_lists.forget_all()
    if uses_redis:
        cache.clear()


@pytest.fixture(autouse=True)
def attachment_folder(settings, tmp_path):
    """Attached files go to a temporary folder in every test, never var/private."""
    folder = tmp_path / "private"
    settings.STORAGES = {
        **settings.STORAGES,
        "attachments": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": folder, "base_url": None},
        },
    }
    return folder


@pytest.fixture
def media_root(settings, tmp_path):
    """Uploaded photos and logos go to a throwaway folder for the test."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def queries():
    """``with queries(5): client.get(...)`` pins a query budget."""
    return query_budget


@pytest.fixture(scope="session")
def _playwright():
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop in the test thread; Django's ORM
    # would then refuse to run there. The tests are synchronous, so allow it.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def chromium(_playwright):
    browser = _playwright.chromium.launch(
        executable_path=browser_helpers.chromium_path(),
        args=browser_helpers.CHROMIUM_ARGS,
    )
    yield browser
    browser.close()


@pytest.fixture
def page(chromium, live_server):
    """A fresh browser tab (its own cookies) on the live server, 1280px wide."""
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(10_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def sign_in(page, live_server, settings):
    """``sign_in(user)`` gives the browser tab a signed-in session for ``user``."""
    from django.test import Client

    def _sign_in(user):
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )
        return user

    return _sign_in


@pytest.fixture
def axe():
    """``axe(page)`` fails the test with a readable list of any violations."""
    return browser_helpers.assert_accessible
