"""Serve an example with Flet's web server and read it in Chromium like a user.

Flutter draws on a canvas, so a :class:`Screen` reads the accessibility tree
Flutter builds once asked to: the AppBar title is a heading, buttons are
buttons (``"Back"`` is the AppBar arrow), texts are text. Nothing here uses
pixel coordinates.
"""

from __future__ import annotations

import base64
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import Error as PlaywrightError

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("NAVKIT_CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TIMEOUT = 15.0  # seconds; the first frame of a cold server takes ~2 s

ENABLE_SEMANTICS = """() => {
  const placeholder = document.querySelector('flt-semantics-placeholder');
  if (placeholder) placeholder.click();
}"""

# Every shell destination Flutter shows, bar or rail, with its box: a
# NavigationBar destination is a ``tab`` named by its label (aria-selected),
# a NavigationRail one a ``button`` with text "Feed\nTab 1 of 3" (aria-current).
READ_DESTINATIONS = """() => Array.from(
  document.querySelectorAll('flt-semantics[role=tab], flt-semantics[role=button][aria-current]'),
  (node) => {
    const box = node.getBoundingClientRect();
    return {
      role: node.getAttribute('role'),
      name: (node.getAttribute('aria-label') || node.textContent).split('\\n')[0],
      selected: node.getAttribute('aria-selected') || node.getAttribute('aria-current'),
      left: box.left, top: box.top, right: box.right, bottom: box.bottom,
    };
  })"""

# The colours of a PNG (base64) at [x, y] points, decoded by the browser itself.
READ_PIXELS = """async ([png, points]) => {
  const image = new Image();
  image.src = 'data:image/png;base64,' + png;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return points.map(([x, y]) => Array.from(context.getImageData(x, y, 1, 1).data.slice(0, 3)));
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``python -m <module> --port N`` in a subprocess, as a user starts it."""

    def __init__(self, module: str, *args: str) -> None:
        self.module = module
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", module, "--port", str(self.port), *args],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        self.banner = self.process.stdout.readline() if self.process.stdout else ""
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                output = self.process.stdout.read() if self.process.stdout else ""
                raise RuntimeError(f"{self.module} exited:\n{self.banner}{output}")
            try:
                with urllib.request.urlopen(self.base + "/", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(f"{self.module} did not serve {self.base} within 60 s")

    def stop(self) -> None:
        self.process.send_signal(signal.SIGINT)  # as Ctrl+C: the server cleans up
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def launch(playwright: Any) -> Browser:
    """Debian's Chromium, headless; Playwright's own download is not needed."""
    browser: Browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return browser


class Screen:
    """A browser tab on one example, read through the accessibility tree."""

    def __init__(self, page: Page, base: str) -> None:
        self.page = page
        self.base = base
        # The client asks a CDN for one script; offline, fail it at once.
        page.route("https://**", lambda route: route.abort())

    # -- actions ---------------------------------------------------------

    def open(self, address: str) -> None:
        self.page.goto(self.base + address)

    def click(self, name: str) -> None:
        """Click the button called ``name`` once Flutter shows exactly one."""
        # By text, not accessible name: after a pop, Flutter sometimes gives
        # the AppBar's back button a name other than its text.
        button = self.page.get_by_role("button").filter(has_text=re.compile(f"^{re.escape(name)}$"))
        self._click_single(button, f"button {name!r}")

    def hover(self, name: str) -> None:
        """Rest the mouse pointer on the button called ``name``."""
        button = self.page.get_by_role("button").filter(has_text=re.compile(f"^{re.escape(name)}$"))
        self._click_single(button, f"button {name!r}", hover=True)

    def back_arrow(self) -> None:
        """The AppBar's back arrow."""
        self.click("Back")

    def browser_back(self) -> None:
        self.page.go_back()

    def browser_forward(self) -> None:
        self.page.go_forward()

    def reload(self) -> None:
        self.page.reload()

    def scroll(self, pixels: int) -> None:
        """Turn the mouse wheel over the middle of the page by ``pixels`` (down: positive)."""
        size = self.page.viewport_size or {"width": 800, "height": 600}
        self.page.mouse.move(size["width"] / 2, size["height"] / 2)
        self.page.mouse.wheel(0, pixels)

    def top_of(self, name: str) -> float:
        """How far from the top of the page the button ``name`` is drawn, once it is shown."""
        button = self.page.get_by_role("button").filter(has_text=re.compile(f"^{re.escape(name)}$"))

        def box() -> Any:
            self.page.evaluate(ENABLE_SEMANTICS)
            return button.bounding_box() if button.count() == 1 else None

        found = wait_for(box, lambda seen: seen is not None)
        assert found is not None, f"no single button {name!r}; buttons: {self.buttons()}"
        return float(found["y"])

    @property
    def history_length(self) -> int:
        """The browser's ``history.length`` for this tab."""
        return int(self.page.evaluate("history.length"))

    def type(self, field: str, text: str) -> None:
        """Type ``text`` into the text field labelled ``field``."""
        self._click_single(self.page.get_by_role("textbox", name=field), f"field {field!r}")
        self.page.keyboard.type(text)

    def tap_destination(self, label: str) -> None:
        """Tap the shell destination ``label`` (in the bar or the rail) once Flutter shows one."""
        bar = self.page.get_by_role("tab", name=label, exact=True)
        rail = self.page.locator("flt-semantics[role=button][aria-current]").filter(
            has_text=re.compile(f"^{re.escape(label)}\\s")
        )
        self._click_single(bar.or_(rail), f"destination {label!r}")

    def typed_in(self, field: str) -> str:
        """The text in the field labelled ``field``, as a user finds it on tapping it.

        Flutter fills the accessible field's value only while it has the focus.
        """
        box = self.page.get_by_role("textbox", name=field)
        self._click_single(box, f"field {field!r}")
        value: str = wait_for(box.input_value, bool)
        return value

    def _click_single(self, target: Locator, what: str, *, hover: bool = False) -> None:
        """Click (or hover) ``target`` once Flutter shows exactly one; retried,
        since during a transition the tree is rebuilt under our feet."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            self.page.evaluate(ENABLE_SEMANTICS)
            try:
                if target.count() == 1:
                    (target.hover if hover else target.click)(timeout=2000)
                    return
            except PlaywrightError:
                pass
            if time.monotonic() > deadline:
                raise AssertionError(f"no single {what}; buttons: {self.buttons()}")
            time.sleep(0.1)

    # -- what is shown ---------------------------------------------------

    @property
    def address(self) -> str:
        """The address bar, without the server's origin."""
        return self.page.url.removeprefix(self.base)

    def headings(self) -> list[str]:
        self.page.evaluate(ENABLE_SEMANTICS)
        texts: list[str] = self.page.get_by_role("heading").all_inner_texts()
        return texts

    def buttons(self) -> list[str]:
        self.page.evaluate(ENABLE_SEMANTICS)
        texts: list[str] = self.page.get_by_role("button").all_inner_texts()
        return texts

    def dialog(self) -> str | None:
        """The text of the open dialog (title first), or None."""
        self.page.evaluate(ENABLE_SEMANTICS)
        dialogs = self.page.get_by_role("alertdialog")
        return str(dialogs.first.inner_text()) if dialogs.count() else None

    def expect_dialog(self, title: str, address: str) -> None:
        """Wait until a dialog titled ``title`` is open at ``address``."""

        def seen() -> tuple[str | None, str]:
            return self.dialog(), self.address

        def wanted(state: tuple[str | None, str]) -> bool:
            text, shown = state
            return text is not None and text.split("\n")[0] == title and shown == address

        last = wait_for(seen, wanted)
        assert wanted(last), (
            f"expected dialog {title!r} at {address!r}; saw {last[0]!r} at {last[1]!r}"
        )

    def destinations(self) -> list[dict[str, Any]]:
        """Every shell destination shown: ``role``, ``name`` (its label), ``selected``
        (``"true"``/``"false"``) and its box (``left``, ``top``, ``right``, ``bottom``)."""
        self.page.evaluate(ENABLE_SEMANTICS)
        found: list[dict[str, Any]] = self.page.evaluate(READ_DESTINATIONS)
        return found

    def progress_shown(self) -> bool:
        """True while navkit's pending indicator (labelled "Loading") is on screen."""
        self.page.evaluate(ENABLE_SEMANTICS)
        return self.page.get_by_label("Loading").count() > 0 or self.shows("Loading")

    def shows(self, text: str) -> bool:
        self.page.evaluate(ENABLE_SEMANTICS)
        return self.page.get_by_text(text, exact=True).count() > 0

    def expect(self, title: str, address: str | None = None, *, text: str | None = None) -> None:
        """Wait until only ``title`` is the heading, the address bar shows
        ``address`` and (if given) ``text`` is on screen; fail with what was seen.

        Exactly one heading: during a pop the closing view's lingers ~300 ms.
        """

        def seen() -> tuple[list[str], str, bool]:
            return self.headings(), self.address, text is None or self.shows(text)

        def wanted(state: tuple[list[str], str, bool]) -> bool:
            headings, shown, has_text = state
            return headings == [title] and address in (None, shown) and has_text

        last = wait_for(seen, wanted)
        assert wanted(last), (
            f"expected {title!r} at {address!r} (text {text!r}); "
            f"saw headings {last[0]} at {last[1]!r}, text shown: {last[2]}"
        )

    def keeps(self, title: str, address: str, seconds: float = 1.5) -> None:
        """Assert that ``title`` stays the only heading at ``address`` for ``seconds``.

        For a refused navigation: nothing should change, and a pop's
        transition takes ~300 ms to show whether it did. A read with no
        heading at all is read again for up to 0.3 s: once in a full run on
        a loaded machine (1 of ~1,500 tests), Chromium's accessibility tree
        had no heading for one sample while the page kept its title; a
        different heading or address fails at once.
        """
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            headings, shown = self.headings(), self.address
            for _ in range(3):  # no heading at all: re-read (see below)
                if headings:
                    break
                time.sleep(0.1)
                headings, shown = self.headings(), self.address
            assert (headings, shown) == ([title], address), (
                f"expected {title!r} to stay at {address!r}; saw {headings} at {shown!r}"
            )
            time.sleep(0.1)

    def screenshot(self, path: Path) -> None:
        """Save a screenshot once two in a row are identical (pixels trail the tree)."""
        previous = b""
        for _ in range(40):
            image = self.page.screenshot()
            if image == previous:
                break
            previous = image
            time.sleep(0.15)
        path.write_bytes(previous)

    def screenshot_when(self, path: Path, painted: Callable[[bytes], bool]) -> bytes:
        """Save (and return) a screenshot once ``painted`` holds for it and the
        next one is identical; the last one taken if that never happens.

        Pixels trail the tree, on a fresh page by seconds: its first
        screenshots can still show Flet's "Working..." frame, twice alike.
        """
        previous = b""
        deadline = time.monotonic() + TIMEOUT
        while True:
            image = self.page.screenshot()
            if (image == previous and painted(image)) or time.monotonic() > deadline:
                path.write_bytes(image)
                return image
            previous = image
            time.sleep(0.15)

    def pixels(self, image: bytes, points: list[tuple[float, float]]) -> list[tuple[int, ...]]:
        """The colours (red, green, blue) of the PNG ``image`` at ``points`` (x, y)."""
        png = base64.b64encode(image).decode("ascii")
        found = self.page.evaluate(READ_PIXELS, [png, [[int(x), int(y)] for x, y in points]])
        return [tuple(colour) for colour in found]


def wait_for(read: Callable[[], Any], done: Callable[[Any], bool], timeout: float = TIMEOUT) -> Any:
    """Poll ``read`` until ``done`` holds for its value or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    value = read()
    while not done(value) and time.monotonic() < deadline:
        time.sleep(0.05)
        value = read()
    return value
