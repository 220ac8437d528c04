"""The store's errors, in a module of their own so that catching them imports nothing else."""

from __future__ import annotations


class StoreError(Exception):
    """The store cannot do what was asked; the message is one line for the user."""


class NewerSchemaError(StoreError):
    """The database was written by a newer panel-tui; it is left untouched."""


class StoreReadOnly(StoreError):
    """The data dir or database cannot be written; reading still works."""


__all__ = ["NewerSchemaError", "StoreError", "StoreReadOnly"]
