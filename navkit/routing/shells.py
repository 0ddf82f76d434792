"""App shells: groups of routes that share a navigation bar or rail, one stack per branch.

A :class:`Shell` is a blueprint whose nested blueprints are its branches,
one per destination of the bar::

    tabs = navkit.Shell("tabs")
    feed = tabs.branch("feed", label="Feed", icon=ft.Icons.HOME, route="/feed")

    @feed.route("/feed")
    def home(): ...

    router.register_blueprint(tabs)

A branch's ``route`` is where its destination opens: the bottom of the
branch's stack, so it shows no back arrow. Every route of a branch (of its
nested blueprints too) belongs to it, and so does an address beneath its
root that no route of another branch claims: ``/feed/nope`` is a not-found
page with the bar. The page keeps one stack per branch
(:mod:`navkit.navigation.branches`); the bar itself is the Flet binding's
(:mod:`navkit.flet.chrome`). Nothing here touches Flet: icons are kept as
given.

A shell is an app's top-level chrome, and a page shows one bar: shells sit
side by side on a router, and registering one nested in another (in a
branch, or directly) is refused, as is a branch registered without its shell.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from navkit.errors import RouteError
from navkit.routing.blueprints import Blueprint, RegisteredBlueprint, join_prefix
from navkit.routing.flask_style import flask_placeholders
from navkit.routing.location import semi_decode_path
from navkit.routing.routes import Route

__all__ = [
    "DEFAULT_BREAKPOINT",
    "Branch",
    "Destination",
    "Place",
    "Shell",
    "ShellIndex",
    "path_key",
]

DEFAULT_BREAKPOINT = 600.0  # logical pixels: wider pages get a rail (Material's compact width)


@dataclass(frozen=True, slots=True)
class Destination:
    """What a shell's bar or rail shows for a branch, and where it opens.

    Attributes:
        label: The destination's label (also its accessible name).
        icon: Its icon (a Flet icon, kept as given).
        route: Where it opens: a plain path, before the prefixes of the
            blueprints its branch is registered under (as route templates are).
        selected_icon: The icon shown while it is selected (None: ``icon``).

    Raises:
        RouteError: ``route`` is not a plain path.
    """

    label: str
    icon: Any
    route: str
    selected_icon: Any = None

    def __post_init__(self) -> None:
        route = self.route
        # "/<tab>" is a Flask-style parameter, not the literal text it would match.
        if (
            not route.startswith("/")
            or any(c in route for c in ":*?(#")
            or flask_placeholders(route)
        ):
            raise RouteError(
                f"destination {self.label!r}: route {self.route!r} must be a path without "
                f"parameters (where the destination opens)"
            )


class Branch(Blueprint):
    """One destination of a shell, and the routes beneath it (made by :meth:`Shell.branch`).

    Attributes:
        shell: The shell it belongs to.
        index: Its place among the shell's destinations (0: the first).
        destination: What the bar or rail shows for it, and where it opens.
    """

    def __init__(
        self,
        shell: Shell,
        index: int,
        name: str,
        destination: Destination,
        url_prefix: str | None = None,
    ) -> None:
        super().__init__(name, url_prefix)
        self.shell = shell
        self.index = index
        self.destination = destination

    @property
    def label(self) -> str:
        """The destination's label."""
        return self.destination.label

    @property
    def path(self) -> str:
        """Where the destination opens, before any blueprint prefix."""
        return self.destination.route

    def _checked(
        self, found: list[RegisteredBlueprint], seen: tuple[Blueprint, ...]
    ) -> list[RegisteredBlueprint]:
        """Refuse a branch registered other than directly in its shell.

        Raises:
            RouteError: On its own, or nested in another blueprint.
        """
        if not seen or seen[-1] is not self.shell:
            full_name = found[0].name
            parent = full_name.rpartition(".")[0]
            where = f"nested in {parent!r}" if parent else "registered on its own"
            raise RouteError(
                f"branch {full_name!r} of shell {self.shell.name!r} is {where}, not in its "
                f"shell: its pages would show without the shell's bar; register the shell "
                f"{self.shell.name!r} (its branches come with it), and nest plain "
                f"blueprints in the branch instead"
            )
        return found

    def __repr__(self) -> str:
        return f"<Branch {self.name!r} of {self.shell.name!r} at {self.path!r}>"


