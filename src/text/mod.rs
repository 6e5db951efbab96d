//! Text knowledge, the ground layer every stage may use and which uses none of them:
//! character classes ([`chars`]), the word lists the code owns ([`words`]), the
//! department alias table ([`aliases`]) and the meeting series table ([`meetings`]),
//! shared by extraction, search and [`Engine`](crate::Engine).
//!
//! Which lists live where:
//! - `dict/*.txt` holds the open lists users edit: department aliases, meeting series
//!   and their names, known persons and places, words that are no persons, political
//!   terms. They are read at build or run time, and adding an entry changes no code.
//! - Code holds the closed sets the logic depends on: titles, role words, organisation
//!   suffixes, function characters, clause marks. An entry there is part of a rule (a
//!   trim, a split, a test for a body), so it changes with the code and its tests.
//!   A closed list that two modules read lives here, in [`words`]; one that a single
//!   module's logic reads stays private to that module, beside the rule that uses it.

pub mod aliases;
pub mod chars;
pub mod definitions;
pub mod meetings;
pub mod words;
