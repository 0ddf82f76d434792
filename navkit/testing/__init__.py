"""Test navigation in plain pytest: an in-process stand-in for Flet's client.

:class:`FletTestClient` puts a real ``ft.Page`` (Flet's own ``Session`` and
``Page``) on a fake connection and plays the Flutter client's part of the
routing protocol (see :mod:`navkit.testing.client`).

With navkit installed, pytest gets the ``navkit_client`` fixture (from the
``navkit_pytest`` plugin, which imports Flet only for the tests using it)::

    def test_item(navkit_client):
        client = navkit_client(router, route="/store/42")
        assert client.view_routes == ["/", "/store", "/store/42"]
        client.app_bar_back()
        assert client.page.route == "/store"

A test can take the user's steps on what is shown (see
:mod:`navkit.testing.gestures`)::

    client.enter_text(client.find(text="Name"), "Ada")
    client.tap(client.find(text="Log in", type=ft.Button))
    assert client.find(text="Signed in as Ada.")
"""

from __future__ import annotations

from navkit.testing.client import FletTestClient as FletTestClient

__all__ = ["FletTestClient"]
