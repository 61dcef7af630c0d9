from django.urls import path

from commonroom.administration import community_views, views

urlpatterns = [
    path("", views.administration_index, name="administration-index"),
    path("sign-ups/", views.sign_up_queue, name="administration-sign-ups"),
    path(
        "sign-ups/<id:user_id>/",
        views.sign_up_decision,
        name="administration-sign-up-decision",
    ),
    path("audit/", views.audit_log, name="administration-audit-log"),
    path(
        "communities/",
        community_views.community_approval_queue,
        name="administration-communities",
    ),
    path(
        "communities/<id:community_id>/",
        community_views.community_approval_decision,
        name="administration-community-decision",
    ),
]
