"""The web UI: Jinja2 templates and static files, served by the same FastAPI app."""
