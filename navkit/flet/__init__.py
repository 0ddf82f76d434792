"""The Flet binding: the only package (with ``navkit.testing``) that imports ``flet``."""

from __future__ import annotations

from navkit.flet.attach import attach as attach
from navkit.flet.events import claim_events as claim_events
from navkit.flet.pages import navigator_of as navigator_of
from navkit.flet.router import Router as Router
from navkit.flet.run import run as run
from navkit.flet.surface import PageSurface as PageSurface

__all__ = ["PageSurface", "Router", "attach", "claim_events", "navigator_of", "run"]
