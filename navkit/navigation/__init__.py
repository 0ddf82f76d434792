"""Navigation without Flet: values, history, URL strategies, the stack, guards, the navigator."""
