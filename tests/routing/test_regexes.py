"""Where RE2 is missing (no wheel for Pyodide, iOS, Android), routes match with Python's re."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def test_without_re2_constrained_routes_match_with_pythons_re() -> None:
    script = textwrap.dedent(
        """
        import sys
        sys.modules["re2"] = None  # as on a platform with no RE2 wheel: import fails
        import navkit
        from navkit.routing import regexes

        assert regexes.re2 is None
        router = navkit.Router()
        router.add_route("/t/:code(\\\\d+)", lambda code: [], endpoint="code")
        router.add_route("/files/:path*", lambda path: [], endpoint="files")
        router.add_route("/users/:user?", lambda user=None: [], endpoint="user")
        print(router.match("/t/42").params["code"])
        print(router.match("/t/x42") is None)
        print(router.match("/files/a/b").params["path"])
        print(router.match("/users").params.get("user"))
        print(router.url_for("code", code="7"))
        """
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=False
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split("\n")[:5] == ["42", "True", "a/b", "None", "/t/7"]