class Shell(Blueprint):
    """Routes that share chrome: a navigation bar on narrow pages, a rail on wide ones.

    Args:
        name: The shell's name (a blueprint name: endpoints are
            ``"<shell>.<branch>.<view>"``).
        url_prefix: Prepended to every branch's templates and root.
        breakpoint: Pages at least this wide (logical pixels) get a
            ``NavigationRail`` beside the content; narrower ones a ``NavigationBar``.
        keep_state: Each branch keeps its stack while another is shown
            (the same views, what was typed still there). False: switching
            to a branch opens its root, and the branch left is closed.
    """

    def __init__(
        self,
        name: str,
        url_prefix: str | None = None,
        *,
        breakpoint: float = DEFAULT_BREAKPOINT,
        keep_state: bool = True,
    ) -> None:
        super().__init__(name, url_prefix)
        self.breakpoint = breakpoint
        self.keep_state = keep_state
        self.branches: list[Branch] = []

    def branch(  # noqa: PLR0913 - keyword-only options, as Flask's route()
        self,
        name: str,
        *,
        label: str,
        icon: Any,
        route: str,
        selected_icon: Any = None,
        url_prefix: str | None = None,
    ) -> Branch:
        """Add a destination and return its branch: a blueprint to add its routes to.

        Destinations are shown in the order they are added.

        Raises:
            RouteError: The shell is registered already, or ``route`` is not a plain path.
        """
        destination = Destination(label, icon, route, selected_icon)
        branch = Branch(self, len(self.branches), name, destination, url_prefix)
        self.register_blueprint(branch)
        self.branches.append(branch)
        return branch

    def _checked(
        self, found: list[RegisteredBlueprint], seen: tuple[Blueprint, ...]
    ) -> list[RegisteredBlueprint]:
        """Refuse a shell nested in this one, and routes outside its branches.

        Raises:
            RouteError: Another shell is nested in this one (in a branch,
                beneath one, or directly), or a route is in none of its branches.
        """
        outer = found[0].name
        for inner in found[1:]:
            if isinstance(inner.blueprint, Shell):
                raise _nested_shell(self, outer, inner, found)
        branches = tuple(one.name + "." for one in found if isinstance(one.blueprint, Branch))
        for one in found:
            in_branch = isinstance(one.blueprint, Branch) or one.name.startswith(branches)
            if one.routes and not in_branch:
                raise RouteError(
                    f"{one.routes[0].template!r} is added to shell {outer!r} outside its "
                    f"branches: a shell's pages belong to a branch (they show with its bar); "
                    f"add it to a branch, or register it on the router beside the shell"
                )
        return found

    def __repr__(self) -> str:
        return f"<Shell {self.name!r} with {len(self.branches)} branches>"


def _nested_shell(
    shell: Shell, outer: str, inner: RegisteredBlueprint, found: list[RegisteredBlueprint]
) -> RouteError:
    """The error for a shell nested in ``shell``, registered as ``outer``.

    A page shows one bar: a deep link into the inner shell would show its
    bar alone, the outer one's destinations gone.
    """
    branch = next(
        (
            one.name
            for one in found
            if isinstance(one.blueprint, Branch)
            and one.blueprint.shell is shell
            and inner.name.startswith(one.name + ".")
        ),
        None,
    )
    where = f"in its branch {branch!r}" if branch else "directly, in none of its branches"
    instead = f"the branch {branch!r}" if branch else f"a branch of {outer!r}"
    return RouteError(
        f"shell {inner.name!r} is nested in shell {outer!r} ({where}): a shell is an "
        f"app's top-level chrome and a page shows one bar, so its pages would lose the "
        f"bar of {outer!r}; register {inner.blueprint.name!r} on the router beside "
        f"{outer!r}, or make its pages plain routes of {instead}"
    )


