"""Moderation, under /communities/<slug>/."""

from django.urls import path

from commonroom.moderation import views

urlpatterns = [
    path(
        "content/<str:kind_name>/<id:object_id>/report/",
        views.content_report,
        name="content-report",
    ),
    path(
        "content/<str:kind_name>/<id:object_id>/hide/",
        views.content_hide,
        name="content-hide",
    ),
    path(
        "content/<str:kind_name>/<id:object_id>/restore/",
        views.content_restore,
        name="content-restore",
    ),
    path("reports/", views.community_reports, name="community-reports"),
    path(
        "reports/<id:report_id>/",
        views.community_report_act,
        name="community-report-act",
    ),
    path(
        "moderation-log/",
        views.community_moderation_log,
        name="community-moderation-log",
    ),
]
