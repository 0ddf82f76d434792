"""The Flet binding: the only package (with ``navkit.testing``) that imports ``flet``."""

from __future__ import annotations

from navkit.flet.attach import attach as attach
from navkit.flet.events import claim_events as claim_events
from navkit.flet.links import link as link
from navkit.flet.pages import navigator_of as navigator_of
from navkit.flet.router import Router as Router
from navkit.flet.run import run as run
from navkit.flet.state_codec import JSON_STATE as JSON_STATE
from navkit.flet.state_codec import StateCodec as StateCodec
from navkit.flet.surface import PageSurface as PageSurface
from navkit.flet.webclient import install_index_hook

# Flet's web server patches its index.html at its first request, after the
# app's imports: hooking it now gives every way of serving the app -- navkit.run,
# an app's own ft.run(main) that attaches in main, Flet's ASGI app in each
# worker -- the history script, with no argument to remember.
install_index_hook()

__all__ = [
    "JSON_STATE",
    "PageSurface",
    "Router",
    "StateCodec",
    "attach",
    "claim_events",
    "link",
    "navigator_of",
    "run",
]
