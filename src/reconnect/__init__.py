"""reconnect: a private companion for noticing and working through emotional detachment."""

__version__ = "0.1.0"
