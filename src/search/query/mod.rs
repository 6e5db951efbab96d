//! From a query string to a tantivy query: the `parser` reads the query language into an
//! expression tree, the `compiler` turns that into tantivy queries over the index's
//! fields, and `lazy_union` is the union the compiler uses inside conjunctions.

mod compiler;
mod lazy_union;
mod parser;

pub(crate) use compiler::{Compiled, Context, compile, compile_expr};
pub(crate) use parser::{Expr, KeywordField, parse};
