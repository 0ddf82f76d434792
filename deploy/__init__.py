"""Deployment recipes: several Flet workers of one app behind a load balancer."""
