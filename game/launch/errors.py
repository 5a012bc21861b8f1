"""The one error a person's request can raise above the engine."""


class UsageError(Exception):
    """A bad argument or option value; front ends print it as one line and exit 2."""
