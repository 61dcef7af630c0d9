"""Test helpers shared by every app: query budgets, the browser, axe-core."""
