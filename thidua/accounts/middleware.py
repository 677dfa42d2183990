from django.conf import settings
from django.contrib.auth.views import redirect_to_login

from . import services

# Pages anyone may open: the login itself, static files, the admin (it has its own login) and the
# API (it has its own token authentication and answers 401 in JSON, not a login page), and a
# province's public results when it publishes them (decisions.public: 404 otherwise).
PUBLIC_PREFIXES = ("/dang-nhap/", "/static/", "/admin/", "/suc-khoe/", "/api/", "/cong-khai/")


class LoginRequiredMiddleware:
    """Every page needs a login unless listed above: secure by default, not by remembering."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            return redirect_to_login(request.get_full_path(), settings.LOGIN_URL)
        return self.get_response(request)


class RefusalAuditMiddleware:
    """Every request a signed-in user is refused (403) leaves a row in the audit trail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 403 and user is not None and user.is_authenticated:
            services.request_refused(actor=user, path=request.get_full_path(), method=request.method)
        return response
