"""Defaults the console and the live stats read, settable with ``%config DockerMagics.<name> = …`` or directly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class ConsoleSettings:
    """How much the console keeps and shows, and how often the front end hears of it."""

    scrollback: int = 3000  # lines kept for the front end (the raw output can go to save_to)
    save_to: str | None = None  # a file that receives every byte of output
    updates_per_second: float = 20.0  # at most this many front-end messages a second


console_settings = ConsoleSettings()


@dataclass
class StatsSettings:
    """How much history the live stats keep (``%config DockerMagics.stats_history = 300``, in seconds)."""

    history: float = 600.0  # seconds of samples kept in a live stats view's ring (10 minutes)


stats_settings = StatsSettings()
