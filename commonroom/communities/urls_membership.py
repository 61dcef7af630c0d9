"""Joining, requests, invitations, member lists and roles.

Included before the community pages. The invitation link comes last, so a
community whose address is ``invitations`` still has its own pages.
"""

from django.urls import path

from commonroom.communities.views import membership as views

community = "<slug:community_slug>/"
member = f"{community}members/<id:user_id>/"

urlpatterns = [
    path(f"{community}join/", views.community_join, name="community-join"),
    path(
        f"{community}join/request/",
        views.community_join_request,
        name="community-join-request",
    ),
    path(
        f"{community}join/request/withdraw/",
        views.community_join_request_withdraw,
        name="community-join-request-withdraw",
    ),
    path(
        f"{community}join/request/reply/",
        views.community_join_request_reply,
        name="community-join-request-reply",
    ),
    path(f"{community}requests/", views.community_requests, name="community-requests"),
    path(
        f"{community}requests/<id:request_id>/",
        views.community_request_decision,
        name="community-request-decision",
    ),
    path(
        f"{community}invitations/",
        views.community_invitations,
        name="community-invitations",
    ),
    path(
        f"{community}invitations/<id:invitation_id>/revoke/",
        views.community_invitation_revoke,
        name="community-invitation-revoke",
    ),
    path(f"{community}members/", views.community_members, name="community-members"),
    path(member, views.community_member, name="community-member"),
    path(f"{member}role/", views.community_member_role, name="community-member-role"),
    path(
        f"{member}remove/",
        views.community_member_remove,
        name="community-member-remove",
    ),
    path(
        f"{member}make-owner/",
        views.community_ownership_transfer,
        name="community-ownership-transfer",
    ),
    path(f"{community}leave/", views.community_leave, name="community-leave"),
    path(
        "invitations/<str:token>/",
        views.invitation_respond,
        name="invitation-respond",
    ),
]
