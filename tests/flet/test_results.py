"""Results from a pushed page: push_for_result and pop(result=...)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import flet as ft
import pytest

import navkit
from navkit.testing import FletTestClient

Client = Callable[..., FletTestClient]


def make_router() -> navkit.Router:
    router = navkit.Router()
    router.add_route("/", lambda: [], endpoint="home")
    router.add_route("/pick", lambda: [ft.Text("pick a colour")], endpoint="pick")
    router.add_route("/locked", lambda: [], endpoint="locked", guards=[lambda navigation: False])
    return router


def ask(client: FletTestClient, target: str) -> asyncio.Task[Any]:
    """A handler awaiting push_for_result, left running."""
    task = client.loop.create_task(client.navigator.push_for_result(target))
    client.settle_until(lambda: task.done() or client.page.route != "/")
    return task


def test_pop_with_a_result_resolves_the_caller(navkit_client: Client) -> None:
    client = navkit_client(make_router())
    task = ask(client, "pick")
    assert client.page.route == "/pick" and not task.done()
    client.call(client.navigator.pop, "red")
    client.settle()
    assert task.result() == "red" and client.page.route == "/"


@pytest.mark.parametrize("close", ["app bar back", "browser back", "go elsewhere"])
def test_closed_another_way_gives_none(navkit_client: Client, close: str) -> None:
    client = navkit_client(make_router())
    task = ask(client, "pick")
    if close == "app bar back":
        client.app_bar_back()
    elif close == "browser back":
        client.browser_back()
    else:
        client.go("/")
    client.settle()
    assert task.done() and task.result() is None


def test_a_refused_push_gives_none(navkit_client: Client) -> None:
    client = navkit_client(make_router())
    task = client.loop.create_task(client.navigator.push_for_result("locked"))
    client.settle()
    assert task.result() is None and client.page.route == "/"
