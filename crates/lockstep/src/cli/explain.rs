//! `lockstep explain`: why an account is in its network, or why two accounts are linked.

use anyhow::Result;
use clap::Args;
use lockstep_report::explain;
use std::path::PathBuf;

/// Explain why an account is in its network, or why two accounts are linked.
///
/// Reads the result files of DIR. With one account it prints the account's network and role,
/// why it is in the network (how many members it is linked to, its strongest edges), the
/// network's summary and the behaviour signs behind its verdict, every edge of the account
/// with the co-actions expected by chance, p-value and q-value, and the co-actions of its
/// edges inside the network. With two accounts it prints the edge between them and its
/// co-actions: the objects, both posts, both times and the lag. An account is named by its
/// id as in accounts.csv, as `platform:id`, or by its handle.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  lockstep explain results 1697745754                 # one account
  lockstep explain results 1697745754 490325841150266414   # one pair
  lockstep explain results @somehandle --json --limit 0")]
pub struct ExplainArgs {
    /// Directory written by `lockstep detect`.
    #[arg(value_name = "DIR")]
    run_dir: PathBuf,
    /// The account to explain.
    #[arg(value_name = "ACCOUNT")]
    account: String,
    /// A second account: explain the link between the two.
    #[arg(value_name = "OTHER")]
    other: Option<String>,
    /// Most co-actions shown (0: all).
    #[arg(long, default_value_t = 20, value_name = "N")]
    limit: usize,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs `lockstep explain`.
pub fn run(args: ExplainArgs) -> Result<()> {
    let mut asked = vec![args.account.as_str()];
    asked.extend(args.other.as_deref());
    let limit = if args.limit == 0 {
        usize::MAX
    } else {
        args.limit
    };
    let explanation = explain(&args.run_dir, &asked, limit)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&explanation)?);
    } else {
        println!("{explanation}");
    }
    Ok(())
}
