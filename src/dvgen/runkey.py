"""A run's cache and the key of everything its output depends on: dvgen's code and templates,
the settings that change output, and each spec's name and hash. A run with nothing changed
needs no more than this to find its record (``runner``)."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

from dvgen.cache import Cache, fingerprint
from dvgen.config import Config, templates_dir
from dvgen.hashing import digest, sha256
from dvgen.specfiles import SpecFile

_NOT_OUTPUT = frozenset(
    {"specs", "out", "templates", "cache", "cache_dir", "jobs", "ignore", "source"}
)
"""Settings that change no output byte (the templates' content and the specs' names and bytes
are hashed apart): every other setting is part of a run's key."""


def open_cache(config: Config) -> Cache:
    return Cache(config.cache_dir if config.cache else None)


def template_dirs(config: Config) -> list[Path]:
    return [p for p in (config.templates, templates_dir()) if p is not None]


def output_settings(config: Config) -> str:
    """The settings that change output, as text (part of every key of rendered output)."""
    return repr(
        [(f.name, getattr(config, f.name)) for f in fields(config) if f.name not in _NOT_OUTPUT]
    )


def run_key(config: Config, specs: list[SpecFile]) -> str:
    """Everything a run's output depends on, hashed."""
    return key_of(config, [(spec.name, sha256(spec.data)) for spec in specs])


def key_of(config: Config, hashes: list[tuple[str, str]]) -> str:
    """The run's key from each spec's name and hash (``run_key``, ``specstats``)."""
    settings = output_settings(config)
    parts = [fingerprint(template_dirs(config)).encode(), settings.encode()]
    for name, hashed in hashes:
        parts += [name.encode(), hashed.encode()]
    return digest(*parts)
