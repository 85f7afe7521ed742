"""The command line. Textual is imported only by commands that open the UI."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from trakon_tui import __version__
from trakon_tui.commands import complain
from trakon_tui.commands.app_request import OpenApp
from trakon_tui.commands.options import Options
from trakon_tui.i18n import LANGUAGES, N_, Lang, _, parse_language, set_language
from trakon_tui.quick import HELP_WIDTH, pre_language, terminal_columns

# argparse's own words, so that `trakon --help` and usage errors are Finnish too.
ARGPARSE_MSGIDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
)


def _translate_argparse() -> None:
    """argparse reads its strings through the `gettext` functions it imported; route them
    through Trakon's catalogue (argparse has no hook for this)."""
    argparse._ = _  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """argparse quotes what the user typed in its errors (`unrecognized arguments: …`) as is;
    here control characters in it are shown as visible stand-ins. Help is formatted to at
    most HELP_WIDTH columns, so that the shipped top-level help (`quick.print_help`) is what
    this parser prints on any terminal at least that wide."""

    columns: int | None = None  # None: the terminal's

    def _get_formatter(self) -> argparse.HelpFormatter:
        columns = self.columns if self.columns is not None else terminal_columns()
        return argparse.HelpFormatter(prog=self.prog, width=min(columns, HELP_WIDTH) - 2)

    def error(self, message: str) -> NoReturn:
        from trakon_tui.core.text import visible

        super().error(visible(message, lines=False))


def _global_options(parser: argparse.ArgumentParser, *, suppress: bool) -> None:
    """Options that work before or after the command (`trakon --lang fi list`, `trakon list
    --lang fi`); on the subcommands they default to SUPPRESS so they never undo the first."""
    default = argparse.SUPPRESS if suppress else None
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=default,
        help=_("language of the interface (default: from the locale)"),
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=default,
        metavar=_("DIR"),
        help=_("where the private log is kept"),
    )
    parser.add_argument(
        "--exercises",
        type=Path,
        action="append",
        default=argparse.SUPPRESS if suppress else [],
        metavar=_("DIR"),
        help=_("an extra folder of exercise files (can be repeated)"),
    )
    flag_default: bool | str = argparse.SUPPRESS if suppress else False
    for name, msgid in (
        ("--reduced-motion", N_("no moving pictures; the same cues and countdown")),
        ("--plain", N_("no full-screen interface: cues as lines of text")),
        ("--no-log", N_("write nothing to the private log")),
    ):
        parser.add_argument(name, action="store_true", default=flag_default, help=_(msgid))


