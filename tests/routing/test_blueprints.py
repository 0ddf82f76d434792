"""Blueprints: endpoint names, prefixes, nesting, registering twice."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from navkit import Blueprint, RouteError
from navkit.routing.table import RouteTable


def make_shop() -> Blueprint:
    shop = Blueprint("shop", url_prefix="/shop")

    @shop.route("/")
    def index() -> None: ...

    @shop.route("/items/:item_id")
    def item(item_id: int) -> None: ...

    return shop


def test_blueprint_endpoints_are_prefixed_with_its_name() -> None:
    router = RouteTable()
    router.register_blueprint(make_shop())
    assert router.url_for("shop.index") == "/shop"
    assert router.url_for("shop.item", item_id=3) == "/shop/items/3"
    match = router.match("/shop/items/3")
    assert match is not None
    assert (match.endpoint, match.params, match.route.blueprint) == (
        "shop.item",
        {"item_id": 3},
        "shop",
    )


def test_registering_with_another_prefix() -> None:
    router = RouteTable()
    router.register_blueprint(make_shop(), url_prefix="/store")
    assert router.url_for("shop.item", item_id=3) == "/store/items/3"
    assert router.match("/shop/items/3") is None


def test_registering_twice_needs_another_name() -> None:
    router = RouteTable()
    shop = make_shop()
    router.register_blueprint(shop)
    with pytest.raises(RouteError):
        router.register_blueprint(shop, url_prefix="/v2")
    router.register_blueprint(shop, url_prefix="/v2", name="shop_v2")
    assert router.url_for("shop_v2.item", item_id=1) == "/v2/items/1"
    assert router.url_for("shop.item", item_id=1) == "/shop/items/1"


def test_nested_blueprints() -> None:
    admin = Blueprint("admin", url_prefix="/admin")
    users = Blueprint("users", url_prefix="/users")

    @users.route("/:user_id")
    def view(user_id: int) -> None: ...

    admin.register_blueprint(users)
    router = RouteTable()
    router.register_blueprint(admin)
    assert router.url_for("admin.users.view", user_id=7) == "/admin/users/7"
    match = router.match("/admin/users/7")
    assert match is not None and match.endpoint == "admin.users.view"
    assert match.route.blueprint == "admin.users"


def test_nested_prefix_can_be_overridden() -> None:
    admin = Blueprint("admin", url_prefix="/admin")
    users = Blueprint("users", url_prefix="/users")
    users.add_route("/", lambda: None, endpoint="index")
    admin.register_blueprint(users, url_prefix="/people")
    router = RouteTable()
    router.register_blueprint(admin)
    assert router.url_for("admin.users.index") == "/admin/people"


@pytest.mark.parametrize("name", ["", "a.b"])
def test_blueprint_names_are_checked(name: str) -> None:
    with pytest.raises(RouteError, match="name"):
        Blueprint(name)


def test_blueprint_prefix_must_be_absolute() -> None:
    with pytest.raises(RouteError, match="must start with '/'"):
        Blueprint("x", url_prefix="x")


def test_blueprint_cannot_contain_itself() -> None:
    loop = Blueprint("loop")
    with pytest.raises(RouteError):
        loop.register_blueprint(loop)
    outer, inner = Blueprint("outer"), Blueprint("inner")
    outer.register_blueprint(inner)
    inner.register_blueprint(outer)
    with pytest.raises(RouteError, match="inside itself"):
        RouteTable().register_blueprint(outer)


# -- error handlers for paths no route matches -------------------------------


def _handler(name: str) -> Callable[[object], str]:
    def handler(_error: object) -> str:
        return name

    handler.__name__ = name
    return handler


@pytest.fixture
def handlers() -> RouteTable:
    router = RouteTable()
    router.errorhandler(404)(_handler("router"))
    users = Blueprint("u", url_prefix="/u/:user")
    users.add_route("/", lambda user: None, endpoint="profile")
    users.errorhandler(404)(_handler("users"))
    posts = Blueprint("posts", url_prefix="/posts/:post_id")
    posts.add_route("/", lambda user, post_id: None, endpoint="post")
    posts.errorhandler(404)(_handler("posts"))
    users.register_blueprint(posts)
    shop = Blueprint("shop", url_prefix="/shop")
    shop.add_route("/", lambda: None, endpoint="index")
    shop.errorhandler(404)(_handler("shop"))
    router.register_blueprint(users)
    router.register_blueprint(shop)
    return router


@pytest.mark.parametrize(
    ("path", "handler"),
    [
        ("/u/ada/nothing", "users"),
        ("/u/ada/nothing/", "users"),
        ("/u/J%C3%B6rg/nothing", "users"),
        ("/u/ada/posts/7/nothing", "posts"),  # the innermost blueprint wins
        ("/u/ada/posts", "users"),
        ("/u", "router"),  # the prefix needs its parameter
        ("/user/ada/nothing", "router"),
        ("/shop/nothing", "shop"),
        ("/shopping", "router"),
        ("/nothing", "router"),
    ],
)
def test_not_found_uses_the_handler_of_the_blueprint_it_is_under(
    handlers: RouteTable, path: str, handler: str
) -> None:
    assert handlers.match(path) is None
    found = handlers.error_handler_for(404, path, None)
    assert found is not None and found.__name__ == handler


# -- a registered blueprint takes no more routes ---------------------------


def test_route_added_after_registration_is_refused() -> None:
    shop = make_shop()
    router = RouteTable()
    router.register_blueprint(shop)
    with pytest.raises(RouteError, match=r"blueprint 'shop' is already registered.*'/late'"):

        @shop.route("/late")
        def late() -> None: ...

    with pytest.raises(RouteError, match="blueprint 'shop' is already registered"):
        shop.add_route("/later", lambda: None, endpoint="later")
    with pytest.raises(RouteError, match="blueprint 'shop' is already registered"):
        shop.register_blueprint(Blueprint("child", url_prefix="/child"))
    assert router.match("/shop/late") is None
    assert [route.endpoint for route in router.routes()] == ["shop.index", "shop.item"]


def test_nested_blueprint_is_registered_with_its_parent() -> None:
    admin, users = Blueprint("admin", url_prefix="/admin"), Blueprint("users", url_prefix="/u")
    admin.register_blueprint(users)
    users.add_route("/", lambda: None, endpoint="index")  # before: fine, it is replayed
    RouteTable().register_blueprint(admin)
    with pytest.raises(RouteError, match="blueprint 'users' is already registered"):
        users.add_route("/late", lambda: None, endpoint="late")


def test_blueprint_not_yet_registered_takes_routes() -> None:
    shop = make_shop()
    shop.add_route("/more", lambda: None, endpoint="more")
    router = RouteTable()
    router.register_blueprint(shop)
    assert router.url_for("shop.more") == "/shop/more"
