"""What Router and Blueprint share: a route as written, and the ``@route`` decorator."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from navkit.routing.routes import EMPTY

__all__ = ["RouteRegistrar", "RouteSpec"]

View = TypeVar("View", bound=Callable[..., Any])


@dataclass(frozen=True, slots=True)
class RouteSpec:
    """A route as written, before it is registered on a router."""

    template: str
    view: Callable[..., Any] | None
    endpoint: str | None
    defaults: Mapping[str, Any]
    converters: Mapping[str, Any]
    options: Mapping[str, Any]

    @classmethod
    def make(
        cls,
        template: str,
        view: Callable[..., Any] | None,
        endpoint: str | None,
        defaults: Mapping[str, Any] | None,
        converters: Mapping[str, Any] | None,
        options: Mapping[str, Any],
    ) -> RouteSpec:
        """Copy the caller's mappings, so later changes to them change nothing here."""
        return cls(
            template,
            view,
            endpoint,
            dict(defaults) if defaults else EMPTY,
            dict(converters) if converters else EMPTY,
            dict(options) if options else EMPTY,
        )


class RouteRegistrar(ABC):
    """Gives a class with ``add_route`` the ``@route`` decorator."""

    @abstractmethod
    def add_route(
        self,
        template: str,
        view: Callable[..., Any] | None = None,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> object:
        """Register ``view`` at ``template`` (the non-decorator form of :meth:`route`)."""

    def route(
        self,
        template: str,
        *,
        endpoint: str | None = None,
        defaults: Mapping[str, Any] | None = None,
        converters: Mapping[str, Any] | None = None,
        **options: Any,
    ) -> Callable[[View], View]:
        """Decorator: register the decorated view function at ``template``.

        Args:
            template: An ExpressJS-style template (``/users/:id``).
            endpoint: The name for ``url_for``; the function's name by default.
            defaults: Values passed to the view that the template lacks
                (``@route("/users", defaults={"page": 1})``).
            converters: Parameter name → type, registered name or converter
                object, instead of the annotation.
            **options: Options for later layers (``title``, ``parent``, ...).

        Raises:
            RouteError: The template is invalid, the endpoint is taken by
                another function, or another route matches exactly the same
                paths with the same rank (on a blueprint: when it is
                registered).
        """

        def decorator(view: View) -> View:
            self.add_route(
                template,
                view,
                endpoint=endpoint,
                defaults=defaults,
                converters=converters,
                **options,
            )
            return view

        return decorator
