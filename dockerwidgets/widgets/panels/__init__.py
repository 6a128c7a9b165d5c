"""Panels: the engine's containers and images as live tables with action buttons.

``ContainerPanel()`` (or ``%docker ps --panel``) and ``ImagePanel()`` (or
``%docker images --panel``), and ``ServicePanel()`` (or ``%docker service ls --panel``) are widgets built from the magic's own DataFrames; they follow
the engine's events stream, and ``close()`` stops that. ``VolumePanel()`` and ``NetworkPanel()``
add a column of the containers using each volume or network.
"""

from __future__ import annotations

from typing import Any

__all__ = ["ContainerPanel", "ImagePanel", "NetworkPanel", "ServicePanel", "VolumePanel"]


def __getattr__(name: str) -> Any:
    if name == "ContainerPanel":
        from .containers import ContainerPanel

        return ContainerPanel
    if name == "ImagePanel":
        from .images import ImagePanel

        return ImagePanel
    if name == "ServicePanel":
        from .services import ServicePanel

        return ServicePanel
    if name == "VolumePanel":
        from .volumes import VolumePanel

        return VolumePanel
    if name == "NetworkPanel":
        from .networks import NetworkPanel

        return NetworkPanel
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
