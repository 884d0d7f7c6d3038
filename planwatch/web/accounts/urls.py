from django.urls import path

from planwatch.web.accounts import departments, first_password, people, views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("audit/", views.audit_log, name="audit-log"),
    path("password/", first_password.password_change, name="password-change"),
    path("people/", people.people, name="people"),
    path("people/new/", people.new_person, name="person-new"),
    path("people/<int:user_id>/", people.edit_person, name="person-edit"),
    path("people/<int:user_id>/password/", people.reset_password, name="person-password"),
    path("people/setting/", people.people_setting, name="people-setting"),
    path("departments/new/", people.department, name="department-new"),
    path("departments/<int:department_id>/", people.department, name="department-edit"),
    path("departments/<int:department_id>/deactivate/", departments.deactivate, name="department-deactivate"),
    path("departments/<int:department_id>/reactivate/", departments.reactivate, name="department-reactivate"),
]
