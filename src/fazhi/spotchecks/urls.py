"""Pages of 双随机、一公开 (namespace "spotchecks"), mounted at /spotchecks/ by fazhi.urls."""

from django.urls import path

from fazhi.spotchecks import views

app_name = "spotchecks"

urlpatterns = [
    path("", views.public_plan_list_view, name="public_list"),
    path("public/<int:plan_id>/", views.public_plan_detail_view, name="public_detail"),
    path("public/<int:plan_id>/verify/", views.public_plan_verify_view, name="public_verify"),
    path("plans/", views.plan_list_view, name="plan_list"),
    path("plans/new/", views.plan_create_view, name="plan_create"),
    path("plans/<int:plan_id>/", views.plan_detail_view, name="plan_detail"),
    path("plans/<int:plan_id>/commit/", views.plan_commit_view, name="plan_commit"),
    path("plans/<int:plan_id>/draw/", views.plan_draw_view, name="plan_draw"),
    path("plans/<int:plan_id>/publish/", views.plan_publish_view, name="plan_publish"),
    path("tasks/", views.my_task_list_view, name="my_tasks"),
    path("tasks/<int:task_id>/", views.task_detail_view, name="task_detail"),
]
