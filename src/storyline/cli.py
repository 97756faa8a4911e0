"""The `storyline` command: a thin layer over the Python API, with progress bars and plain errors."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from storyline import __version__
from storyline.config import MiB, Settings
from storyline.errors import NothingToAnalyze, StorylineError
from storyline.model import Story
from storyline.pipeline import RunSummary, run
from storyline.progress import ProblemsOnly, RichProgress

app = typer.Typer(
    name="storyline",
    help="Turn a pile of news articles into a sourced, cross-checked model of the story they describe.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
)
out_console = Console()
err_console = Console(stderr=True)

SAMPLES = Path(__file__).parent / "samples" / "corpus"
DEFAULTS = Settings()


def _version(value: bool) -> None:
    if value:
        out_console.print(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """storyline: who did what, when, which numbers, who said it, and which outlets agree."""


JobsOption = Annotated[
    int,
    typer.Option("--jobs", "-j", min=1, help="Worker processes for extraction.", show_default="all cores"),
]
QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="No progress bars; errors and summary only.")
]


@app.command()
def analyze(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="Files, folders, URLs, feed URLs, .jsonl/.json/.parquet corpora, .warc(.gz) files."
        ),
    ],
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Folder for story.json, report.html, story.duckdb.")
    ] = Path("storyline-out"),
    jobs: JobsOption = DEFAULTS.jobs,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Skip any input (file or download) larger than this.")
    ] = DEFAULTS.max_bytes / MiB,
    timeout: Annotated[
        float, typer.Option(help="Seconds allowed for one HTTP request in total, redirects included.")
    ] = DEFAULTS.timeout,
    max_redirects: Annotated[int, typer.Option(help="Redirects followed per URL.")] = DEFAULTS.max_redirects,
    follow_feed_links: Annotated[
        bool,
        typer.Option(help="Fetch the linked page of a feed entry that carries only a summary."),
    ] = True,
    allow_private_links: Annotated[
        bool,
        typer.Option(
            "--allow-private-links",
            help="Let feed links and redirects reach loopback, private and link-local addresses.",
        ),
    ] = False,
    ignore_robots: Annotated[
        bool,
        typer.Option("--ignore-robots", help="Fetch the URLs given here even where robots.txt forbids it."),
    ] = False,
    follow_links: Annotated[
        bool,
        typer.Option("--follow-links", help="Read symbolic links in a folder that lead outside it."),
    ] = False,
    fresh: Annotated[
        bool, typer.Option("--fresh", help="Forget articles stored in OUTPUT by earlier runs.")
    ] = False,
    quiet: QuietOption = False,
) -> None:
    """Analyse INPUTS and write the story model and report into OUTPUT.

    Example: storyline analyze saved-pages/ https://example.org/feed.xml -o my-story
    """
    settings = Settings(
        max_bytes=int(max_mb * MiB),
        timeout=timeout,
        max_redirects=max_redirects,
        follow_feed_links=follow_feed_links,
        allow_private_links=allow_private_links,
        ignore_robots=ignore_robots,
        follow_links=follow_links,
        jobs=jobs,
    )
    _run_and_report(inputs, output, settings, fresh=fresh, quiet=quiet)


@app.command()
def demo(
    output: Annotated[Path, typer.Option("--output", "-o", help="Folder for the demo's outputs.")] = Path(
        "storyline-demo"
    ),
    jobs: JobsOption = DEFAULTS.jobs,
    quiet: QuietOption = False,
) -> None:
    """Analyse the bundled sample corpus (a fictional story told by several outlets) and write a report."""
    out_console.print(f"Analysing the bundled sample corpus in {escape(str(SAMPLES))}")
    _run_and_report([str(SAMPLES)], output, Settings(jobs=jobs), fresh=True, quiet=quiet)


@app.command()
def export(
    folder: Annotated[Path, typer.Argument(help="A folder `storyline analyze` wrote (holds story.json).")],
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="json, jsonl, csv, parquet, graphml or jsonld.")
    ] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Where to write; default FOLDER/export-FORMAT.")
    ] = None,
) -> None:
    """Write the story in another format: one table per section (csv, parquet), the actor graph (graphml),
    schema.org JSON-LD, or JSON/JSONL.

    Example: storyline export my-story --format csv
    """
    from storyline.export import FORMATS, export, load_story

    if fmt not in FORMATS:
        err_console.print(
            f"[red]error:[/] unknown format {escape(fmt)!r}; choose one of {', '.join(FORMATS)}"
        )
        raise typer.Exit(2)
    try:
        story = load_story(folder)
        written = export(story, fmt, output or folder / f"export-{fmt}")
    except StorylineError as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    for path in written:
        out_console.print(escape(str(path)))


@app.command()
def serve(
    folder: Annotated[Path, typer.Argument(help="A folder `storyline analyze` wrote (holds story.json).")],
    host: Annotated[
        str, typer.Option(help="Address to listen on. Keep 127.0.0.1 unless others must reach it.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8765,
    allowed_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="Also answer requests for this host name (name or name:port; repeatable). "
            "Others get 400, so a web page cannot reach the explorer through a name it controls.",
            show_default="loopback names and --host",
        ),
    ] = None,
) -> None:
    """Browse a story in a local, read-only web explorer (every page has a .json twin; API at /openapi.json).

    Example: storyline serve my-story   (then open http://127.0.0.1:8765/)
    """
    import uvicorn

    from storyline.web import create_app

    try:
        web_app = create_app(folder, host=host, port=port, allowed_hosts=allowed_host or ())
    except StorylineError as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"[yellow]warning:[/] listening on {escape(host)}: anyone who can reach it can read the story"
        )
    if host in ("0.0.0.0", "::"):
        err_console.print(
            "requests are answered only for loopback names and each --allowed-host NAME; "
            "add the names others use to reach this machine"
        )
    out_console.print(f"Explorer on http://{escape(host)}:{port}/ (Ctrl+C to stop)")
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


@app.command()
def bench(
    articles: Annotated[int, typer.Option(min=8, help="Articles in the timed corpus.")] = 120,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the results here.")] = None,
) -> None:
    """Time each stage beside its baseline (bare spaCy, trafilatura alone) in the same run; print ratios."""
    import json

    from rich.table import Table

    from storyline.bench import run_bench

    rows = run_bench(articles, report=lambda line: err_console.print(f"[dim]{escape(line)}[/]"))
    table = Table(title="storyline bench (ratio > 1: storyline is faster)")
    for column in ("stage", "n", "ours/s", "baseline", "base/s", "ratio", "peak MB ours/base"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row(
            r["benchmark"],
            str(r["items"]),
            f"{r['storyline_per_s']:.1f}",
            r["baseline"],
            f"{r['baseline_per_s']:.1f}",
            f"{r['speed_ratio']:.2f}",
            f"{r['storyline_max_rss_mb']:.0f} / {r['baseline_max_rss_mb']:.0f}",
        )
    out_console.print(table)
    if json_path:
        json_path.write_text(json.dumps(rows, indent=1), "utf-8")


def _run_and_report(inputs: list[str], output: Path, settings: Settings, *, fresh: bool, quiet: bool) -> None:
    try:
        if quiet:
            story, summary = run(inputs, output, settings, progress=ProblemsOnly(err_console), fresh=fresh)
        else:
            with RichProgress(err_console) as progress:
                story, summary = run(inputs, output, settings, progress=progress, fresh=fresh)
    except NothingToAnalyze as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}; nothing was written")
        raise typer.Exit(1) from None
    except StorylineError as exc:
        err_console.print(f"[red]error:[/] {escape(str(exc))}")
        raise typer.Exit(1) from None
    _print_summary(story, summary, output)


def _print_summary(story: Story, summary: RunSummary, output: Path) -> None:
    parts = [f"read {summary.read} new"]
    if summary.already_stored:
        parts.append(f"{summary.already_stored} already stored")
    if summary.repeated:
        parts.append(f"{summary.repeated} given twice")
    skipped = summary.skipped_by_kind()
    if skipped:
        detail = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in skipped.items())
        parts.append(f"skipped {len(summary.problems)} ({detail})")
    out_console.print("Inputs: " + "; ".join(parts))
    out_console.print(
        f"Story: {len(story.articles)} articles, {len(story.entities)} entities, {len(story.quotes)} quotes, "
        f"{len(story.figures)} figures, {len(story.events)} events, {len(story.claims)} claims"
    )
    out_console.print(f"Story model: {escape(str(output / 'story.json'))}")
    out_console.print(f"Database:    {escape(str(output / 'story.duckdb'))}")
    out_console.print(f"Report:      [bold]{escape(str((output / 'report.html').resolve()))}[/]")


if __name__ == "__main__":  # pragma: no cover
    app()
