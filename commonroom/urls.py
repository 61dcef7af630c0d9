from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from commonroom.core import views as core_views

# The Django admin signs in through allauth, with its rate limits and two-factor
# authentication, never through a login form of its own.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Commonroom administration"
# (Set before admin.site.urls is read below: it captures the login view.)

urlpatterns = [
    path("", include("commonroom.home.urls")),
    path("help/", include("commonroom.help.urls")),
    path("language/", include("commonroom.core.urls")),
    path("preview/", core_views.markdown_preview, name="markdown-preview"),
    path(
        "communities/<slug:community_slug>/discussions/",
        include("commonroom.forums.urls"),
    ),
    path(
        "communities/<slug:community_slug>/content/<str:kind_name>/<id:object_id>/",
        include("commonroom.content.urls_posts"),
    ),
    path("communities/", include("commonroom.content.urls")),
    path("communities/<slug:community_slug>/", include("commonroom.moderation.urls")),
    path("communities/", include("commonroom.communities.urls")),
    path("people/", include("commonroom.profiles.urls")),
    path("organisations/", include("commonroom.organisations.urls")),
    path("search/", include("commonroom.search.urls")),
    path("tags/", include("commonroom.content.urls_tags")),
    path("account/", include("commonroom.accounts.urls")),
    path("account/", include("allauth.urls")),
    path("administration/", include("commonroom.administration.urls")),
    path(settings.ADMIN_URL, admin.site.urls),
]


handler400 = core_views.bad_request
handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

# Uploaded photos and logos are never served from MEDIA_URL, not even with
# DEBUG on: the only way to read one is its permission view (person-photo,
# community-logo), which asks the same rules as the page showing it.
