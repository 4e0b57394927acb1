"""Reading a therapeutic model from one TOML (or JSON) file, and the shipped presets.

A model file names the four element policies. Instruments, catalogues and rule files it refers
to are resolved relative to the model file and checked: an unknown instrument id, a missing or
malformed rule file, or a rule naming an intervention the catalogue lacks gives one
:class:`~therapeutic_model.exceptions.ValidationError` listing every problem with its path in
the model file (``$.assessment.entry_instruments[0]``, ``$.response.rules``).

Example model file::

    schema = "therapeutic_model/model"
    schema_version = 1
    name = "our-model"
    instruments = ["tools/my_tool.toml"]      # provider instruments, besides the shipped ones

    [assessment]
    entry_instruments = ["neurosequential"]
    within_days = 28

    [response]
    catalogue = "default"                      # or a path to a catalogue file
    rules = "rules/our-rules.toml"             # "default", "none", or a path

    [review]
    required_roles = ["clinical_assessor", "registered_manager"]

    [team.clinical_supervision]
    every = { count = 1, unit = "months" }
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path

import attrs

from therapeutic_model.assessment import Instrument, InstrumentRegistry
from therapeutic_model.exceptions import FieldError, InvalidDefinition, ValidationError
from therapeutic_model.io._codec import load_file
from therapeutic_model.io._instruments import default_registry, load_instrument
from therapeutic_model.io._response import (
    default_catalogue,
    default_rules,
    load_catalogue,
    read_rules_spec,
)
from therapeutic_model.model import AssessmentPolicy, ResponsePolicy, TherapeuticModel
from therapeutic_model.response import Catalogue, RuleSet, RuleSetSpec
from therapeutic_model.review import ReviewPolicy
from therapeutic_model.team import TeamPolicy

__all__ = [
    "PRESETS",
    "ModelFile",
    "ResponseFiles",
    "load_model",
    "load_preset",
]

PRESETS: tuple[str, ...] = ("tier", "therapy-only")
"""The shipped models: the article's TIER system, and the therapy-only anti-pattern."""

DEFAULT = "default"
NONE = "none"


