"""Shipped instruments as data files (TOML), read by ``therapeutic_model.io``."""
