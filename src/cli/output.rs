//! How results look on a terminal and in pipes.

use std::io::IsTerminal;

use zhsearch::{Error, FacetCount, Problem, Snippet};

/// Highlight markers: colour on a terminal, `**` around matches elsewhere.
pub struct Style {
    open: &'static str,
    close: &'static str,
    dim: (&'static str, &'static str),
}

impl Style {
    pub fn for_stdout() -> Style {
        let color = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        if color {
            Style {
                open: "\x1b[1;31m",
                close: "\x1b[0m",
                dim: ("\x1b[2m", "\x1b[0m"),
            }
        } else {
            Style {
                open: "**",
                close: "**",
                dim: ("", ""),
            }
        }
    }

    pub fn highlight(&self, snippet: &Snippet) -> String {
        snippet.render(self.open, self.close)
    }

    pub fn dim(&self, text: &str) -> String {
        format!("{}{text}{}", self.dim.0, self.dim.1)
    }
}

/// Bytes as `12.3 MB` (or `45.6 kB` below a megabyte).
pub fn megabytes(bytes: u64) -> String {
    if bytes < 1_000_000 {
        format!("{:.1} kB", bytes as f64 / 1e3)
    } else {
        format!("{:.1} MB", bytes as f64 / 1e6)
    }
}

/// Counted values as `国务院 (12)、李强 (7)`: facets of a search and the top lists of
/// `stats` alike.
pub fn counts(counts: &[FacetCount]) -> String {
    counts
        .iter()
        .map(|c| format!("{} ({})", c.value, c.count))
        .collect::<Vec<_>>()
        .join("、")
}

/// How many files of unsupported types are named before the rest are only counted.
const UNSUPPORTED_SHOWN: usize = 5;

/// Prints problems on stderr, one line each. Files of unsupported types, which a folder may
/// hold by the thousand, are named up to a few, then counted, unless `verbose`.
pub fn print_problems<'a>(problems: impl IntoIterator<Item = &'a Error>, verbose: bool) {
    let mut unsupported = 0;
    for problem in problems {
        if problem.problem() == Some(Problem::Unsupported) {
            unsupported += 1;
            if unsupported > UNSUPPORTED_SHOWN && !verbose {
                continue;
            }
        }
        eprintln!("zhsearch: {problem}");
    }
    if unsupported > UNSUPPORTED_SHOWN && !verbose {
        eprintln!(
            "zhsearch: … and {} more files of unsupported types (-v lists them all)",
            unsupported - UNSUPPORTED_SHOWN
        );
    }
}
