//! `zhsearch serve`: the search page and JSON API of `zhsearch::http` on one index.

use std::net::SocketAddr;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::{IndexLocation, VocabularyFiles};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    location: IndexLocation,
    /// The address to listen on. By default, this machine only (loopback); any other
    /// address lets other machines read the index. Port 0 picks a free port.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
    #[command(flatten)]
    vocabulary: VocabularyFiles,
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    let mut engine = args.location.open()?;
    args.vocabulary.add_to(&mut engine)?;
    let engine = Arc::new(engine);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's threads")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("cannot listen on {}", args.addr))?;
        let bound = listener.local_addr()?;
        if !bound.ip().is_loopback() {
            eprintln!(
                "zhsearch: listening on {bound}: other machines that reach it can read the index"
            );
        }
        // The URL alone on stdout, so that scripts (and tests) can read where it is.
        println!("http://{bound}/");
        eprintln!("zhsearch: serving the index; Ctrl-C stops");
        let shutdown = async {
            // If no handler can be installed, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        };
        zhsearch::http::serve(listener, engine, shutdown)
            .await
            .context("the server failed")?;
        eprintln!("zhsearch: stopped");
        Ok(ExitCode::SUCCESS)
    })
}
