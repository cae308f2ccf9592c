"""The web pages (chat, sources, source viewer, admin, API docs): thin routes that call the runtime
and render `web` templates with `web.context` view models."""
