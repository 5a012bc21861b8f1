"""Social Score: a game about living under a social credit score, and its engine and tools."""

__version__ = "0.1.0"
