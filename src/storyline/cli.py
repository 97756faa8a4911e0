"""The `storyline` command: a thin layer over the Python API, with progress bars and plain errors."""

from __future__ import annotations

import difflib
import errno
import json
import socket
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

from storyline import __version__
from storyline.config import MiB, Settings
from storyline.errors import NothingToAnalyze, StorylineError
from storyline.model import Story
from storyline.pipeline import RunSummary, run
from storyline.progress import ProblemsOnly, RichProgress, shown

app = typer.Typer(
    name="storyline",
    help="Turn a pile of news articles into a sourced, cross-checked model of the story they describe.",
    no_args_is_help=True,
    add_completion=False,
    # Rich's boxed usage errors are cut at 80 columns when piped; plain ones are one line.
    rich_markup_mode="rich" if sys.stderr.isatty() else None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
# soft_wrap: a message is one line however narrow the terminal, or piped (where Rich would assume 80).
out_console = Console(soft_wrap=True)
err_console = Console(stderr=True, soft_wrap=True)

SAMPLES = Path(__file__).parent / "samples" / "corpus"
DEFAULTS = Settings()


def _version(value: bool) -> None:
    if value:
        out_console.print(f"storyline {__version__}", highlight=False)
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
            metavar="INPUT",
            help="Files, folders, URLs, feed URLs, .jsonl/.json/.parquet corpora, .warc(.gz) files; "
            "- reads standard input: JSON Lines, or paths and URLs one a line.",
        ),
    ],
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            help="Folder for story.json, report.html, story.duckdb; - writes story.json to standard output "
            "and stores nothing.",
        ),
    ] = Path("storyline-out"),
    jobs: JobsOption = DEFAULTS.jobs,
    max_mb: Annotated[
        float, typer.Option("--max-mb", min=0.001, help="Skip any input (file or download) larger than this.")
    ] = DEFAULTS.max_bytes / MiB,
    timeout: Annotated[
        float,
        typer.Option(min=0.001, help="Seconds allowed for one HTTP request in total, redirects included."),
    ] = DEFAULTS.timeout,
    max_redirects: Annotated[
        int, typer.Option(min=0, help="Redirects followed per URL.")
    ] = DEFAULTS.max_redirects,
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
    regroup: Annotated[
        bool,
        typer.Option(
            "--regroup",
            help="Group every article into stories anew; by default the stories an earlier run into OUTPUT "
            "made stay as they were and only new articles are placed.",
        ),
    ] = False,
    engine: Annotated[
        str,
        typer.Option(
            help="local: extraction in processes on this machine. ray: cleaning and extraction as Ray Data "
            "actor pools (pip install 'storyline[scale]'); reading, cross-checking and writing stay here.",
        ),
    ] = DEFAULTS.engine,
    ray_address: Annotated[
        str | None,
        typer.Option(
            help="With --engine ray, the Ray cluster to use (host:port from `ray start --head`, "
            "ray://host:port, or auto); without it a local Ray instance is started for the run.",
            show_default="a local instance",
        ),
    ] = None,
    quiet: QuietOption = False,
) -> None:
    """Analyse INPUTS and write the story model and report into OUTPUT.

    Example: storyline analyze saved-pages/ https://example.org/feed.xml -o my-story

    Example: cat urls.txt | storyline analyze - -o - > story.json
    """
    try:
        settings = Settings(
            max_bytes=int(max_mb * MiB),
            timeout=timeout,
            max_redirects=max_redirects,
            follow_feed_links=follow_feed_links,
            allow_private_links=allow_private_links,
            ignore_robots=ignore_robots,
            follow_links=follow_links,
            jobs=jobs,
            regroup=regroup,
            engine=engine.strip().lower(),
            ray_address=ray_address,
        )
    except StorylineError as exc:
        _fail(str(exc), code=2)
    if "-" in inputs and sys.stdin.isatty():
        err_console.print("Reading paths, URLs or JSON Lines from standard input; end with Ctrl+D")
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
    console = err_console if str(output) == "-" else out_console  # keep a piped story.json clean
    console.print(f"Analysing the bundled sample corpus in {shown(str(SAMPLES))}", highlight=False)
    _run_and_report([str(SAMPLES)], output, Settings(jobs=jobs), fresh=True, quiet=quiet)


