"""A route's loader: what fetches a page's data, apart from the view that shows it.

``@router.route("/notes/:note_id", loader=load_note)`` -- the loader is
called with the values it names among the view's (path parameters, query
values, a query dataclass) and, if it asks for one by annotation, the
``navkit.Navigation`` being built; the view receives what it returns as its
``data`` parameter. Reading the loader's signature happens here, once, at
registration; running it, caching and preloading its result is the
navigation layer's (:mod:`navkit.navigation.loading`).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

from navkit.errors import RouteError
from navkit.routing.signature import ViewParameters, injected_kind

__all__ = ["DATA_PARAMETER", "Loader", "loader_of"]

# The view parameter that receives the loader's result.
DATA_PARAMETER = "data"


@dataclass(frozen=True, slots=True)
class Loader:
    """A route's loader, read at registration.

    Attributes:
        function: The app's loader (sync or async).
        args: The view values it takes, by name.
        navigation: Its parameter annotated ``navkit.Navigation`` ("" if none).
        stale_time: Seconds a loaded result is reused for the same address
            (0: only while loading, or once after a preload).
    """

    function: Callable[..., Any]
    args: tuple[str, ...]
    navigation: str
    stale_time: float

    def call(self, view_args: dict[str, Any], navigation: Any) -> Any:
        """Call it with what it asks for among ``view_args`` (and the navigation)."""
        args = {name: view_args[name] for name in self.args if name in view_args}
        if self.navigation:
            args[self.navigation] = navigation
        return self.function(**args)


def loader_of(
    template: str, function: Callable[..., Any], stale_time: float, view_values: Collection[str]
) -> Loader:
    """Read ``function``'s signature against the values the view at ``template`` receives.

    Raises:
        RouteError: A parameter the view's values cannot fill (a typo).
    """
    inspected = ViewParameters.of(function)
    args: list[str] = []
    navigation = ""
    for name, parameter in inspected.parameters.items():
        hint = inspected.hints.get(name)
        if injected_kind(hint) == "Navigation":
            navigation = name
        elif name in view_values:
            args.append(name)
        elif parameter.default is inspect.Parameter.empty:
            where = f"route {template!r}: loader {getattr(function, '__qualname__', function)!r}"
            raise RouteError(
                f"{where} takes {name!r}, which the view has no value for "
                f"(it has {sorted(view_values)}; or annotate it navkit.Navigation)"
            )
    return Loader(function, tuple(args), navigation, stale_time)
