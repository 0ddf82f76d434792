"""End-to-end tests: examples served by Flet's web server, driven in headless Chromium."""
