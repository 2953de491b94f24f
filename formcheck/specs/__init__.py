"""Declarative exercise specs: the schema and the loader."""

from formcheck.specs.loader import default_spec_dir, get_spec, load_all_specs, load_spec
from formcheck.specs.schema import ExerciseSpec

__all__ = ["ExerciseSpec", "default_spec_dir", "get_spec", "load_all_specs", "load_spec"]
