"""Tutorial: plug in your own instrument, first as a TOML file, then as an installed plugin.

Run:
    python examples/own_instrument.py
"""

from __future__ import annotations

from pathlib import Path

import therapeutic_model as tm
from therapeutic_model.io import loads_toml

HERE = Path(__file__).parent

# 1. A TOML spec is all it takes: it is checked when loaded (every problem listed at once).
tool = tm.load_instrument(HERE / "my_tool.toml")
profile = tool.score({"sleeps": 1, "eats": 2, "seeks_adult": 0, "joins_in": 1}, age_months=150)
total = profile.scores["total"]
print(tool.title, "->", total.value, total.band.label if total.band else "no band")

# 2. It works everywhere an instrument does: cohorts, reports, the registry you make.
registry = tm.InstrumentRegistry.of([tool])
print("registered:", registry.ids())

# 3. A broken spec is refused with every problem named.
broken = (
    (HERE / "my_tool.toml")
    .read_text(encoding="utf-8")
    .replace('items = ["sleeps", "eats"]', 'items = ["sleeps", "eats", "naps"]')
)
try:
    loads_toml(broken, tm.InstrumentSpec)
except tm.InvalidDefinition as exc:  # every problem, each naming its id
    print("refused:", "; ".join(exc.problems))

# 4. To share it across products, ship it in a package with an entry point in the group
#    "therapeutic_model.instruments" (see examples/provider_instruments/). Once installed,
#    tm.default_registry() lists it; `therapeutic-model instruments` shows it, and any
#    plugin that fails to load is listed with its reason instead of stopping the others.
