"""Tutorial: embed therapeutic_model in a care-management product.

JSON in, JSON out, versioned schemas, errors that name the path. Run:
    python examples/embed_product.py
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import therapeutic_model as tm
from therapeutic_model.assessment import Assessment

HERE = Path(__file__).parent

# 1. The product stores the completed questionnaire as an Assessment document.
text = (HERE / "child-sdq.json").read_text(encoding="utf-8")
assessment = tm.loads(text, Assessment)  # checks the schema and every field

# 2. Score it at the child's age on the day it was completed.
child = tm.Child("example-001", date(2013, 8, 28))
sdq = tm.default_registry().get(assessment.instrument_id)
profile = sdq.score(assessment.responses, age_months=child.age_months(assessment.on))

# 3. Store the result: schema-versioned JSON through the library's one converter.
stored = tm.dumps(profile)
doc = json.loads(stored)
print(doc["schema"], doc["schema_version"])  # therapeutic_model/profile 1
print("total difficulties:", doc["scores"]["total_difficulties"]["value"])

# 4. Read it back later, even after the library has moved on (old versions are migrated).
again = tm.loads(stored, tm.Profile)
assert again == profile

# 5. Bad input never raises a bare KeyError: ValidationError names every path, no values.
bad = json.loads(text)
bad["responses"]["7"] = 5  # off the 0-2 scale
bad["responses"]["99"] = 1  # not an item
try:
    sdq.score(tm.loads(json.dumps(bad), Assessment).responses, age_months=136)
except tm.ValidationError as exc:
    for error in exc.errors:
        print(error.path, "->", error.message)
