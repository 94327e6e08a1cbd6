"""Log in and out: Django's auth views with Chinese templates and login throttling (DESIGN §8).

Throttling uses the orgs functions: LoginForm refuses a locked username before authenticating;
a failed attempt is recorded here (the write belongs to the view, not the form); a success clears
the user's failures.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import LoginView, LogoutView
from django.forms import Form
from django.http import HttpRequest, HttpResponse

from fazhi.core.client_address import client_ip
from fazhi.orgs.selectors import login_is_locked
from fazhi.orgs.services import login_failure_record, login_failures_clear
from fazhi.web.forms import LoginForm, login_locked_message


class FazhiLoginView(LoginView):
    template_name = "web/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form: Form) -> HttpResponse:
        login_failures_clear(username=form.get_user().get_username())
        return super().form_valid(form)

    def form_invalid(self, form: Form) -> HttpResponse:
        username = form.cleaned_data.get("username", "")
        status = 200
        if form.has_error("__all__", "locked"):
            status = 429
        elif form.has_error("__all__", "invalid_login") and username:
            login_failure_record(username=username, ip_address=client_ip(self.request.META))
            if login_is_locked(username=username):
                # This failure used up the last attempt: say so now rather than on the next try.
                form.add_error(None, login_locked_message())
                status = 429
        response = super().form_invalid(form)
        response.status_code = status
        return response


class FazhiLogoutView(LogoutView):
    """POST-only logout (Django 5); the login page then confirms it."""

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        messages.success(request, "您已安全退出。")
        return response
