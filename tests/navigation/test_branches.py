"""Which stack a navigation starts from, and which it parks: the branch rules as data."""

from __future__ import annotations

import pytest

import navkit
from navkit.navigation.branches import Stacks, ViewStack
from navkit.navigation.stack import build_stack
from navkit.routing.shells import Place
from navkit.routing.table import RouteTable


def view(**values: object) -> list[object]:
    return []


def make(*, keep_state: bool = True) -> RouteTable:
    router = RouteTable()
    for name in ("tabs", "other"):
        shell = navkit.Shell(name, keep_state=keep_state)
        for branch_name in ("a", "b"):
            root = f"/{name}/{branch_name}"
            branch = shell.branch(branch_name, label=branch_name, icon=None, route=root)
            branch.add_route(root, view, endpoint="root")
            branch.add_route(f"{root}/deep", view, endpoint="deep")
        router.register_blueprint(shell)
    router.add_route("/", view, endpoint="index")
    router.add_route("/login", view, endpoint="login", root=True)
    return router


def stack(router: RouteTable, address: str) -> ViewStack:
    levels = build_stack(router, address)
    return ViewStack(levels, tuple(f"view of {level.address}" for level in levels))


def place(router: RouteTable, root: str) -> Place:
    found = router.root_place(root)
    assert found is not None
    return found


def addresses(parked: ViewStack) -> list[str]:
    return [level.address for level in parked.levels]


# (shown, parked roots -> their stacks' tops, target, base, closing, parked after)
CASES = [
    ("/tabs/a/deep", {}, "/tabs/a", ["/tabs/a", "/tabs/a/deep"], [], {}),
    ("/tabs/a/deep", {}, "/tabs/b", [], [], {"/tabs/a": "/tabs/a/deep"}),
    (
        "/tabs/a/deep",
        {"/tabs/b": "/tabs/b/deep"},
        "/tabs/b/deep",
        ["/tabs/b", "/tabs/b/deep"],
        [],
        {"/tabs/a": "/tabs/a/deep"},
    ),
    (
        "/tabs/a",
        {"/tabs/b": "/tabs/b/deep"},
        "/login",
        ["/tabs/a"],
        ["/tabs/b/deep", "/tabs/b"],
        {},
    ),
    ("/tabs/a", {"/tabs/b": "/tabs/b"}, "/other/a", ["/tabs/a"], ["/tabs/b"], {}),
    ("/login", {}, "/tabs/b/deep", ["/login"], [], {}),
    ("/", {}, "/login", ["/"], [], {}),
]


@pytest.mark.parametrize(("shown", "parked", "target", "base", "closing", "after"), CASES)
def test_the_switch_rules(
    shown: str,
    parked: dict[str, str],
    target: str,
    base: list[str],
    closing: list[str],
    after: dict[str, str],
) -> None:
    router = make()
    stacks = Stacks(
        stack(router, shown),
        {place(router, root): stack(router, top) for root, top in parked.items()},
    )
    switch = stacks.switch(router, build_stack(router, target))
    assert addresses(switch.base) == base
    assert [level.address for level in switch.closing] == closing
    assert {p.root: addresses(s)[-1] for p, s in switch.parked.items()} == after


def test_the_base_of_a_parked_branch_brings_its_own_views() -> None:
    router = make()
    parked_b = stack(router, "/tabs/b/deep")
    stacks = Stacks(stack(router, "/tabs/a"), {place(router, "/tabs/b"): parked_b})
    switch = stacks.switch(router, build_stack(router, "/tabs/b/deep"))
    assert switch.base.views is parked_b.views
    assert Stacks(switch.base, switch.parked).parked_views == ("view of /tabs/a",)


def test_without_keep_state_the_branch_left_closes() -> None:
    router = make(keep_state=False)
    stacks = Stacks(stack(router, "/tabs/a/deep"))
    switch = stacks.switch(router, build_stack(router, "/tabs/b"))
    assert switch.base == ViewStack()
    assert [level.address for level in switch.closing] == ["/tabs/a/deep", "/tabs/a"]
    assert dict(switch.parked) == {}


def test_parked_stacks_are_kept_in_destination_order() -> None:
    router = make()
    stacks = Stacks(stack(router, "/tabs/b"), {})
    switch = stacks.switch(router, build_stack(router, "/tabs/a"))
    stacks = Stacks(switch.base, switch.parked)
    assert [p.index for p in switch.parked] == [1]
    assert stacks.addresses() == frozenset({"/tabs/b"})
