"""Admin forms the project changes: see `home.admin_strings.login_form_class`."""

from .admin_strings import login_form_class

LoginForm = login_form_class()
