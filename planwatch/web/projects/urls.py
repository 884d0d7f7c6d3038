from django.urls import path

from planwatch.web.plans.scope import scoped_patterns
from planwatch.web.projects import explanations, tasks, views

patterns = [
    path("", views.project_list, name="projects"),
    path("<int:project_id>/", views.project_detail, name="project-detail"),
    path("<int:project_id>/assign/", views.assign_project, name="project-assign"),
    path("<int:project_id>/milestones/", views.milestones, name="project-milestones"),
    path("tasks/", views.task_list, name="tasks"),
    path("tasks/assign/", views.assign_task, name="task-assign"),
    path("tasks/<int:assignment_id>/", tasks.update_task, name="task-update"),
    path("tasks/<int:assignment_id>/milestones/", tasks.task_milestones, name="task-milestones"),
    path("explanations/", explanations.explanations, name="explanations"),
    path(
        "explanations/<int:explanation_id>/review/",
        explanations.review_explanation,
        name="explanation-review",
    ),
]

urlpatterns, plan_urlpatterns = scoped_patterns(
    "projects/", patterns, pages={"projects", "tasks", "explanations"}, actions={"task-assign"}
)
