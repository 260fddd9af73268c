"""The ``reader`` command line: import, list, show, search and reparse.

Output is a table for people or, with ``--json``, one JSON document on
stdout for scripts. Errors go to stderr with a non-zero exit code.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import textwrap
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from reader import __version__
from reader.paths import library_path
from reader.storage.errors import LibraryError

log = logging.getLogger(__name__)

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2
#: The output's reader stopped reading (``reader list | head``): 128 + SIGPIPE, as a shell
#: reports a command that pipe ended.
EXIT_CLOSED_OUTPUT = 141


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--library",
        metavar="PATH",
        help="library file (default: $READER_LIBRARY, else library.db in the user data folder)",
    )
    common.add_argument("--json", action="store_true", help="print one JSON document on stdout")
    common.add_argument("-v", "--verbose", action="store_true", help="log progress details")

    parser = argparse.ArgumentParser(
        prog="reader",
        description="Reader: an offline library for saved news articles. "
        "Without a command, the desktop app opens.",
        parents=[common],
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("import", parents=[common], help="import files and folders")
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt, .md, .html files or folders")
    p.add_argument("--workers", type=int, default=None, help="parser processes (default: cores)")
    p.add_argument(
        "--no-entities", action="store_true", help="do not find entities now (do it later)"
    )

    p = sub.add_parser("list", parents=[common], help="list articles, newest first")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument(
        "--order", choices=["published", "imported", "title", "source"], default="published"
    )

    p = sub.add_parser("show", parents=[common], help="show one article")
    p.add_argument("id", type=int)

    p = sub.add_parser("search", parents=[common], help="full-text search")
    p.add_argument("query", nargs="+")
    p.add_argument("--limit", type=int, default=20)

    sub.add_parser("reparse", parents=[common], help="re-derive articles from their stored text")

    p = sub.add_parser("entities", parents=[common], help="the entities one article mentions")
    p.add_argument("id", type=int)

    p = sub.add_parser("entity", parents=[common], help="articles that mention an entity")
    p.add_argument("name", nargs="+", help="a name or alias, e.g. Putin, Rusia, Russia")

    p = sub.add_parser(
        "related", parents=[common], help="articles related to one article, with reasons"
    )
    p.add_argument("id", type=int)
    p.add_argument("--limit", type=int, default=10, help="at most this many similar articles")
    mark = p.add_mutually_exclusive_group()
    mark.add_argument("--pin", type=int, metavar="OTHER", help="always show OTHER as related")
    mark.add_argument("--dismiss", type=int, metavar="OTHER", help="never suggest OTHER here")
    mark.add_argument("--forget", type=int, metavar="OTHER", help="undo a pin or dismissal")

    p = sub.add_parser("annotate", parents=[common], help="highlight a quote in an article")
    p.add_argument("id", type=int)
    p.add_argument("--quote", required=True, help="text to highlight (its first occurrence)")
    p.add_argument("--note", default="", help="a note in Markdown")
    p.add_argument("--color", default="yellow", help="yellow, green, blue, pink or purple")
    p.add_argument("--tag", action="append", default=[], help="a tag (repeatable)")

    p = sub.add_parser("notes", parents=[common], help="an article's highlights, notes, bookmarks")
    p.add_argument("id", type=int)

    p = sub.add_parser("export", parents=[common], help="export highlights and notes")
    p.add_argument("--format", choices=("md", "jsonld"), default="md")
    p.add_argument("--article", type=int, help="only this article")
    p.add_argument("-o", "--output", type=Path, help="write to a file instead of stdout")

    p = sub.add_parser(
        "import-annotations", parents=[common], help="merge exported annotations (JSON-LD)"
    )
    p.add_argument("file", type=Path)

    sub.add_parser("backup", parents=[common], help="make a backup of the library now")
    p = sub.add_parser(
        "restore", parents=[common], help="list backups, or put one in place of the library"
    )
    p.add_argument("backup", nargs="?", help="backup file (default: list the backups)")

    p = sub.add_parser("extract", parents=[common], help="find entities in articles not yet done")
    p.add_argument("--all", action="store_true", help="extract every article again")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        code = _run(args)
        sys.stdout.flush()  # a closed pipe shows here, not as a complaint at exit
    except BrokenPipeError:
        # Stop quietly, as other command-line tools do; what was written is written.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_CLOSED_OUTPUT
    return code


def _run(args: argparse.Namespace) -> int:
    from reader.storage.library import Library

    if args.command == "restore":  # the library may be damaged: do not open it
        return _cmd_restore(library_path(args.library), args)
    try:
        with Library(library_path(args.library)) as library:
            return _COMMANDS[args.command](library, args)
    except LibraryError as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("reader: interrupted; articles already stored are whole", file=sys.stderr)
        return 130


def _emit(args: argparse.Namespace, data: Any, human: str) -> None:
    if args.json:
        json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(human)


def _cmd_import(library, args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from reader.importer import Importer

    bar = tqdm(total=0, unit="file", disable=not sys.stderr.isatty(), file=sys.stderr)

    def progress(done: int, total: int, _path: str) -> None:
        bar.total = total
        bar.n = done
        bar.refresh()

    cancel = threading.Event()
    importer = Importer(
        library,
        progress=progress,
        cancel=cancel,
        workers=args.workers,
        entities=not args.no_entities,
    )
    try:
        report = importer.run(args.paths)
    finally:
        bar.close()
    lines = [report.summary()]
    for item in report.skipped:
        lines.append(f"  skipped {item['path']}: {item['reason']}")
    for item in report.duplicates:
        lines.append(f"  duplicate {item['path']} (already stored as #{item['id']})")
    _emit(args, report.as_json(), "\n".join(lines))
    return EXIT_OK


def _cmd_list(library, args: argparse.Namespace) -> int:
    rows = library.list_articles(limit=args.limit, order=args.order)
    _emit(args, rows, _table(rows, ["id", "published", "language", "source", "title"]))
    return EXIT_OK


def _cmd_show(library, args: argparse.Namespace) -> int:
    from reader.storage.entities import article_mentions

    article = library.get(args.id)
    if article is None:
        print(f"reader: no article with id {args.id}", file=sys.stderr)
        return EXIT_ERROR
    if args.json:
        article["entities"] = [
            {k: m[k] for k in ("text", "type", "start", "end", "canonical")}
            for m in article_mentions(library, args.id)
        ]
        _emit(args, article, "")
        return EXIT_OK
    width = min(shutil.get_terminal_size().columns, 80)
    head = [article["title"], ""]
    for key in ("published", "source", "author", "editor", "language", "path"):
        if article.get(key):
            head.append(f"{key:>10}: {article[key]}")
    body = [textwrap.fill(p, width) for p in article["body"].split("\n\n")]
    tail = [f"  - {r['text']}" for r in article["read_also"]]
    parts = ["\n".join(head), "\n\n".join(body)]
    if tail:
        parts.append("Read also:\n" + "\n".join(tail))
    print("\n\n".join(parts))
    return EXIT_OK


def _cmd_search(library, args: argparse.Namespace) -> int:
    from reader.storage.search import MATCH_END, MATCH_START

    rows = library.search(" ".join(args.query), limit=args.limit)
    if args.json:
        for row in rows:
            row["snippet"] = row["snippet"].replace(MATCH_START, "").replace(MATCH_END, "")
        _emit(args, rows, "")
        return EXIT_OK
    lines = []
    for row in rows:
        snippet = row["snippet"].replace(MATCH_START, "[").replace(MATCH_END, "]")
        lines.append(f"#{row['id']} {row['title']}\n    {snippet}")
    print("\n".join(lines) if lines else "no matches")
    return EXIT_OK


def _cmd_reparse(library, args: argparse.Namespace) -> int:
    from reader.entities import extract_pending
    from reader.reparse import reparse_library

    report = reparse_library(library)
    report["entities_extracted"] = extract_pending(library)
    _emit(args, report, f"{report['updated']} re-parsed, {len(report['failed'])} failed")
    return EXIT_OK


def _cmd_entities(library, args: argparse.Namespace) -> int:
    from reader.storage.entities import article_entities

    if library.get(args.id) is None:
        print(f"reader: no article with id {args.id}", file=sys.stderr)
        return EXIT_ERROR
    rows = article_entities(library, args.id)
    lines = [
        f"{r['type']:<13} {r['mentions']:>3}x  {r['canonical']}  ({r['articles']} article{'s' if r['articles'] != 1 else ''})"
        for r in rows
    ]
    _emit(args, rows, "\n".join(lines) or "(no entities)")
    return EXIT_OK


def _cmd_entity(library, args: argparse.Namespace) -> int:
    from reader.storage.entities import entity_articles, find_entities

    name = " ".join(args.name)
    found = find_entities(library, name)
    if not found:
        print(f"reader: no entity called {name!r}", file=sys.stderr)
        return EXIT_ERROR
    result = []
    lines = []
    for item in found:
        articles = entity_articles(library, item["id"])
        result.append({**item, "article_list": articles})
        lines.append(f"{item['canonical']} ({item['type']}, {len(articles)} articles)")
        for article in articles:
            lines.append(f"  #{article['id']} {article['published'] or '':<16} {article['title']}")
            lines.append(f"      {article['sentence']}")
    _emit(args, result, "\n".join(lines))
    return EXIT_OK


def _cmd_related(library, args: argparse.Namespace) -> int:
    from reader.related import suggestions
    from reader.related_index import index_pending
    from reader.storage.related import set_feedback

    if library.get(args.id) is None:
        print(f"reader: no article with id {args.id}", file=sys.stderr)
        return EXIT_ERROR
    index_pending(library)
    for verdict, other in (("pin", args.pin), ("dismiss", args.dismiss), (None, args.forget)):
        if other is not None:
            if library.get(other) is None or other == args.id:
                print(f"reader: no other article with id {other}", file=sys.stderr)
                return EXIT_ERROR
            set_feedback(library, args.id, other, verdict)
    found = suggestions(library, args.id, limit=args.limit)
    lines = [
        f"#{s.id} [{s.kind}] {s.title}\n    {' · '.join(s.reasons)}"
        + "".join(f"\n    also: #{c['id']} {c['source'] or ''}" for c in s.copies)
        for s in found
    ]
    _emit(args, [s.as_json() for s in found], "\n".join(lines) or "no related articles")
    return EXIT_OK


def _cmd_annotate(library, args: argparse.Namespace) -> int:
    from reader.annotations import COLORS, find_quote, highlight
    from reader.storage.annotations import save

    article = library.get(args.id)
    if article is None:
        print(f"reader: no article with id {args.id}", file=sys.stderr)
        return EXIT_ERROR
    if args.color not in COLORS:
        print(f"reader: unknown colour {args.color!r}; use {', '.join(COLORS)}", file=sys.stderr)
        return EXIT_ERROR
    span = find_quote(article["body"], args.quote)
    if span is None:
        print(
            f"reader: the quote is not in article {args.id} ({article['title']!r})",
            file=sys.stderr,
        )
        return EXIT_ERROR
    made = highlight(args.id, article["body"], *span, color=args.color, note=args.note)
    saved = save(library, replace(made, tags=tuple(args.tag)))
    _emit(args, _annotation_json(saved), f"highlighted {saved.quote!r} ({saved.uuid})")
    return EXIT_OK


def _annotation_json(a) -> dict:
    return {
        "id": a.uuid,
        "kind": a.kind,
        "color": a.color,
        "quote": a.quote,
        "start": a.start,
        "end": a.end,
        "orphan": a.orphan,
        "label": a.label,
        "note": a.note,
        "tags": list(a.tags),
        "created": a.created_at,
        "modified": a.modified_at,
    }


def _cmd_notes(library, args: argparse.Namespace) -> int:
    from reader.storage.annotations import for_article

    if library.get(args.id) is None:
        print(f"reader: no article with id {args.id}", file=sys.stderr)
        return EXIT_ERROR
    found = [_annotation_json(a) for a in for_article(library, args.id)]
    lines = []
    for a in found:
        head = {"highlight": f"[{a['color']}] “{a['quote']}”", "bookmark": f"bookmark {a['label']}"}
        lines.append(head.get(a["kind"], "note") + (" (orphan)" if a["orphan"] else ""))
        if a["note"]:
            lines.append(textwrap.indent(a["note"], "    "))
    _emit(args, found, "\n".join(lines) or "no highlights or notes")
    return EXIT_OK


def _cmd_export(library, args: argparse.Namespace) -> int:
    from reader.annotation_export import to_jsonld, to_markdown

    if args.article is not None and library.get(args.article) is None:
        print(f"reader: no article with id {args.article}", file=sys.stderr)
        return EXIT_ERROR
    if args.format == "md":
        text = to_markdown(library, args.article)
    else:
        text = json.dumps(to_jsonld(library, args.article), ensure_ascii=False, indent=2) + "\n"
    if args.output is None:
        sys.stdout.write(text)
    else:
        args.output.write_text(text, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return EXIT_OK


def _cmd_import_annotations(library, args: argparse.Namespace) -> int:
    from reader.annotation_export import import_jsonld

    try:
        result = import_jsonld(library, args.file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        print(f"reader: {args.file}: cannot import annotations: {exc}", file=sys.stderr)
        return EXIT_ERROR
    summary = (
        f"{result.added} added, {result.updated} updated, {result.deleted} deleted,"
        f" {result.unchanged} unchanged, {len(result.skipped)} skipped"
    )
    human = "\n".join([summary, *(f"  skipped {s}" for s in result.skipped)])
    _emit(args, result.as_json(), human)
    return EXIT_OK


def _cmd_backup(library, args: argparse.Namespace) -> int:
    target = library.backup("manual")
    _emit(args, {"backup": str(target)}, f"backed up to {target}")
    return EXIT_OK


def _cmd_restore(path: Path, args: argparse.Namespace) -> int:
    from reader.storage.backup import list_backups, restore

    if args.backup is None:
        rows = [
            {
                "path": str(b.path),
                "created": b.created.isoformat(),
                "reason": b.reason,
                "size": b.size,
            }
            for b in list_backups(path)
        ]
        lines = [f"{r['created'][:19]}  {r['reason']:<22} {r['path']}" for r in rows]
        _emit(args, rows, "\n".join(lines) or f"no backups of {path}")
        return EXIT_OK
    try:
        aside = restore(path, Path(args.backup))
    except (LibraryError, OSError) as exc:
        print(f"reader: {exc}", file=sys.stderr)
        return EXIT_ERROR
    kept = f"; the previous file is kept as {aside}" if aside else ""
    _emit(
        args,
        {"restored": args.backup, "previous": str(aside) if aside else None},
        f"restored {path} from {args.backup}{kept}",
    )
    return EXIT_OK


def _cmd_extract(library, args: argparse.Namespace) -> int:
    from reader.entities import extract_articles, extract_pending

    if args.all:
        ids = [row["id"] for row in library.list_articles(order="imported")]
        done = extract_articles(library, ids)
    else:
        done = extract_pending(library)
    _emit(args, {"extracted": done}, f"{done} articles extracted")
    return EXIT_OK


def _table(rows: list[dict], columns: list[str]) -> str:
    if not rows:
        return "(no articles)"
    width = shutil.get_terminal_size((120, 20)).columns
    fixed = {"id": 6, "published": 16, "language": 4, "source": 18}
    out = []
    for row in rows:
        cells = []
        for col in columns:
            value = "" if row.get(col) is None else str(row[col])
            if col in fixed:
                cells.append(value[: fixed[col]].ljust(fixed[col]))
            else:
                room = max(20, width - sum(fixed.values()) - len(fixed))
                cells.append(value[:room])
        out.append(" ".join(cells))
    return "\n".join(out)


_COMMANDS = {
    "import": _cmd_import,
    "list": _cmd_list,
    "show": _cmd_show,
    "search": _cmd_search,
    "reparse": _cmd_reparse,
    "entities": _cmd_entities,
    "entity": _cmd_entity,
    "extract": _cmd_extract,
    "related": _cmd_related,
    "annotate": _cmd_annotate,
    "notes": _cmd_notes,
    "export": _cmd_export,
    "import-annotations": _cmd_import_annotations,
    "backup": _cmd_backup,
    "restore": _cmd_restore,
}
COMMANDS = tuple(_COMMANDS)
