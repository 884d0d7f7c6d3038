"""Sign-in by the canonical user name (planwatch.web.accounts.names), so the throttle and the login agree."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from planwatch.web.accounts.names import find_user


class CanonicalUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        model = get_user_model()
        if username is None:
            username = kwargs.get(model.USERNAME_FIELD)
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            model().set_password(password)  # same work as a real check, so timing does not reveal the name
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
