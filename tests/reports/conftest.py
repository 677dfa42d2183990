from year_end_fixtures import agency, as_user, module_demo, staff, users  # noqa: F401
