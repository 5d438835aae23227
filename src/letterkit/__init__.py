"""letterkit: CEO letters to shareholders released as press releases."""

__version__ = "0.1.0"
