from django.urls import path

from commonroom.content import views

urlpatterns = [
    path(
        "<slug:community_slug>/files/<id:attachment_id>/<str:filename>",
        views.attachment_download,
        name="attachment-download",
    ),
]
