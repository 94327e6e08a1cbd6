"""Pure rules of 双随机、一公开: the draw algorithm (draw.py) and plan validation (plans.py)."""
