//! One integration test binary: runs the real `sotay` executable over the fixture sites in
//! `tests/fixtures/`, each copied to a temporary folder first.

// Test helpers: a failed unwrap is a failed test.
#![allow(clippy::unwrap_used)]

mod cli;
mod commands;
mod crosslinks;
mod errors;
mod invisible;
mod output;
mod search;
mod search_page;
mod serve;
mod site;
mod strings;
mod support;
