"""HTML views of the web shell, one small module per area (auth, home, health, calculator, errors)."""