def _output_options(parser: argparse.ArgumentParser) -> None:
    """`-o FILE [--force]`, as export and summary take them (core/private_file.py)."""
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        metavar=_("FILE"),
        help=_("write to FILE, readable by you only"),
    )
    parser.add_argument("--force", action="store_true", help=_("replace FILE if it exists"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="trakon",
        description=_("Trakon: a short, private self-regulation practice between clients."),
        epilog=_("Run without a command to open the app."),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"trakon {__version__}",
        help=_("show program's version number and exit"),  # argparse's default is never translated
    )
    _global_options(parser, suppress=False)
    commands = parser.add_subparsers(dest="command", metavar=_("COMMAND"))

    validate = commands.add_parser(
        "validate",
        help=_("check exercise files and folders"),
        description=_("Check exercise files. Prints every problem; exits 1 if there are any."),
    )
    validate.add_argument("paths", nargs="+", type=Path, metavar=_("PATH"))
    validate.add_argument(
        "--require",
        type=_languages,
        default=(),
        metavar="fi,en",
        help=_("also report every text that lacks one of these languages"),
    )
    validate.add_argument(
        "--show",
        action="store_true",
        help=_("also print how each item will read (in the --lang language), to proofread it"),
    )
    _global_options(validate, suppress=True)

    listing = commands.add_parser(
        "list",
        help=_("list the exercise library"),
        description=_("List the exercise library: id, kind, title, length and what it suits."),
    )
    listing.add_argument(
        "--kind", choices=("breathing", "grounding", "writing", "info", "checkin", "session")
    )
    listing.add_argument("--suits", choices=("above", "within", "below"))
    _global_options(listing, suppress=True)

    breathe = commands.add_parser(
        "breathe",
        help=_("start a breathing practice"),
        description=_(
            "Start a breathing practice: its card, then a 3-2-1 count. Without an "
            "ID, choose from a short list."
        ),
    )
    breathe.add_argument("id", nargs="?", metavar="ID")
    breathe.add_argument(
        "--render-sound",
        type=Path,
        metavar=_("FILE.wav"),
        help=_(
            "write the practice's tones to a new WAV file (16-bit, 48 kHz) instead of starting it"
        ),
    )
    breathe.add_argument(
        "--pace",
        type=float,
        metavar="P",
        help=_("with --render-sound: the pace, 1 as written, 1.1 ten per cent slower"),
    )
    breathe.add_argument(
        "--force", action="store_true", help=_("with --render-sound: replace FILE if it exists")
    )
    _global_options(breathe, suppress=True)

    ground = commands.add_parser(
        "ground",
        help=_("start a grounding practice"),
        description=_(
            "Start a grounding practice: its card, then one step at a time. Without an "
            "ID, choose from a short list."
        ),
    )
    ground.add_argument("id", nargs="?", metavar="ID")
    _global_options(ground, suppress=True)

    checkin = commands.add_parser(
        "checkin",
        help=_("save a check-in to your private log"),
        description=_(
            "Check in: without options the check-in screen opens; with --level (or "
            "--zone unsure) it is saved without the screen, and exits 0 only after it is "
            "safely written."
        ),
    )
    checkin.add_argument("--level", type=int, help=_("arousal now, 0–10"))
    checkin.add_argument("--zone", choices=("below", "within", "above", "unsure"))
    checkin.add_argument("--intensity", type=int, help=_("optional, 0–10"))
    checkin.add_argument("--tags", help=_("signs, comma-separated (e.g. tense,restless)"))
    checkin.add_argument("--note", help=_("a short note (never a client's name or details)"))
    checkin.add_argument(
        "--context",
        action="append",
        metavar=_("TAG"),
        help=_(
            "what was just before, from your list in the settings (e.g. “phone call” or "
            "“puhelu”; comma-separated or repeated; never a client's name)"
        ),
    )
    _global_options(checkin, suppress=True)

    present = commands.add_parser(
        "present",
        help=_("facilitator mode for a shared screen (nothing is logged)"),
        description=_(
            "Run a session programme or a single practice for a group, large and calm. "
            "Nothing personal is shown and nothing is written. Without SESSION, choose."
        ),
    )
    present.add_argument("session", nargs="?", metavar=_("SESSION"))
    side = present.add_mutually_exclusive_group()
    side.add_argument(
        "--notes",
        action="store_true",
        help=_("print SESSION as text for preparing it: its steps, lengths and notes"),
    )
    side.add_argument(
        "--console",
        nargs="?",
        const="",
        metavar="N",
        help=_(
            "in a second terminal: the presenter console for the presentation running in "
            "the first (the current step, its notes, what comes next, the time); with "
            "several running, the Nth of their list, or asked"
        ),
    )
    _global_options(present, suppress=True)

    serve = commands.add_parser(
        "serve",
        help=_("facilitator mode in a browser (needs the serve extra)"),
        description=_(
            "Serve facilitator mode to a browser through textual-serve. Listens on "
            "127.0.0.1 unless told otherwise; nothing is fetched from the internet."
        ),
    )
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
    serve.add_argument("--port", type=_port, default=8000, help=_("port to listen on"))
    _global_options(serve, suppress=True)

    history = commands.add_parser(
        "history",
        help=_("see your check-ins over days and weeks"),
        description=_(
            "Open the history screen: your check-ins and what has helped. With --plain, or "
            "when the output is not a terminal (a pipe, a file), a text summary is printed "
            "instead: kept writings by title and date only (`trakon export` gives their text)."
        ),
    )
    history.add_argument("--weeks", action="store_true", help=_("weeks instead of days"))
    _global_options(history, suppress=True)

    summary = commands.add_parser(
        "summary",
        help=_("the last weeks on one page, to bring to supervision"),
        description=_(
            "The last weeks on one page: how often and when you were above, within or below "
            "your window, what was just before, which practices brought you back, and your "
            "window. Text on the screen, or with -o a file readable by you only (SVG or "
            "HTML: opens in a browser, nothing fetched from the internet). Notes and kept "
            "writings are left out unless you ask for them (--with-notes)."
        ),
    )
    summary.add_argument(
        "--weeks", type=int, default=4, metavar="N", help=_("how many weeks (default 4)")
    )
    summary.add_argument(
        "--format",
        choices=("text", "svg", "html"),
        help=_("text, svg or html (default: from the file name, else text)"),
    )
    _output_options(summary)
    summary.add_argument(
        "--with-notes", action="store_true", help=_("include your notes and kept writings")
    )
    _global_options(summary, suppress=True)

    open_item = commands.add_parser(
        "open",
        help=_("open any item's card by its id"),
        description=_(
            "Open the card of any item by its id: a practice, an information item or a "
            "session (`trakon list` shows the ids). With --plain, or when the output is not a "
            "terminal, the card is printed as text (an information item's pages too)."
        ),
    )
    open_item.add_argument("id", metavar="ID")
    _global_options(open_item, suppress=True)

    export = commands.add_parser(
        "export",
        help=_("export your whole log"),
        description=_(
            "Export every check-in, practice run and kept writing (JSON to standard output "
            "by default). With -o, a new file readable by you only is written; an existing "
            "file is replaced only with --force."
        ),
    )
    export.add_argument("--format", choices=("json", "csv"), default="json")
    _output_options(export)
    _global_options(export, suppress=True)

    forget = commands.add_parser(
        "forget",
        help=_("delete your log, after confirmation"),
        description=_(
            "Delete check-ins, practice runs and kept writings for good (asks first); --all "
            "also deletes the damaged logs kept aside."
        ),
    )
    which = forget.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help=_("everything"))
    which.add_argument("--before", metavar=_("DATE"), help=_("everything before DATE (YYYY-MM-DD)"))
    forget.add_argument(
        "--contacts",
        action="store_true",
        help=_("with --all: also delete your own contacts from the settings"),
    )
    forget.add_argument("--yes", action="store_true", help=_("do not ask (for scripts)"))
    _global_options(forget, suppress=True)
    return parser


