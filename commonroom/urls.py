from django.conf import settings
from django.urls import include, path

from commonroom.core import views as core_views

urlpatterns = [
    path("", include("commonroom.home.urls")),
    path("help/", include("commonroom.help.urls")),
    path("language/", include("commonroom.core.urls")),
    path("communities/", include("commonroom.communities.urls")),
    path("people/", include("commonroom.profiles.urls")),
    path("organisations/", include("commonroom.organisations.urls")),
    path("search/", include("commonroom.search.urls")),
    path("account/", include("commonroom.accounts.urls")),
    path("account/", include("allauth.urls")),
]

handler403 = core_views.permission_denied
handler404 = core_views.page_not_found
handler500 = core_views.server_error

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
