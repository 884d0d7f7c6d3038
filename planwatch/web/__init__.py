"""The Django project: stores what the core computes and shows it to planners, departments, leaders and the public."""