def _port(text: str) -> int:
    """A TCP port, 1–65535 (argparse says which value was wrong otherwise)."""
    port = int(text)
    if not 1 <= port <= 65535:
        raise ValueError(text)
    return port


_port.__name__ = "port"  # argparse names the type in its message: "invalid port value"


def _languages(text: str) -> tuple[Lang, ...]:
    """`fi,en` (or one of them): the languages `validate --require` asks for."""
    langs = [parse_language(part.strip()) for part in text.split(",")]
    if not langs or None in langs:
        raise argparse.ArgumentTypeError(_("use fi, en or fi,en"))
    return tuple(dict.fromkeys(lang for lang in langs if lang is not None))


def _pre_language(argv: Sequence[str]) -> Lang:
    """The language before argparse runs, so that its help and errors are translated too:
    `--lang`, else the locale (`quick.pre_language` says why not the saved setting)."""
    return parse_language(pre_language(argv)) or "en"


def render_help(lang: Lang) -> str:
    """The top-level help as a terminal HELP_WIDTH columns wide shows it, in `lang` (what
    `tools/i18n.py compile` ships as `data/help.<lang>.txt`)."""
    set_language(lang)
    _translate_argparse()
    parser = build_parser()
    assert isinstance(parser, _Parser)
    parser.columns = HELP_WIDTH
    return parser.format_help()


def _opens_ui(args: argparse.Namespace) -> bool:
    """Whether the command goes on to the full-screen app (which shows a broken settings
    file as a toast) rather than printing lines (which say so on stderr)."""
    if args.command in ("validate", "list", "export", "forget", "serve", "summary"):
        return False
    if args.command == "present" and args.notes:
        return False
    if args.command in ("history", "open"):  # as text into a pipe or a file
        return not args.plain and sys.stdout is not None and sys.stdout.isatty()
    if args.command == "checkin" and (args.level is not None or args.zone is not None):
        return False
    return args.command == "present" or not args.plain


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    try:
        return _run(args)
    except BrokenPipeError:
        # The reader went away (`trakon list | head`): stop quietly, as other tools do.
        # Point stdout at /dev/null so that the interpreter's final flush cannot fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:  # Ctrl+C at a question: stop, without a traceback
        print(file=sys.stderr)
        return 130
    except Exception as error:  # anything unexpected: a calm sentence, details in a file
        from trakon_tui.core import crash
        from trakon_tui.core.paths import data_dir

        crash.tell(crash.write_report(error, data_dir(_data_dir_arg(args))))
        return crash.EXIT_CRASH


