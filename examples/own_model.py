"""Tutorial: write your therapeutic model as data and check it.

check_model says, element by element, what is missing and why it matters. Run:
    python examples/own_model.py
"""

from __future__ import annotations

from pathlib import Path

from therapeutic_model.io import load_model, load_preset
from therapeutic_model.model import ELEMENTS, check_model

HERE = Path(__file__).parent

# 1. The shipped TIER model (after the seed article) has all four elements in place.
tier = check_model(load_preset("tier"))
print("tier passes:", tier.passed)

# 2. "Therapy bought in for an hour a week" is the anti-pattern the article warns about.
therapy_only = check_model(load_preset("therapy-only"))
print("therapy-only gaps in elements:", therapy_only.failing_elements)
for finding in therapy_only.element(1):
    print(f"  {ELEMENTS[finding.element]}: {finding.what} (set it at {finding.where})")

# 3. Your own model file: references (your instrument, the rules) are resolved and checked.
ours = load_model(HERE / "my_model.toml")
check = check_model(ours)
print(f"{ours.name}: passed={check.passed}; findings: {check.codes() or 'none'}")

# 4. Which domains of the entry instruments do the rules cover? Uncovered ones are gaps.
uncovered = [f"{c.instrument}:{c.domain}" for c in check.coverage if not c.covered]
print("domains no rule responds to:", uncovered or "none")
