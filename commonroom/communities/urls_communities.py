"""Directory, creation, community pages (hub), sub-communities, theme, archive."""

from django.urls import path

from commonroom.communities.views import directory

urlpatterns = [
    path("", directory.community_directory, name="community-directory"),
    path("<slug:community_slug>/", directory.community_detail, name="community-detail"),
]