def _data_dir_arg(argv: Sequence[str]) -> Path | None:
    """`--data-dir DIR` from the arguments, read without argparse (which may be what broke)."""
    for i, arg in enumerate(argv):
        if arg.startswith("--data-dir="):
            return Path(arg.split("=", 1)[1])
        if arg == "--data-dir" and i + 1 < len(argv):
            return Path(argv[i + 1])
    return None


def _run(args_list: list[str]) -> int:
    set_language(_pre_language(args_list))
    _translate_argparse()
    args = build_parser().parse_args(args_list)
    from trakon_tui.core.settings import SettingsFile

    settings_file = SettingsFile(report=None if _opens_ui(args) else complain)
    if args.lang:
        set_language(args.lang)
    elif saved := settings_file.load().settings.language:
        set_language(saved)
    if args.command == "validate":
        from trakon_tui.commands.validate import run_validate

        return run_validate(
            args.paths, extra_dirs=args.exercises, require=args.require, show=args.show
        )
    if args.command == "list":
        from trakon_tui.commands.listing import run_list

        return run_list(args.exercises, kind=args.kind, suits=args.suits)
    options = Options.from_args(args, settings_file)
    result = _command(args, options)
    if isinstance(result, OpenApp):
        # The one bridge to the full-screen app: commands return what to open, never
        # import the UI (Textual is imported from here on only).
        from trakon_tui.ui.run import open_app

        return open_app(options, result)
    return result


def _command(args: argparse.Namespace, options: Options) -> int | OpenApp:
    """Run the command; an exit code, or the screen the app should open on."""
    if options.plain and args.command in (None, "checkin") and getattr(args, "level", None) is None:
        from trakon_tui.commands.plain_flow import run_plain

        if getattr(args, "zone", None) is None:
            return run_plain(options)
    if args.command == "checkin" and (args.level is not None or args.zone is not None):
        from trakon_tui.commands.log import run_checkin

        return run_checkin(args, options)
    if args.command == "present" and args.notes:
        from trakon_tui.commands.present_notes import run_notes

        return run_notes(args.session, options)
    if args.command == "present" and args.console is not None:
        from trakon_tui.commands.console import run_console

        return run_console(args.console, args.session, options)
    if args.command == "present":
        from trakon_tui.commands.practice import run_present
        from trakon_tui.commands.serve import end_with_parent

        end_with_parent()
        return run_present(args.session, options)
    if args.command == "serve":
        from trakon_tui.commands.serve import run_serve
        from trakon_tui.ui.run import prepare_present

        return run_serve(args.host, args.port, options, lambda: prepare_present(options))
    if args.command == "history":
        from trakon_tui.commands.log import run_history

        return run_history(options, weeks=args.weeks)
    if args.command == "summary":
        from trakon_tui.commands.summary import run_summary

        return run_summary(
            options,
            weeks=args.weeks,
            fmt=args.format,
            output=args.output,
            force=args.force,
            with_notes=args.with_notes,
        )
    if args.command == "open":
        from trakon_tui.commands.open_item import run_open

        return run_open(args.id, options)
    if args.command == "export":
        from trakon_tui.commands.log import run_export

        return run_export(args.format, args.output, options, force=args.force)
    if args.command == "forget":
        from trakon_tui.commands.log import run_forget

        return run_forget(args.all, args.before, args.yes, options, contacts=args.contacts)
    if args.command == "ground":
        from trakon_tui.commands.practice import run_practice

        return run_practice("grounding", args.id, options)
    if args.command == "breathe" and (args.render_sound is not None or args.pace is not None):
        if args.render_sound is None:
            complain(_("--pace goes with --render-sound FILE.wav."))
            return 2
        from trakon_tui.commands.render_sound import run_render_sound

        return run_render_sound(args.id, args.render_sound, args.pace, args.force, options)
    if args.command == "breathe" or options.plain:
        from trakon_tui.commands.practice import run_breathe

        return run_breathe(getattr(args, "id", None), options)
    return OpenApp("checkin")
