//! Secrets that are not configured are generated on first start and kept
//! on disk, readable by the service's user only.

use anyhow::Context;
use base64::Engine;
use rand::RngCore;
use std::io::Write;
use std::path::Path;

/// 256 random bits, URL-safe base64.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn load_or_create(path: &Path) -> anyhow::Result<Vec<u8>> {
    if !path.exists() {
        create_once(path)?;
    }
    let secret = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let secret = secret.trim_ascii().to_vec();
    anyhow::ensure!(
        secret.len() >= 32,
        "{} holds a secret shorter than 32 bytes",
        path.display()
    );
    Ok(secret)
}

/// Writes a new secret beside `path`, then links it into place: a process
/// starting at the same moment either sees no file or the whole secret,
/// and whichever links second keeps the first one's.
fn create_once(path: &Path) -> anyhow::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let draft = path.with_extension(format!("new-{}", uuid::Uuid::new_v4().simple()));
    write_private(&draft, random_token().as_bytes())?;
    let linked = std::fs::hard_link(&draft, path);
    let _ = std::fs::remove_file(&draft);
    match linked {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error).with_context(|| format!("creating {}", path.display())),
    }
}

/// Writes a file that only its owner can read (0600 on Unix).
pub fn write_private(path: &Path, contents: &[u8]) -> anyhow::Result<()> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options
        .open(path)
        .with_context(|| format!("creating {}", path.display()))?;
    file.write_all(contents)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_once_then_reused_with_private_mode() {
        let dir = std::env::temp_dir().join(format!("innovaction-secret-{}", uuid::Uuid::new_v4()));
        let path = dir.join("jwt-secret");
        let first = load_or_create(&path).unwrap();
        let second = load_or_create(&path).unwrap();
        assert_eq!(first, second);
        assert!(first.len() >= 32);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn tokens_are_random() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 43);
    }
}
