"""The forum, under /communities/<slug>/discussions/."""

from django.urls import path

from commonroom.forums.views import threads

urlpatterns = [
    path("", threads.thread_list, name="forum-thread-list"),
    path("new/", threads.thread_create, name="forum-thread-create"),
    path("similar/", threads.similar_questions, name="forum-similar-questions"),
    path("<id:thread_id>/", threads.thread_detail, name="forum-thread"),
    path("<id:thread_id>/reply/", threads.reply_create, name="forum-reply-create"),
    path("<id:thread_id>/edit/", threads.thread_edit, name="forum-thread-edit"),
    path("<id:thread_id>/delete/", threads.thread_delete, name="forum-thread-delete"),
    path("<id:thread_id>/answer/", threads.accept_answer, name="forum-accept-answer"),
    path("<id:thread_id>/follow/", threads.thread_follow, name="forum-thread-follow"),
    path("<id:thread_id>/pin/", threads.thread_pin, name="forum-thread-pin"),
    path("<id:thread_id>/lock/", threads.thread_lock, name="forum-thread-lock"),
    path("<id:thread_id>/move/", threads.thread_move, name="forum-thread-move"),
    path(
        "<id:thread_id>/replies/<id:reply_id>/",
        threads.reply_permalink,
        name="forum-reply",
    ),
    path(
        "<id:thread_id>/replies/<id:reply_id>/edit/",
        threads.reply_edit,
        name="forum-reply-edit",
    ),
    path(
        "<id:thread_id>/replies/<id:reply_id>/delete/",
        threads.reply_delete,
        name="forum-reply-delete",
    ),
]
