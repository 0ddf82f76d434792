"""Flet's router cookbook ported to navkit's components mode.

Run one with ``python -m examples.components.<name>``. Each module is a
sample of Flet's ``ft.Router`` cookbook written with navkit, views as
``@ft.component`` functions, and says at its top what it gains over the
original.
"""