@app.command()
def export(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="A folder `storyline analyze` wrote (holds story.json).")
    ],
    fmt: Annotated[
        str,
        typer.Option("--format", "-f", help="json, jsonl, csv, parquet, graphml or jsonld (any case)."),
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

    fmt = fmt.strip().lower()
    if fmt not in FORMATS:
        _fail(_unknown_format(fmt, FORMATS), code=2)
    try:
        story = load_story(folder)
        written = export(story, fmt, output or folder / f"export-{fmt}")
    except StorylineError as exc:
        _fail(str(exc))
    for path in written:
        out_console.print(shown(str(path)), highlight=False)


SQL_TIME_LIMIT_MAX = 3600  # seconds: an hour is already far past what a page waits for


@app.command()
def serve(
    folder: Annotated[
        Path, typer.Argument(metavar="DIR", help="A folder `storyline analyze` wrote (holds story.json).")
    ],
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
    sql_time_limit: Annotated[
        float,
        typer.Option(
            "--sql-time-limit",
            metavar="SECONDS",
            help="Seconds a query on the /sql page may run before it is stopped "
            f"(above 0, at most {SQL_TIME_LIMIT_MAX}).",
        ),
    ] = 5.0,
) -> None:
    """Browse a story in a local, read-only web explorer (every page has a .json twin; API at /openapi.json).

    Example: storyline serve my-story   (then open http://127.0.0.1:8765/)
    """
    # `not 0 < x <= max` also refuses nan; the cap keeps a lock's wait within what the platform allows
    if not 0 < sql_time_limit <= SQL_TIME_LIMIT_MAX:
        _fail(
            f"--sql-time-limit takes seconds above 0 and at most {SQL_TIME_LIMIT_MAX}, "
            f"not {sql_time_limit:g}",
            code=2,
        )
    import uvicorn

    from storyline.web import create_app

    try:
        web_app = create_app(
            folder, host=host, port=port, allowed_hosts=allowed_host or (), sql_time_limit=sql_time_limit
        )
    except StorylineError as exc:
        _fail(str(exc))
    # Checked before the address is printed, so a taken port is one line and not a traceback.
    _check_port(host, port)
    if host not in ("127.0.0.1", "localhost", "::1"):
        err_console.print(
            f"[yellow]warning:[/] listening on {shown(host)}: anyone who can reach it can read the story"
        )
    if host in ("0.0.0.0", "::"):
        err_console.print(
            "requests are answered only for loopback names and each --allowed-host NAME; "
            "add the names others use to reach this machine"
        )
    shown_host = f"[{host}]" if ":" in host else host
    out_console.print(f"Explorer on http://{shown(shown_host)}:{port}/ (Ctrl+C to stop)", highlight=False)
    uvicorn.run(web_app, host=host, port=port, log_level="warning")


def _check_port(host: str, port: int) -> None:
    """Fail in one line when `host`:`port` cannot be listened on (a port in use, an address not ours)."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        probe = socket.socket(family, socket.SOCK_STREAM)
    except OSError as exc:
        _fail(f"cannot listen on {host}: {exc.strerror or exc}")
    with probe:
        # as uvicorn binds: a port left in TIME_WAIT by the last run may be reused, one in use may not
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                _fail(f"port {port} on {host} is already in use; choose another with --port")
            _fail(f"cannot listen on {host} port {port}: {exc.strerror or exc}")


@app.command()
def bench(
    articles: Annotated[int, typer.Option(min=8, help="Articles in the timed corpus.")] = 120,
    json_path: Annotated[Path | None, typer.Option("--json", help="Also write the results here.")] = None,
    generate: Annotated[
        str | None,
        typer.Option(
            help="Instead: analyse generated corpora of these sizes (e.g. 1000,10k,100k) and print the curve "
            "of time per article, peak memory, and stories, figures and quotes recovered against the truth."
        ),
    ] = None,
    story_sizes: Annotated[
        str, typer.Option(help="With --generate: cross-check one generated story at these sizes (0: skip).")
    ] = "10,100,1000",
    seed: Annotated[int, typer.Option(help="With --generate: the seed; the same seed, the same corpus.")] = 7,
    timeout: Annotated[
        float | None,
        typer.Option(min=1, help="With --generate or --stress: seconds allowed for each run."),
    ] = None,
    stress: Annotated[
        bool,
        typer.Option(
            "--stress",
            help="Instead: analyse the two inputs that once took the machine down, made up in a temporary "
            "folder (templated look-alike reports; one huge text), and print wall time, CPU time and peak "
            "memory beside the target of each.",
        ),
    ] = False,
    stress_reports: Annotated[
        int, typer.Option(min=0, help="With --stress: look-alike reports of 40 figures each (0: skip).")
    ] = 300,
    stress_mb: Annotated[
        float, typer.Option(min=0, help="With --stress: MB of the one huge text (0: skip).")
    ] = 200,
) -> None:
    """Time each stage beside its baseline (bare spaCy, trafilatura alone) in the same run; print ratios.

    With --generate: time per article and peak memory of `analyze` on generated corpora of each size,
    cross-check time as one story grows, and how much of the generated truth each run recovers.

    With --stress: `analyze` on templated look-alike reports and on one huge text, each in a fresh process.
    """
    import json

    from rich.table import Table

    from storyline.bench import run_bench, run_scale_bench
    from storyline.bench_corpus.scale import parse_sizes, tables

    def report(line: str) -> None:
        err_console.print(f"[dim]{shown(line)}[/]")

    def show(titled: Iterable[tuple[str, Sequence[str], Sequence[Sequence[str]]]], result: object) -> None:
        """Print each table that has rows; write the results to --json when given."""
        for title, columns, lines in titled:
            if lines:
                table = Table(*columns, title=title)
                for line in lines:
                    table.add_row(*line)
                out_console.print(table)
        if json_path:
            json_path.write_text(json.dumps(result, indent=1), "utf-8")

    if stress:
        from storyline.bench_stress import run_stress
        from storyline.bench_stress import table as stress_table

        stress_rows = run_stress(stress_reports, stress_mb, report=report, timeout=timeout)
        show([("storyline analyze on stress inputs", *stress_table(stress_rows))], stress_rows)
        return
    if generate is not None:
        try:
            sizes, stories = parse_sizes(generate), [n for n in parse_sizes(story_sizes, minimum=0) if n > 1]
        except ValueError as exc:
            _fail(str(exc), 2)
        result = run_scale_bench(sizes, stories, report=report, seed=seed, timeout=timeout)
        show(tables(result), result)
        return
    rows = run_bench(articles, report=report)
    table = Table(title="storyline bench (ratio > 1: storyline is faster)")
    for column in (
        "stage",
        "n",
        "ours/s",
        "baseline",
        "base/s",
        "ratio",
        "CPU s ours/base (ratio)",
        "peak MB ours/base",
    ):
        table.add_column(column, overflow="fold")
    for r in rows:
        cpu = (
            f"{r['storyline_cpu_s']:.1f} / {r['baseline_cpu_s']:.1f} ({r['cpu_ratio']:.2f})"
            if r.get("cpu_ratio") is not None
            else "-"
        )
        table.add_row(
            r["benchmark"],
            str(r["items"]),
            f"{r['storyline_per_s']:.1f}",
            r["baseline"],
            f"{r['baseline_per_s']:.1f}",
            f"{r['speed_ratio']:.2f}",
            cpu,
            f"{r['storyline_max_rss_mb']:.0f} / {r['baseline_max_rss_mb']:.0f}",
        )
    out_console.print(table)
    if json_path:
        json_path.write_text(json.dumps(rows, indent=1), "utf-8")


def _run_and_report(inputs: list[str], output: Path, settings: Settings, *, fresh: bool, quiet: bool) -> None:
    to_stdout = str(output) == "-"
    folder = None if to_stdout else output
    progress: ProblemsOnly | RichProgress
    try:
        if quiet or not err_console.is_terminal:
            progress = ProblemsOnly(err_console)
            story, summary = run(inputs, folder, settings, progress=progress, fresh=fresh)
        else:
            with RichProgress(err_console) as progress:
                story, summary = run(inputs, folder, settings, progress=progress, fresh=fresh)
    except NothingToAnalyze as exc:
        _fail(f"{exc}; {_what_was_written(folder)}")
    except StorylineError as exc:
        _fail(str(exc))
    if to_stdout:
        # standard output holds story.json alone, so it can be piped; the summary goes to stderr
        sys.stdout.write(json.dumps(story.to_dict(), ensure_ascii=False, indent=1) + "\n")
        sys.stdout.flush()
    for container, hidden in progress.lines.hidden.items():  # beside the problem lines, on stderr
        where = "the skipped list of story.json" if folder is None else f"{folder / 'story.json'} (skipped)"
        err_console.print(
            f"[yellow]skipped[/] {counted(hidden, 'more document')} of {shown(container)}, not listed above; "
            f"each is in {shown(where)}",
            highlight=False,
        )
    _print_summary(story, summary, folder, err_console if to_stdout else out_console)


def _fail(message: str, code: int = 1) -> NoReturn:
    """Print one error line and leave with `code`."""
    err_console.print(f"[red]error:[/] {shown(message)}", highlight=False)
    raise typer.Exit(code)


def _what_was_written(folder: Path | None) -> str:
    database = folder / "story.duckdb" if folder is not None else None
    if database is None or not database.exists():
        return "nothing was written"
    return f"story.json and report.html were not written; {database} was"


def _unknown_format(fmt: str, formats: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(fmt, formats, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]}? " if close else ""
    return f"unknown format {fmt!r}; {hint}choose one of {', '.join(formats)}"


def counted(n: int, singular: str, plural: str | None = None) -> str:
    """`1 article`, `2 articles`, `1 entity`, `0 entities`."""
    return f"{n} {singular if n == 1 else plural or singular + 's'}"


# How many conflicting claims the closing summary names; the report lists them all.
SUMMARY_CONFLICTS = 5


def _print_summary(story: Story, summary: RunSummary, folder: Path | None, console: Console) -> None:
    def say(line: str) -> None:
        console.print(line, highlight=False)

    parts = [f"read {summary.read} new"]
    if summary.already_stored:
        parts.append(f"{summary.already_stored} already stored")
    if summary.repeated:
        parts.append(f"{summary.repeated} given twice")
    skipped = summary.skipped_by_kind()
    if skipped:
        detail = ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in skipped.items())
        parts.append(f"skipped {len(summary.problems)} ({detail})")
    say("Inputs: " + "; ".join(parts))
    counts = [
        counted(len(story.articles), "article"),
        counted(len(story.entities), "entity", "entities"),
        counted(len(story.quotes), "quote"),
        counted(len(story.figures), "figure"),
        counted(len(story.events), "event"),
        counted(len(story.claims), "claim"),
    ]
    say("Story: " + ", ".join(counts))
    conflicts = [c for c in story.claims if c.status == "conflicting"]
    if not conflicts:
        say("Conflicts: none found")
    else:
        say(f"Conflicts: {counted(len(conflicts), 'claim')} where outlets disagree")
        for claim in conflicts[:SUMMARY_CONFLICTS]:
            what = _cut(claim.statement, 90)
            say(f"  - {shown(what)}" + (f": {shown(_cut(claim.note, 200))}" if claim.note else ""))
        if len(conflicts) > SUMMARY_CONFLICTS:
            say(f"  … and {len(conflicts) - SUMMARY_CONFLICTS} more in the report")
    if folder is None:
        return
    say(f"Story model: {shown(str(folder / 'story.json'))}")
    say(f"Database:    {shown(str(folder / 'story.duckdb'))}")
    say(f"Report:      [bold]{shown(str((folder / 'report.html').resolve()))}[/]")


def _cut(text: str, limit: int) -> str:
    """`text` on one line, cut at a word boundary to about `limit` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


if __name__ == "__main__":  # pragma: no cover
    app()
