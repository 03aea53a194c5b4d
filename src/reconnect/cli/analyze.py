"""``reconnect analyze``: read detachment markers, emotions and crisis language in text."""

import json
import sys
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer

from reconnect.cli.options import JsonOption
from reconnect.errors import InputError

JSONL_MAX_LINE = 1_000_000


def _records(handle: TextIO, name: str) -> Iterator[tuple[int, str, str]]:
    """(line number, id, text) for each JSON Lines record; InputError names a bad line."""
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        if len(line) > JSONL_MAX_LINE:
            raise InputError(f"{name} line {number} is longer than {JSONL_MAX_LINE:,} characters")
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{name} line {number} is not valid JSON ({exc.msg})") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f'{name} line {number} needs an object with a "text" string')
        yield number, str(record.get("id", number)), record["text"]


@lru_cache(maxsize=1)
def disclaimer() -> str:
    """The disclaimer of ``content/texts.toml``, read without the content loader (start-up)."""
    import tomllib
    from importlib import resources

    text = resources.files("reconnect").joinpath("content", "texts.toml").read_text("utf-8")
    return str(tomllib.loads(text)["disclaimer"])


def with_resources(result: dict[str, Any], country: str | None = None) -> dict[str, Any]:
    """Add ``crisis_resources`` to a result that carries crisis language (DESIGN safety rules),
    and the disclaimer (SAFE-7)."""
    result["disclaimer"] = disclaimer()
    if result.get("crisis"):
        from reconnect.contracts import crisis_resources_out
        from reconnect.services.safety import crisis_resources

        result["crisis_resources"] = crisis_resources_out(crisis_resources(country)).model_dump()
    return result


def _country(ctx: typer.Context) -> str | None:
    """The country setting; settings are resolved only when a text needs crisis resources."""
    from reconnect.cli.options import root_settings

    return root_settings(ctx).country


def _stream(source: str, output: TextIO, country: str | None) -> int:
    from rich.progress import BarColumn, Progress, TextColumn, TimeRemainingColumn

    from reconnect.analysis import analyze
    from reconnect.cli.render import error_console

    if source == "-":
        handle: TextIO = sys.stdin
        total = None
        name = "standard input"
    else:
        path = Path(source)
        try:
            handle = path.open(encoding="utf-8")
        except FileNotFoundError:
            raise InputError(f"{source} does not exist") from None
        except (IsADirectoryError, PermissionError) as exc:
            raise InputError(f"cannot read {source}: {exc.strerror}") from None
        total = path.stat().st_size
        name = source
    count = 0
    progress = Progress(
        TextColumn("analysing"),
        BarColumn(),
        TextColumn("{task.completed:,.0f} bytes"),
        TimeRemainingColumn(),
        console=error_console(),
        transient=True,
        disable=total is None or total < 200_000,
    )
    try:
        with progress:
            task = progress.add_task("analyse", total=total)
            for _, record_id, text in _records(handle, name):
                result = with_resources({"id": record_id, **analyze(text).to_dict()}, country)
                output.write(json.dumps(result, ensure_ascii=False) + "\n")
                count += 1
                progress.advance(task, len(text.encode("utf-8")) + 1)
    except UnicodeDecodeError:
        raise InputError(f"{name} is not UTF-8 text") from None
    finally:
        if handle is not sys.stdin:
            handle.close()
    return count


def analyze_command(
    ctx: typer.Context,
    texts: Annotated[
        list[str] | None,
        typer.Argument(help="Text to analyse; several arguments are analysed one by one."),
    ] = None,
    json_output: JsonOption = False,
    jsonl: Annotated[
        str | None,
        typer.Option(
            "--jsonl",
            metavar="FILE|-",
            help='Analyse JSON Lines with "id" and "text" (use - for stdin); '
            "writes one JSON object per line.",
        ),
    ] = None,
) -> None:
    """Find signs of detachment, named feelings and crisis language in text.

    Shows each marker with the words that gave it away. Nothing leaves this machine.
    """
    if jsonl is not None:
        if texts:
            raise InputError("give either text arguments or --jsonl, not both")
        _stream(jsonl, sys.stdout, _country(ctx))
        return
    if not texts:
        raise InputError(
            "nothing to analyse", hint='Try: reconnect analyze "I feel nothing lately"'
        )
    from reconnect.analysis import analyze

    results = [(number, text, analyze(text)) for number, text in enumerate(texts, start=1)]
    # Crisis resources and the safety check are the only uses of the settings here.
    needs_country = any(result.crisis or result.concern for _, _, result in results)
    country = _country(ctx) if needs_country else None
    if json_output:
        out: list[dict[str, Any]] = [
            with_resources({"id": str(number), **result.to_dict()}, country)
            for number, _, result in results
        ]
        sys.stdout.write(json.dumps(out if len(out) > 1 else out[0], ensure_ascii=False, indent=2))
        sys.stdout.write("\n")
        return
    from reconnect.cli import render

    console = render.console()
    if any(result.crisis for _, _, result in results):
        console.print(render.crisis_panel(country))
    for _, text, result in results:
        console.print(render.analysis_view(text, result))
    if not any(result.crisis for _, _, result in results) and any(
        result.concern for _, _, result in results
    ):
        from reconnect.cli.safetycheck import ask_safety_check

        # Nothing is saved by analyze, so there is no answer to keep.
        ask_safety_check(country)
