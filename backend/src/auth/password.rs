//! Password hashing with Argon2id at OWASP's recommended cost
//! (m = 19 MiB, t = 2, p = 1), on blocking threads, a bounded number at once
//! so a burst of logins cannot exhaust memory.

use crate::error::{ApiError, ApiResult};
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher as _, PasswordVerifier, SaltString,
};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::Arc;
use tokio::sync::Semaphore;

pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Clone)]
pub struct PasswordHasher {
    permits: Arc<Semaphore>,
    /// Verified against when the e-mail is unknown, so that answer takes as
    /// long as a wrong password and does not reveal which accounts exist.
    dummy_hash: Arc<String>,
}

fn argon2() -> ApiResult<Argon2<'static>> {
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
        .map_err(|e| ApiError::internal(anyhow::anyhow!("argon2 parameters: {e}")))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// Hashes on the current thread; callers on the async runtime go through
/// [`PasswordHasher::hash`].
pub fn hash_blocking(password: &str) -> ApiResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| ApiError::internal(anyhow::anyhow!("hashing failed: {e}")))
}

pub fn verify_blocking(password: &str, hash: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    argon2().is_ok_and(|argon| argon.verify_password(password.as_bytes(), &parsed).is_ok())
}

impl PasswordHasher {
    pub fn new(concurrency: usize) -> ApiResult<Self> {
        Ok(Self {
            permits: Arc::new(Semaphore::new(concurrency.max(1))),
            dummy_hash: Arc::new(hash_blocking(&crate::secrets::random_token())?),
        })
    }

    pub async fn hash(&self, password: String) -> ApiResult<String> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        actix_web::web::block(move || hash_blocking(&password)).await?
    }

    /// Checks a password against a stored hash, or against a dummy one when
    /// there is no account, taking the same time either way.
    pub async fn verify(&self, password: String, stored: Option<String>) -> ApiResult<bool> {
        let _permit = self.permits.acquire().await.map_err(ApiError::internal)?;
        let known = stored.is_some();
        let hash = stored.unwrap_or_else(|| self.dummy_hash.as_str().to_owned());
        let matches = actix_web::web::block(move || verify_blocking(&password, &hash)).await?;
        Ok(known && matches)
    }
}

/// Words that, alone or followed by digits and symbols, make the passwords
/// people pick first; attackers try them first too.
const COMMON_STEMS: &[&str] = &[
    "password",
    "passw0rd",
    "motdepasse",
    "azerty",
    "qwerty",
    "qwertz",
    "abc",
    "admin",
    "administrateur",
    "administrator",
    "welcome",
    "bienvenue",
    "letmein",
    "iloveyou",
    "jetaime",
    "changeme",
    "soleil",
    "bonjour",
    "secret",
    "innovaction",
    "romans",
    "romanssurisere",
    "football",
    "dragon",
    "monkey",
    "sunshine",
    "princess",
    "master",
    "superman",
    "batman",
    "trustno1",
    "login",
    "user",
    "test",
    "default",
    "chocolat",
    "marseille",
    "doudou",
    "loulou",
    "nicolas",
    "camille",
    "isere",
];

/// Whole passwords of 12+ characters that are widely reused.
const COMMON_PASSWORDS: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678901234",
    "123456789123",
    "111111111111",
    "000000000000",
    "123123123123",
    "qwertyuiopas",
    "qwertyuiop123",
    "azertyuiop12",
    "azertyuiop123",
    "azertyuiopqs",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "q1w2e3r4t5y6",
    "zaq12wsxcde3",
    "aaaaaaaaaaaa",
    "abcdefghijkl",
    "abcd1234abcd",
    "passwordpassword",
    "correcthorsebatterystaple",
    "iloveyouiloveyou",
    "mypassword123",
    "thisismypassword",
    "letmeinletmein",
    "welcomewelcome",
    "adminadminadmin",
    "p@ssw0rd1234",
    "p@ssword1234",
];

/// 422 on `password` when it [`is_common`], wherever one is chosen.
pub fn refuse_common(password: &str) -> ApiResult<()> {
    if is_common(password) {
        Err(ApiError::field(
            "password",
            "common_password",
            "this password is too common; choose a longer, less predictable one",
        ))
    } else {
        Ok(())
    }
}

/// Refuses passwords that appear in the list above or are a common stem
/// followed only by digits and punctuation, after lower-casing.
pub fn is_common(password: &str) -> bool {
    let lowered = password.trim().to_lowercase();
    if COMMON_PASSWORDS.contains(&lowered.as_str()) {
        return true;
    }
    let distinct: std::collections::HashSet<char> = lowered.chars().collect();
    if distinct.len() <= 2 {
        return true;
    }
    if is_keyboard_or_digit_run(&lowered) {
        return true;
    }
    COMMON_STEMS.iter().any(|stem| {
        lowered.strip_prefix(stem).is_some_and(|rest| {
            rest.chars()
                .all(|c| c.is_ascii_digit() || c.is_ascii_punctuation())
        })
    })
}

/// "123456789012", "abcdefghijklm": one step up the alphabet or digits.
fn is_keyboard_or_digit_run(lowered: &str) -> bool {
    let chars: Vec<char> = lowered.chars().collect();
    chars.windows(2).all(|pair| {
        let (a, b) = (pair[0] as u32, pair[1] as u32);
        b == a + 1 || (pair[0] == '9' && pair[1] == '0')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters() {
        let hash = hash_blocking("une phrase de passe solide").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_blocking("une phrase de passe solide", &hash));
        assert!(!verify_blocking("une autre phrase de passe", &hash));
        assert!(!verify_blocking("anything", "not a hash"));
        assert_ne!(
            hash,
            hash_blocking("une phrase de passe solide").unwrap(),
            "salted"
        );
    }

    #[test]
    fn common_passwords_are_recognised() {
        for weak in [
            "password1234",
            "Password123!",
            "motdepasse2024",
            "AZERTYUIOP12",
            "123456789012",
            "aaaaaaaaaaaaaa",
            "abababababab",
            "innovaction2026",
            "abcdefghijklm",
        ] {
            assert!(is_common(weak), "{weak} should be refused");
        }
        for fine in [
            "Friche-Jeanne-dArc-2026",
            "violet cerf-volant de mai",
            "password manager rocks",
        ] {
            assert!(!is_common(fine), "{fine} should be accepted");
        }
    }
}