@dataclass(frozen=True, slots=True)
class Place:
    """Where a route sits in a registered shell: which shell, which branch.

    ``nav.branch`` is the place shown: ``nav.branch.label``,
    ``nav.branch.name`` and ``nav.branch.index`` say which destination it is.

    Attributes:
        shell: The shell.
        shell_name: The name it was registered under (``navkit routes`` shows it).
        branch: The branch.
        root: The address where the branch's destination opens, encoded as
            ``url_for`` writes it (``/caf%C3%A9``).
    """

    shell: Shell
    shell_name: str
    branch: Branch
    root: str

    def opens_at(self, path: str) -> bool:
        """True when ``path`` is the branch's root, however it is written.

        ``/café``, ``/caf%C3%A9`` and ``/caf%c3%a9/`` are one path, as the
        matcher reads them (a trailing slash is optional).
        """
        return path_key(path) == path_key(self.root)

    def beside(self, other: Place) -> bool:
        """True when ``other`` is a branch of the same shell, registered under the same name."""
        return self.shell is other.shell and self.shell_name == other.shell_name

    @property
    def index(self) -> int:
        """The branch's place among the destinations (0: the first)."""
        return self.branch.index

    @property
    def label(self) -> str:
        """The destination's label, as the bar or rail shows it (``"Feed"``)."""
        return self.branch.label

    @property
    def name(self) -> str:
        """The branch's blueprint name (``"feed"``; its endpoints are ``"<shell>.feed.<view>"``)."""
        return self.branch.name

    def __str__(self) -> str:
        return f"{self.shell_name}:{self.branch.name}"


def path_key(path: str) -> str | None:
    """A path as the matcher reads it: semi-decoded, without a trailing slash (None: malformed)."""
    semi = semi_decode_path(path)
    if semi is None or semi == "/":
        return semi
    return semi.removesuffix("/")


class ShellIndex:
    """The shells registered on a table, and the place of each of their routes."""

    def __init__(self) -> None:
        self._places: dict[str, Place] = {}  # by registered blueprint name
        self._roots: dict[str | None, Place] = {}  # by path_key of each branch's root
        self._by_route: dict[int, Place] = {}  # by Route.order

    def add(self, registered: Iterable[RegisteredBlueprint]) -> None:
        """Note the branches among blueprints just registered (before their routes).

        Raises:
            RouteError: Two branches open at the same path.
        """
        shells: dict[int, str] = {}  # id(shell) -> registered name, for this registration
        for one in registered:
            if isinstance(one.blueprint, Shell):
                if len(one.blueprint.branches) < 2:
                    raise RouteError(
                        f"shell {one.name!r} has {len(one.blueprint.branches)} branch(es): a "
                        f"navigation bar shows 2 to 5 destinations; add branches with "
                        f"Shell.branch() before registering it"
                    )
                shells[id(one.blueprint)] = one.name
        for one in registered:
            branch = one.blueprint
            if not isinstance(branch, Branch) or id(branch.shell) not in shells:
                continue
            root = quote(join_prefix(one.prefix, branch.path), safe="/")
            place = Place(branch.shell, shells[id(branch.shell)], branch, root)
            key = path_key(root)
            other = self._roots.get(key)
            if other is not None:
                raise RouteError(
                    f"branches {other} and {place} both open at {root!r}; "
                    f"each destination needs a path of its own"
                )
            self._roots[key] = place
            self._places[one.name] = place

    def note(self, route: Route) -> None:
        """Record the place of a route just registered (if it is in a branch)."""
        name = route.blueprint
        while name:
            place = self._places.get(name)
            if place is not None:
                self._by_route[route.order] = place
                return
            name = name.rpartition(".")[0]

    def place_of(self, route: Route) -> Place | None:
        """The shell and branch ``route`` belongs to (None: it is in no shell)."""
        return self._by_route.get(route.order)

    def root_place(self, path: str) -> Place | None:
        """The branch whose destination opens at ``path`` (however it is written), if any."""
        return self._roots.get(path_key(path))

    @property
    def places(self) -> tuple[Place, ...]:
        """Every branch registered, in registration order."""
        return tuple(self._places.values())
