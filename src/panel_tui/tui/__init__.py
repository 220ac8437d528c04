"""The Textual app. Widgets show what the core (``panel_tui`` outside ``tui``) computes."""
