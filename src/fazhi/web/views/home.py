"""Start pages: "/" shows one section per role the user holds; each role also has its own page.

The public (not logged in) gets a landing page: what the platform does today, its public services
(deadline calculator, 行政处罚公示, 双随机公示, 申请行政复议), the login link, and the modules still
planned, labelled 规划中.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from fazhi.orgs.choices import Role
from fazhi.web.dashboards import SECTIONS, sections_for
from fazhi.web.viewer import viewer_for


def home_view(request: HttpRequest) -> HttpResponse:
    viewer = viewer_for(request)
    if not viewer.is_authenticated:
        return render(request, "web/landing.html")
    sections = sections_for(
        user=request.user, viewer=viewer, roles=list(viewer.roles), full=False, params=request.GET.dict()
    )
    return render(request, "web/home.html", {"sections": sections})


@login_required
def role_home_view(request: HttpRequest, role: Role) -> HttpResponse:
    """The full page of one role's section; 403 for users without that role."""
    viewer = viewer_for(request)
    if not viewer.has_role(role):
        raise PermissionDenied("您没有访问此页面的角色。")
    sections = sections_for(user=request.user, viewer=viewer, roles=[role], full=True, params=request.GET.dict())
    return render(request, "web/role_home.html", {"section": sections[0], "title": SECTIONS[role].title})
