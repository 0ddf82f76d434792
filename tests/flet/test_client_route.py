"""Which route changes echo navkit's own pushes and commands, and what a reconnect lost."""

from __future__ import annotations

from navkit.flet.client_route import ClientRoute


def test_a_command_and_its_landing_are_echoes_in_either_order() -> None:
    client = ClientRoute("/")
    assert client.pushed("/a")
    client.commanded("/__navkit__/go?n=1&by=-1", "/")
    assert client.received("/a")
    assert client.received("/")  # the landing crossed the command's own echo
    assert client.received("/__navkit__/go?n=1&by=-1")
    assert not client.received("/typed")  # not an echo: the user's


def test_a_reconnect_counts_only_lost_pushes_not_commands() -> None:
    client = ClientRoute("/")
    client.pushed("/a")
    client.commanded("/__navkit__/go?n=1&by=-1", "/")  # echoes never came back
    assert client.reconnected("/") == 0  # the browser shows "/": nothing was lost
    client.pushed("/b")
    client.pushed("/c")
    assert client.reconnected("/b") == 1  # /c never reached the browser
