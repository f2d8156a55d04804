"""What the administrative CLI commands do, kept apart from argument parsing."""

from __future__ import annotations

from pathlib import Path

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from sentinelle.brands.actions import MembershipError, do_add_member, do_create_brand
from sentinelle.brands.models import Brand
from sentinelle.listening.importer import read_items
from sentinelle.listening.ingest import ImportReport, ingest_lines
from sentinelle.listening.items import ItemError


def create_user(
    *,
    username: str,
    brand_slug: str,
    role: str,
    email: str,
    first_name: str,
    last_name: str,
    password: str,
    create_brand: str,
) -> str:
    """Create a user in a brand (and the brand itself when asked); ValueError on a fault."""
    brand = Brand.objects.filter(slug=brand_slug).first()
    if brand is None:
        if not create_brand:
            raise ValueError(f"No brand {brand_slug!r}. Pass --create-brand 'Name' to create it.")
        brand = do_create_brand(name=create_brand, slug=brand_slug)
    try:
        validate_password(password)
    except ValidationError as exc:
        raise ValueError("Password refused: " + " ".join(exc.messages)) from None
    try:
        do_add_member(
            brand,
            username=username,
            role=role,
            actor=None,
            email=email,
            first_name=first_name,
            last_name=last_name,
            password=password,
        )
    except MembershipError as exc:
        raise ValueError(str(exc)) from None
    return f"{username} is now {role} of {brand.name}."


def progress_bar() -> Progress:
    return Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()
    )


def count_lines(path: Path) -> int:
    with path.open("rb") as handle:
        return sum(1 for _ in handle)


def import_file(path: Path, *, brand_slug: str, source_name: str, fmt: str | None) -> ImportReport:
    """Import a JSONL or CSV file with a progress bar; ValueError when it cannot start."""
    brand = Brand.objects.filter(slug=brand_slug).first()
    if brand is None:
        raise ValueError(f"No brand {brand_slug!r}.")
    try:
        lines = read_items(path, fmt)
        total = count_lines(path)
        with progress_bar() as progress:
            task = progress.add_task(f"Importing {path.name}", total=total)
            report = ingest_lines(
                brand,
                lines,
                default_source=source_name or f"Import {path.name}",
                on_batch=lambda n: progress.advance(task, n),
            )
            progress.update(task, completed=total)
    except ItemError as exc:
        raise ValueError(str(exc)) from None
    return report


def write_corrections(brand_slug: str, path: Path) -> int:
    """Write a brand's corrections as JSON Lines; ValueError for an unknown brand."""
    import json

    from sentinelle.listening.corrections import list_training_corrections

    brand = Brand.objects.filter(slug=brand_slug).first()
    if brand is None:
        raise ValueError(f"No brand {brand_slug!r}.")
    rows = list_training_corrections(brand)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)
