//! Measures what one password check costs at the configured Argon2id
//! parameters: `cargo run --release -p backend --example hash_cost`.

use backend::auth::password::{
    hash_blocking, verify_blocking, ITERATIONS, MEMORY_KIB, PARALLELISM,
};
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let rounds = 20;
    let started = Instant::now();
    let mut hash = String::new();
    for _ in 0..rounds {
        hash =
            hash_blocking("une phrase de passe de mesure").map_err(|e| anyhow::anyhow!("{e}"))?;
    }
    let hashing = started.elapsed() / rounds;
    let started = Instant::now();
    for _ in 0..rounds {
        anyhow::ensure!(verify_blocking("une phrase de passe de mesure", &hash));
    }
    let verifying = started.elapsed() / rounds;
    println!(
        "argon2id m={MEMORY_KIB} KiB t={ITERATIONS} p={PARALLELISM}: hash {:.1} ms, verify {:.1} ms (mean of {rounds}, one core)",
        hashing.as_secs_f64() * 1000.0,
        verifying.as_secs_f64() * 1000.0
    );
    Ok(())
}
