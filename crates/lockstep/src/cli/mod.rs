//! Command-line interface: argument definitions and one module per subcommand.

mod coortweet;
mod demo;
mod detect;
mod eval;
mod explain;
mod progress;
mod report;
mod summary;
mod synth;

use clap::{CommandFactory, Parser, Subcommand};

pub use detect::DetectRequest;
pub use progress::timing_line;

/// Find networks of social-media accounts acting in concert.
///
/// lockstep reads a dump of posts, finds accounts that reshare, link, tag, mention, reply or
/// post the same text within seconds or minutes of each other, weighs that evidence against the
/// popularity of what was shared, and writes ranked networks with the evidence for every link.
#[derive(Parser, Debug)]
#[command(name = "lockstep", version, propagate_version = true)]
#[command(
    after_help = "Start with `lockstep demo` to see a full run on generated data.\n\
Input and output formats: see FORMATS.md in the repository."
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    Detect(Box<detect::DetectArgs>),
    Synth(synth::SynthArgs),
    Eval(eval::EvalArgs),
    Demo(demo::DemoArgs),
    Coortweet(coortweet::CoortweetArgs),
    Report(report::ReportArgs),
    Explain(explain::ExplainArgs),
}

/// Parses a `lockstep` command line given without the program name, as the binary does.
pub fn parse(args: &[String]) -> Result<Cli, clap::Error> {
    Cli::try_parse_from(std::iter::once("lockstep".to_string()).chain(args.iter().cloned()))
}

/// The run `lockstep detect ARGS...` asks for, `args` given without `detect`.
pub fn detect_request(args: &[String]) -> anyhow::Result<DetectRequest> {
    let detect: Vec<String> = std::iter::once("detect".to_string())
        .chain(args.iter().cloned())
        .collect();
    match parse(&detect)?.command {
        Command::Detect(a) => a.request(),
        _ => unreachable!("the command line starts with detect"),
    }
}

/// The long help of `lockstep COMMAND` (of `lockstep` itself for an unknown command).
pub fn long_help(command: &str) -> String {
    let mut cli = Cli::command();
    match cli.find_subcommand_mut(command) {
        Some(sub) => sub.render_long_help().to_string(),
        None => cli.render_long_help().to_string(),
    }
}

/// An argument that parsed but cannot be used (a window of no known unit, a rate outside
/// its range, an unknown signal): a usage error, which exits with status 2 as the parser's
/// own do.
#[derive(Debug)]
pub struct UsageError(pub anyhow::Error);

impl std::fmt::Display for UsageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:#}", self.0)
    }
}

impl std::error::Error for UsageError {}

/// The exit status for `error`: 2 for a usage error, 1 for anything else.
pub fn exit_status(error: &anyhow::Error) -> u8 {
    if error.downcast_ref::<UsageError>().is_some() {
        2
    } else {
        1
    }
}

/// Runs the parsed command.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Detect(a) => detect::run(*a),
        Command::Synth(a) => synth::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Demo(a) => demo::run(a),
        Command::Coortweet(a) => coortweet::run(a),
        Command::Report(a) => report::run(a),
        Command::Explain(a) => explain::run(a),
    }
}
