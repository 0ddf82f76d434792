"""Exceptions navkit raises.

Two kinds, kept apart on purpose:

* Programming mistakes (a bad template, a duplicate endpoint, an unknown
  endpoint in ``url_for``) raise :class:`RouteError` or :class:`BuildError`
  early, with a message that says what to fix.
* Navigation outcomes (not found, bad request, ...) are :class:`HTTPError`
  values. They may be raised inside a view function (``abort``) but the
  navigation pipeline turns them into error views; they never escape into
  Flet.
"""

from __future__ import annotations

from typing import Any, NoReturn

__all__ = [
    "AddressError",
    "BadRequest",
    "BuildError",
    "Forbidden",
    "HTTPError",
    "InternalServerError",
    "NavkitError",
    "NotFound",
    "Redirect",
    "RouteError",
    "abort",
    "failure",
    "redirect",
]


class NavkitError(Exception):
    """Base class of every exception navkit raises."""


class RouteError(NavkitError, ValueError):
    """A route, blueprint or converter cannot be registered as written."""


class AddressError(NavkitError, ValueError):
    """A navigation target that is not an address inside the app.

    ``//host/x`` and ``/\\host/x`` are read by browsers as another host, and
    control characters cannot be put in an address bar; navkit refuses to
    go there rather than let the browser leave the app or fail.
    """


class BuildError(NavkitError, LookupError):
    """``url_for`` cannot build an address from the endpoint and values given.

    Attributes:
        endpoint: The endpoint that was asked for.
        suggestion: A close alternative (endpoint or parameter name), if any.
    """

    def __init__(self, message: str, *, endpoint: str, suggestion: str | None = None) -> None:
        if suggestion:
            message = f"{message} Did you mean {suggestion!r}?"
        super().__init__(message)
        self.endpoint = endpoint
        self.suggestion = suggestion


class HTTPError(NavkitError):
    """A navigation outcome with an HTTP-like status code.

    Attributes:
        code: The status code (404, 400, ...).
        path: The path the error happened on ("" if not known yet).
        description: What the user is told: the app's words (``abort(404,
            "There is no product 7.")``), else the code's plain default.
        detail: What the developer is told: navkit's own explanation (the
            invalid parameter, the view that failed). Logged, and shown on
            error pages only in debug mode; end users never see it.
    """

    code: int = 500
    default_description = "Something went wrong."

    def __init__(
        self, description: str | None = None, *, path: str = "", detail: str | None = None
    ) -> None:
        self.description = description or self.default_description
        self.path = path
        self.detail = detail
        super().__init__(detail or self.description)

    def __repr__(self) -> str:
        detail = f", detail={self.detail!r}" if self.detail else ""
        return f"{type(self).__name__}({self.description!r}, path={self.path!r}{detail})"


class BadRequest(HTTPError):
    """The address is understood but a value in it is missing or invalid (400).

    Attributes:
        parameter: The offending query parameter, if one is to blame.
    """

    code = 400
    default_description = "This link is incomplete or has a value that is not valid."

    def __init__(
        self,
        description: str | None = None,
        *,
        path: str = "",
        parameter: str | None = None,
        detail: str | None = None,
    ) -> None:
        super().__init__(description, path=path, detail=detail)
        self.parameter = parameter


class NotFound(HTTPError):
    """No route matches the path (404)."""

    code = 404
    default_description = "There is no page at this address."


class Forbidden(HTTPError):
    """The navigation is not allowed (403)."""

    code = 403
    default_description = "You are not allowed to see this page."


class InternalServerError(HTTPError):
    """A view function or guard failed, or redirects went round in circles (500)."""

    code = 500
    default_description = "Something went wrong while opening this page."


def failure(what: str, exception: BaseException) -> InternalServerError:
    """The 500 for ``exception`` raised by ``what`` (a view, a guard, a loader).

    The user is told something went wrong; the developer, in debug mode,
    what raised and its traceback (kept as ``__cause__``).
    """
    error = InternalServerError(detail=f"{what} raised {type(exception).__name__}: {exception}")
    error.__cause__ = exception
    return error


_BY_CODE: dict[int, type[HTTPError]] = {
    error.code: error for error in (BadRequest, Forbidden, NotFound, InternalServerError)
}


def abort(code: int, description: str | None = None) -> NoReturn:
    """Stop building the page and show the error view for ``code`` (Flask's ``abort``).

    Call it from a view function or a guard.

    Raises:
        HTTPError: Always: ``NotFound`` for 404, ``Forbidden`` for 403, ...
        ValueError: ``code`` is not an error code (400 to 599).
    """
    if isinstance(code, bool) or not isinstance(code, int) or not 400 <= code <= 599:
        raise ValueError(f"abort({code!r}): an error code is 400 to 599 (404, 403...)")
    error_type = _BY_CODE.get(code)
    if error_type is None:
        error = HTTPError(description)
        error.code = code
        raise error
    raise error_type(description)


class Redirect(NavkitError):
    """Navigate elsewhere instead: return it from a guard, or raise it.

    Attributes:
        target: A path (``"/login"``) or an endpoint.
        values: Values for the endpoint's ``url_for`` (or the path's query).
    """

    def __init__(self, target: str, values: dict[str, Any]) -> None:
        super().__init__(f"redirect to {target!r}")
        self.target = target
        self.values = values


def redirect(target: str, /, **values: Any) -> Redirect:
    """A redirect to ``target`` (a path or an endpoint built with ``values``).

    ``return navkit.redirect("login", next=nav.path)`` from a guard, or
    ``raise`` it from a guard or a view function.
    """
    return Redirect(target, values)
