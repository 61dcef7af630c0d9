"""Joining, requests, invitations, member lists and roles."""

urlpatterns: list = []
