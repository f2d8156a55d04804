"""Versioned model artifacts: `.npz` arrays plus a JSON manifest, checked before use."""

from __future__ import annotations

import hashlib
import json
import platform
from functools import lru_cache
from pathlib import Path
from typing import Any

from sentinelle.analysis.cues import CUES, CUES_VERSION, CueExtractor
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
    for name, head in model.heads.items():
        for k, member in enumerate(head.members):
            arrays[f"{name}.{k}.coef"] = member.coef.astype(np.float32)
            arrays[f"{name}.{k}.intercept"] = member.intercept.astype(np.float32)
            if member.scale is not None:
                arrays[f"{name}.{k}.scale"] = member.scale.astype(np.float32)
        heads[name] = {
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
        "cues": list(model.cues.names),
    }


def write_manifest(directory: Path, languages: dict[str, Any], meta: dict[str, Any]) -> None:
    """Write the manifest that ties the arrays to this code's versions."""
    manifest = {
        "format_version": FORMAT_VERSION,
        "features_version": FEATURES_VERSION,
        "cues_version": CUES_VERSION,
        "libraries": library_versions(),
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
                heads = {
                    name: Head(
                        name=name,
                        labels=list(meta["labels"]),
                        members=[
                            LinearMember(
                                coef=arrays[f"{name}.{k}.coef"],
                                intercept=arrays[f"{name}.{k}.intercept"],
                                scale=arrays[f"{name}.{k}.scale"]
                                if f"{name}.{k}.scale" in arrays.files
                                else None,
                            )
                            for k in range(int(meta["members"]))
                        ],
                        threshold=float(meta["threshold"]),
                        temperature=float(meta.get("temperature", 1.0)),
                    )
                    for name, meta in entry["heads"].items()
                }
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
        models[language] = LanguageModel(language, vocabulary, heads, cues)
        expected = vocabulary.size + len(cues.names)
        for head in heads.values():
            if any(m.coef.shape[1] != expected for m in head.members):
                raise ArtifactError(f"model for {language!r}: head {head.name} has wrong size")
    return models
