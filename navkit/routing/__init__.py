"""The route table, pure: templates, converters, matching and ``url_for``. No Flet, no pages."""
