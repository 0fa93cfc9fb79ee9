"""One view module per page family; each holds the routes of its pages and their JSON twins."""
