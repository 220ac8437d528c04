"""Where user state lives: platformdirs locations, overridable by flags and environment.

Nothing here creates a directory: callers make them on first write.
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "panel-tui"
ENV_DATA = "PANEL_TUI_DATA_DIR"
ENV_CACHE = "PANEL_TUI_CACHE_DIR"
ENV_CONFIG = "PANEL_TUI_CONFIG_DIR"


def _pick(explicit: str | os.PathLike[str] | None, env: str, fallback: str) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    if os.environ.get(env):
        return Path(os.environ[env]).expanduser()
    return Path(fallback)


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """User data (the SQLite store): ``--data-dir``, ``$PANEL_TUI_DATA_DIR``, platformdirs."""
    return _pick(explicit, ENV_DATA, platformdirs.user_data_dir(APP))


def cache_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Rebuildable caches (the search index): ``$PANEL_TUI_CACHE_DIR`` or platformdirs."""
    return _pick(explicit, ENV_CACHE, platformdirs.user_cache_dir(APP))


def config_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """User configuration (quote template): ``$PANEL_TUI_CONFIG_DIR`` or platformdirs."""
    return _pick(explicit, ENV_CONFIG, platformdirs.user_config_dir(APP))
