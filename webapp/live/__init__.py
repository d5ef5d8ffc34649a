"""Live editing: the watcher's rebuilds reach the app's cards, the served site and open pages."""

from .views import bp, init_app, start_live

__all__ = ["bp", "init_app", "start_live"]
