#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Faults: what the application does when things go wrong around it. The
//! database goes away and comes back, the process is killed in the middle of
//! writes, many clients edit the same records at once, a backup is restored
//! into an empty database, and clients are slow, greedy or cross-origin.

#[macro_use]
#[allow(dead_code)]
#[path = "../api/helpers.rs"]
mod helpers;

mod backup;
mod concurrency;
mod crash;
mod hostile;
mod outage;
mod process;
