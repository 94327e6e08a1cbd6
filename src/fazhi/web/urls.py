"""URLs of the web shell (namespace "web")."""

from django.urls import path

from fazhi.orgs.choices import Role
from fazhi.web.views import auth, calculator, health, home

app_name = "web"

urlpatterns = [
    path("", home.home_view, name="home"),
    path("login/", auth.FazhiLoginView.as_view(), name="login"),
    path("logout/", auth.FazhiLogoutView.as_view(), name="logout"),
    path("healthz", health.healthz_view, name="healthz"),
    path("deadlines/calculator/", calculator.deadline_calculator_view, name="deadline_calculator"),
    # One page per role; "/" combines the sections of all the user's roles.
    path("workspace/officer/", home.role_home_view, {"role": Role.OFFICER}, name="officer_home"),
    path("workspace/legal-review/", home.role_home_view, {"role": Role.LEGAL_REVIEWER}, name="legal_reviewer_home"),
    path("workspace/unit-admin/", home.role_home_view, {"role": Role.UNIT_ADMIN}, name="unit_admin_home"),
    path("workspace/supervision/", home.role_home_view, {"role": Role.SUPERVISOR}, name="supervisor_home"),
    path(
        "workspace/reconsideration/",
        home.role_home_view,
        {"role": Role.RECONSIDERATION_OFFICER},
        name="reconsideration_officer_home",
    ),
    path("workspace/system/", home.role_home_view, {"role": Role.SYSTEM_ADMIN}, name="system_admin_home"),
]
