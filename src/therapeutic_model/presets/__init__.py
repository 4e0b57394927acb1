"""Worked therapeutic models as data: ``tier.toml`` (the seed article's TIER system) and
``therapy-only.toml`` (the anti-pattern the article warns about), with the files they refer to.

Load one with :func:`therapeutic_model.io.load_preset` (``load_preset("tier")``), or copy a file
as the start of your own model and read it with :func:`therapeutic_model.io.load_model`.
"""
