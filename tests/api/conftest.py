from year_end_fixtures import agency, module_demo, staff, users  # noqa: F401
