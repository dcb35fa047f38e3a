"""Talqy: public consultation on draft laws in Kazakh, Russian and English."""

__version__ = "0.1.0"
