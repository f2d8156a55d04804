"""Versioned model artifacts: `.npz` arrays plus a JSON manifest, checked before use."""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from pathlib import Path
from typing import Any

from sentinelle.analysis.cues import CUES, CUES_VERSION, CueExtractor
from sentinelle.analysis.encoder import DIM, encoder_version
from sentinelle.analysis.features import FEATURES_VERSION, HASH_BITS, Vocabulary
from sentinelle.analysis.models import Head, LanguageModel, LinearMember
from sentinelle.analysis.paths import ARTIFACTS_DIR
from sentinelle.analysis.types import ArtifactError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"


def library_versions() -> dict[str, str]:
    """Versions of the libraries that shape a trained artifact."""
    import numpy
    import scipy
    import sklearn

    return {
        "python": platform.python_version(),
        "numpy": numpy.__version__,
        "scipy": scipy.__version__,
        "scikit-learn": sklearn.__version__,
        "encoder": encoder_version() or "none",
    }


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def save_language_model(model: LanguageModel, directory: Path) -> dict[str, Any]:
    """Write one language's arrays; return its manifest entry."""
    import numpy as np

    arrays: dict[str, Any] = dict(model.vocabulary.to_arrays())
    heads: dict[str, Any] = {}
    full_heads: dict[str, Any] = {}
    for prefix, source, metas in (
        ("", model.heads, heads),
        ("full.", model.full_heads, full_heads),
    ):
        for name, head in source.items():
            for k, member in enumerate(head.members):
                key = f"{prefix}{name}.{k}"
                arrays[f"{key}.coef"] = member.coef.astype(np.float32)
                arrays[f"{key}.intercept"] = member.intercept.astype(np.float32)
                if member.scale is not None:
                    arrays[f"{key}.scale"] = member.scale.astype(np.float32)
            metas[name] = {
                "labels": head.labels,
                "members": len(head.members),
                "threshold": head.threshold,
                "temperature": head.temperature,
            }
    path = directory / f"{model.language}.npz"
    np.savez_compressed(path, **arrays)
    return {
        "file": path.name,
        "sha256": sha256_file(path),
        "heads": heads,
        "full_heads": full_heads,
        "cues": list(model.cues.names),
    }


def write_manifest(directory: Path, languages: dict[str, Any], meta: dict[str, Any]) -> None:
    """Write the manifest that ties the arrays to this code's versions."""
    libraries = library_versions()
    if not any(entry.get("full_heads") for entry in languages.values()):
        libraries["encoder"] = "none"  # installed, perhaps, but no head depends on it
    manifest = {
        "format_version": FORMAT_VERSION,
        "features_version": FEATURES_VERSION,
        "cues_version": CUES_VERSION,
        "libraries": libraries,
        **meta,
        "languages": languages,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def read_manifest(directory: Path | None = None) -> dict[str, Any]:
    """The manifest, checked against this code; `ArtifactError` on any mismatch."""
    directory = directory or ARTIFACTS_DIR
    path = directory / MANIFEST
    if not path.is_file():
        raise ArtifactError(f"no trained models in {directory}")
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError) as exc:
        raise ArtifactError(f"unreadable model manifest {path}: {exc}") from None
    if not isinstance(manifest, dict):
        raise ArtifactError(f"malformed model manifest {path}")
    expected = {
        "format_version": FORMAT_VERSION,
        "features_version": FEATURES_VERSION,
        "cues_version": CUES_VERSION,
    }
    for key, value in expected.items():
        if manifest.get(key) != value:
            raise ArtifactError(
                f"model artifacts have {key}={manifest.get(key)!r}, this code needs {value}"
            )
    if not isinstance(manifest.get("languages"), dict):
        raise ArtifactError(f"malformed model manifest {path}: no languages")
    return manifest


@lru_cache(maxsize=4)
def load_models(directory: Path | None = None) -> dict[str, LanguageModel]:
    """Every language's model, verified; shared by the analyzers that use them."""
    import numpy as np

    directory = directory or ARTIFACTS_DIR
    manifest = read_manifest(directory)
    models: dict[str, LanguageModel] = {}
    for language, entry in manifest["languages"].items():
        try:
            path = directory / entry["file"]
            if not path.is_file():
                raise ArtifactError(f"missing model file {path}")
            if sha256_file(path) != entry["sha256"]:
                raise ArtifactError(f"{path} does not match its checksum in the manifest")
            with np.load(path, allow_pickle=False) as arrays:
                heads = _heads(arrays, entry["heads"], "")
                full_heads = _heads(arrays, entry.get("full_heads") or {}, "full.")
                vocabulary = Vocabulary.from_arrays(arrays)
            if len(vocabulary.char_buckets) and int(vocabulary.char_buckets.max()) >> HASH_BITS:
                raise ArtifactError(f"model for {language!r} was hashed differently")
            if not set(entry["cues"]) <= set(CUES):
                raise ArtifactError(f"model for {language!r} uses cues this code lacks")
            cues = CueExtractor(tuple(entry["cues"]))
        except ArtifactError:
            raise
        except (KeyError, TypeError, ValueError, OSError) as exc:
            raise ArtifactError(f"model for {language!r} is malformed ({exc})") from None
        models[language] = LanguageModel(language, vocabulary, heads, cues, full_heads)
        expected = vocabulary.size + len(cues.names)
        for extra, group in ((0, heads), (DIM, full_heads)):
            for head in group.values():
                if any(m.coef.shape[1] != expected + extra for m in head.members):
                    raise ArtifactError(f"model for {language!r}: head {head.name} has wrong size")
    return models


def _heads(arrays: Any, metas: dict[str, Any], prefix: str) -> dict[str, Head]:
    """The heads described by manifest `metas`, from arrays named `{prefix}{head}.{k}.*`."""
    heads = {}
    for name, meta in metas.items():
        members = []
        for k in range(int(meta["members"])):
            key = f"{prefix}{name}.{k}"
            scale = arrays[f"{key}.scale"] if f"{key}.scale" in arrays.files else None
            members.append(
                LinearMember(
                    coef=arrays[f"{key}.coef"], intercept=arrays[f"{key}.intercept"], scale=scale
                )
            )
        heads[name] = Head(
            name=name,
            labels=list(meta["labels"]),
            members=members,
            threshold=float(meta["threshold"]),
            temperature=float(meta.get("temperature", 1.0)),
        )
    return heads
