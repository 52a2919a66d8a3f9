//! The IMAP password kept in the OS keyring (macOS Keychain, Windows Credential Manager, the
//! Linux kernel keyring), one entry per account, as mail clients keep theirs: stored after a
//! password typed at the prompt logs in, read before asking again, removed by `fetch --forget`.
//!
//! Where the platform has no keyring, nothing is kept and the rep is asked each time.

use keyring::credential::CredentialPersistence;
use keyring::{Entry, Error};

/// The service name entries are filed under; the user is the account (`user@host:port`).
const SERVICE: &str = "benchmatch";

/// Why a password could not be kept or removed; shown after "password not kept: ".
#[derive(Debug, thiserror::Error)]
pub enum KeyringError {
    #[error("this system has no OS keyring")]
    Unavailable,
    #[error("OS keyring: {0}")]
    Keyring(#[from] Error),
}

/// Whether this platform has a keyring that outlives the process.
pub fn available() -> bool {
    !matches!(
        keyring::default::default_credential_builder().persistence(),
        CredentialPersistence::EntryOnly | CredentialPersistence::ProcessOnly
    )
}

fn entry(account: &str) -> Result<Entry, KeyringError> {
    if !available() {
        return Err(KeyringError::Unavailable);
    }
    join_session();
    Ok(Entry::new(SERVICE, account)?)
}

/// On Linux, keys are found through the process's session keyring, to which the keyring crate
/// links the user's persistent keyring. A process started outside a login session has none, and
/// without this the crate would search the user-session keyring, where nothing kept is linked.
#[cfg(target_os = "linux")]
fn join_session() {
    use linux_keyutils::{KeyRing, KeyRingIdentifier};
    let _ = KeyRing::from_special_id(KeyRingIdentifier::Session, true);
}

#[cfg(not(target_os = "linux"))]
fn join_session() {}

/// The password kept for `account`, if any. A keyring that cannot be reached counts as none
/// (the rep is asked instead).
pub fn stored(account: &str) -> Option<String> {
    let entry = entry(account).ok()?;
    entry.get_password().ok().filter(|p| !p.is_empty())
}

/// Keep `password` for `account`, replacing any kept before.
pub fn keep(account: &str, password: &str) -> Result<(), KeyringError> {
    Ok(entry(account)?.set_password(password)?)
}

/// Remove the password kept for `account`: true when there was one.
pub fn forget(account: &str) -> Result<bool, KeyringError> {
    let entry = match entry(account) {
        Ok(e) => e,
        Err(KeyringError::Unavailable) => return Ok(false),
        Err(e) => return Err(e),
    };
    match entry.delete_credential() {
        Ok(()) => Ok(true),
        Err(Error::NoEntry) => Ok(false),
        Err(e) => Err(e.into()),
    }
}
