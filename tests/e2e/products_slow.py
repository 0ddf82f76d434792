"""The products port over a slower pretend API (2 s per product), for leaving one while it loads.

Run: ``python -m tests.e2e.products_slow --port N`` (what the Chromium tests start).
"""

from __future__ import annotations

from examples._serve import serve
from examples.components import products

products.API_DELAY = 2.0  # a loaded machine still shows the pending view and clicks Back in time

if __name__ == "__main__":
    serve(products.router, None, name="components.products", start="/products")