def _strs(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class ResponseFiles:
    """Element 2 in a model file: where the catalogue and the rules are.

    Args:
        catalogue: ``"default"`` (the shipped catalogue) or a path to a catalogue file.
        rules: ``"default"`` (the shipped rules), ``"none"`` (no rules), or a path to a rules
            file; paths are relative to the model file.
    """

    catalogue: str = DEFAULT
    rules: str = DEFAULT


@attrs.frozen(kw_only=True)
class ModelFile:
    """A model file as written, before its references are resolved.

    Args:
        name: the model's short name.
        title: a readable name.
        source: where the model comes from.
        notes: anything a reader must know.
        instruments: instrument files (TOML or JSON) the model uses besides the shipped and
            plugin instruments, relative to the model file.
        assessment: element 1 (absent: no assessment policy).
        response: element 2's files (absent: no response policy).
        review: element 3 (absent: no review policy).
        team: element 4 (absent: no team policy; an empty ``[team]`` table is the defaults).
    """

    name: str
    title: str = ""
    source: str = ""
    notes: str = ""
    instruments: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    assessment: AssessmentPolicy | None = None
    response: ResponseFiles | None = None
    review: ReviewPolicy | None = None
    team: TeamPolicy | None = None


def load_model(path: str | Path, *, registry: InstrumentRegistry | None = None) -> TherapeuticModel:
    """Read a therapeutic model from a TOML or JSON file, resolving and checking its references.

    Args:
        path: the model file.
        registry: the instruments ids refer to (default: :func:`default_registry`); the model's
            own instrument files are added to a copy, never to this registry.

    Returns:
        The :class:`~therapeutic_model.TherapeuticModel`, ready for ``check_model``.

    Raises:
        ValidationError: naming, by its path in the model file, every malformed field, unknown
            instrument id, unreadable or malformed instrument, catalogue or rules file, and
            rule that names an unknown intervention, instrument or domain.
    """
    p = Path(path)
    spec = _read_model_file(p)
    return _Resolver(p.parent, p.name, registry).model(spec)


def load_preset(name: str) -> TherapeuticModel:
    """One of the shipped models: ``"tier"`` or ``"therapy-only"`` (see :data:`PRESETS`).

    Raises:
        ValidationError: if there is no preset of that name.

    >>> load_preset("tier").name
    'tier'
    """
    if name not in PRESETS:
        raise ValidationError.single(
            "$", f"no preset {name!r}; presets: {', '.join(PRESETS)}", what="preset name"
        )
    files = resources.files("therapeutic_model.presets")
    with resources.as_file(files.joinpath(f"{name}.toml")) as p:
        return load_model(p, registry=default_registry(plugins=False))


def _read_model_file(p: Path) -> ModelFile:
    try:
        return load_file(p, ModelFile)
    except ValidationError as exc:
        raise ValidationError(exc.errors, what=p.name) from None


class _Resolver:
    """Resolves one model file's references, collecting every problem."""

    def __init__(self, base: Path, what: str, registry: InstrumentRegistry | None) -> None:
        self.base = base
        self.what = what
        self.errors: list[FieldError] = []
        given: Iterable[Instrument] = registry if registry is not None else default_registry()
        self.registry = InstrumentRegistry.of(list(given))

    def model(self, spec: ModelFile) -> TherapeuticModel:
        self._instruments(spec.instruments)
        self._check_ids(spec)
        response = self._response(spec.response) if spec.response is not None else None
        if self.errors:
            raise ValidationError(self.errors, what=self.what)
        return TherapeuticModel(
            name=spec.name,
            title=spec.title,
            assessment=spec.assessment,
            response=response,
            review=spec.review,
            team=spec.team,
            instruments=tuple(self.registry),
            source=spec.source,
            notes=spec.notes,
        )

    def _file_error(self, path: str, file: str, exc: Exception) -> None:
        """Record a problem inside a referenced file at the path that names the file."""
        if isinstance(exc, ValidationError):
            for e in exc.errors:
                self.errors.append(FieldError(path, f"in {file!r} at {e.path}: {e.message}"))
        elif isinstance(exc, InvalidDefinition):
            for problem in exc.problems:
                self.errors.append(FieldError(path, f"in {file!r}: {problem}"))

    def _instruments(self, files: Sequence[str]) -> None:
        for i, name in enumerate(files):
            try:
                self.registry.register(load_instrument(self.base / name))
            except (ValidationError, InvalidDefinition) as exc:
                self._file_error(f"$.instruments[{i}]", name, exc)

    def _known(self, instrument_id: str, path: str) -> None:
        if instrument_id not in self.registry:
            known = ", ".join(self.registry.ids())
            self.errors.append(
                FieldError(path, f"no instrument {instrument_id!r}; known instruments: {known}")
            )

    def _check_ids(self, spec: ModelFile) -> None:
        if spec.assessment is not None:
            for i, inst in enumerate(spec.assessment.entry_instruments):
                self._known(inst, f"$.assessment.entry_instruments[{i}]")
        if spec.review is not None:
            for inst in spec.review.psychometrics:
                self._known(inst, f"$.review.psychometrics.{inst}")
            again = spec.review.schedule.reassessment_instrument
            if again is not None:
                self._known(again, "$.review.schedule.reassessment_instrument")
        if spec.team is not None and spec.team.wellbeing.required:
            self._known(spec.team.wellbeing.instrument, "$.team.wellbeing.instrument")

    def _response(self, files: ResponseFiles) -> ResponsePolicy | None:
        catalogue = self._catalogue(files.catalogue)
        if catalogue is None:
            return None
        rules = self._rules(files.rules, catalogue)
        return ResponsePolicy(catalogue=catalogue, rules=rules)

    def _catalogue(self, ref: str) -> Catalogue | None:
        if ref == DEFAULT:
            return default_catalogue()
        try:
            return load_catalogue(self.base / ref)
        except (ValidationError, InvalidDefinition) as exc:
            self._file_error("$.response.catalogue", ref, exc)
            return None

    def _rules(self, ref: str, catalogue: Catalogue) -> RuleSet | None:
        if ref == NONE:
            return None
        try:
            spec: RuleSetSpec = (
                default_rules().spec if ref == DEFAULT else read_rules_spec(self.base / ref)
            )
            return spec.build(catalogue, instruments=self.registry)
        except (ValidationError, InvalidDefinition) as exc:
            self._file_error("$.response.rules", ref, exc)
            return None
