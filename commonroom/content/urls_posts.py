"""Pages every kind of post shares, under /communities/<slug>/content/<kind>/<id>/."""

from django.urls import path

from commonroom.content import post_views

urlpatterns = [
    path("history/", post_views.content_history, name="content-history"),
    path("helpful/", post_views.content_helpful, name="content-helpful"),
]
