from django.urls import path

from fazhi.core.deadlines.api import views

urlpatterns = [
    path("", views.DeadlineComputeApi.as_view(), name="deadline-compute"),
    path("rules/", views.DeadlineRuleListApi.as_view(), name="deadline-rules"),
]
