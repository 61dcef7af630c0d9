from django.urls import path

from commonroom.communities import views

urlpatterns = [
    path("", views.community_directory, name="community-directory"),
    path("<slug:community_slug>/", views.community_detail, name="community-detail"),
]
