"""Directory, creation, community pages (hub), sub-communities, theme, archive."""

from django.urls import path

from commonroom.communities.views import communities, directory, hub

urlpatterns = [
    path("", directory.community_directory, name="community-directory"),
    # "new" is a reserved slug (services.RESERVED_SLUGS), so these come first.
    path("new/", communities.community_create, name="community-create"),
    path(
        "new/topics-and-visibility/",
        communities.community_create_visibility,
        name="community-create-visibility",
    ),
    path(
        "new/agreement/",
        communities.community_create_agreement,
        name="community-create-agreement",
    ),
    path("<slug:community_slug>/", hub.community_detail, name="community-detail"),
    path(
        "<slug:community_slug>/theme.css",
        hub.community_theme_css,
        name="community-theme-css",
    ),
    path("<slug:community_slug>/logo/", hub.community_logo, name="community-logo"),
    path("<slug:community_slug>/theme/", hub.community_theme, name="community-theme"),
    path(
        "<slug:community_slug>/settings/",
        communities.community_settings,
        name="community-settings",
    ),
    path(
        "<slug:community_slug>/sub-communities/new/",
        communities.sub_community_create,
        name="sub-community-create",
    ),
    path(
        "<slug:community_slug>/archive/",
        hub.community_archive,
        name="community-archive",
    ),
    path(
        "<slug:community_slug>/restore/",
        hub.community_restore,
        name="community-restore",
    ),
    path(
        "<slug:community_slug>/notices/",
        hub.community_notices,
        name="community-notices",
    ),
    path(
        "<slug:community_slug>/notices/new/",
        hub.community_notice_create,
        name="community-notice-create",
    ),
    path(
        "<slug:community_slug>/notices/<id:notice_id>/pin/",
        hub.community_notice_pin,
        name="community-notice-pin",
    ),
    path(
        "<slug:community_slug>/notices/<id:notice_id>/delete/",
        hub.community_notice_delete,
        name="community-notice-delete",
    ),
]
