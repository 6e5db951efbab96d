//! The ground layer of text knowledge: what zhsearch knows about Chinese text itself,
//! shared by extraction, search and [`Engine`](crate::Engine), and importing nothing above
//! it.

pub mod aliases;
