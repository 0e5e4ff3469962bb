//! Key wrapping: the database key, sealed under a password or the recovery key.
//!
//! The database is encrypted with one random 256-bit key. Each account (and the recovery key)
//! holds its own sealed copy: Argon2id (OWASP parameters: 19 MiB, 2 passes, 1 lane) stretches the
//! secret into a wrapping key, and XChaCha20-Poly1305 seals the database key with it. The AEAD's
//! associated data binds each copy to its owner's name, so copies cannot be swapped between
//! accounts. Changing a password reseals one copy; the database itself is never re-encrypted.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use zeroize::{Zeroize, Zeroizing};

use crate::error::{Error, Result, StorageSource};

pub const KEY_LEN: usize = 32;
const SALT_LEN: usize = 16;
const NONCE_LEN: usize = 24;
const RECOVERY_BYTES: usize = 20;

/// The OWASP-recommended Argon2id parameters, stored with each wrap so they can be raised later.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
}

impl KdfParams {
    pub const OWASP: KdfParams = KdfParams { m_cost_kib: 19 * 1024, t_cost: 2, p_cost: 1 };
}

/// The database key. Zeroed when dropped.
pub struct DbKey(Zeroizing<[u8; KEY_LEN]>);

impl DbKey {
    pub fn generate() -> Result<Self> {
        let mut k = Zeroizing::new([0u8; KEY_LEN]);
        random(k.as_mut())?;
        Ok(DbKey(k))
    }

    fn from_slice(bytes: &[u8]) -> Option<Self> {
        let arr: [u8; KEY_LEN] = bytes.try_into().ok()?;
        Some(DbKey(Zeroizing::new(arr)))
    }

    /// The value for SQLCipher's `PRAGMA key`: a raw key, so SQLCipher skips its own slow
    /// passphrase derivation (Argon2id has already done that work).
    pub fn sqlcipher_key(&self) -> Zeroizing<String> {
        Zeroizing::new(format!("x'{}'", hex::encode(self.0.as_ref())))
    }

    pub fn bytes(&self) -> &[u8; KEY_LEN] {
        &self.0
    }
}

impl Clone for DbKey {
    fn clone(&self) -> Self {
        DbKey(Zeroizing::new(*self.0))
    }
}

impl std::fmt::Debug for DbKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DbKey(…)")
    }
}

/// One sealed copy of the database key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Wrapped {
    pub salt: Vec<u8>,
    pub nonce: Vec<u8>,
    pub sealed: Vec<u8>,
    pub params: KdfParams,
}

/// Seals `key` under `secret`, bound to `owner` (for example `account:sam`).
pub fn wrap(key: &DbKey, secret: &[u8], owner: &str, params: KdfParams) -> Result<Wrapped> {
    let mut salt = vec![0u8; SALT_LEN];
    random(&mut salt)?;
    let mut nonce = vec![0u8; NONCE_LEN];
    random(&mut nonce)?;
    let kek = derive(secret, &salt, params)?;
    let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref()).map_err(|_| crypto_fault())?;
    let n = XNonce::try_from(nonce.as_slice()).map_err(|_| crypto_fault())?;
    let sealed =
        cipher.encrypt(&n, Payload { msg: key.bytes(), aad: aad(owner).as_bytes() }).map_err(|_| crypto_fault())?;
    Ok(Wrapped { salt, nonce, sealed, params })
}

/// Opens a sealed copy. A wrong secret, a wrong owner or a damaged record all give
/// `Error::SignInFailed`, so nothing tells a guesser which part was wrong.
pub fn unwrap(w: &Wrapped, secret: &[u8], owner: &str) -> Result<DbKey> {
    let kek = derive(secret, &w.salt, w.params)?;
    let cipher = XChaCha20Poly1305::new_from_slice(kek.as_ref()).map_err(|_| crypto_fault())?;
    let n = XNonce::try_from(w.nonce.as_slice()).map_err(|_| Error::SignInFailed)?;
    let mut plain =
        cipher.decrypt(&n, Payload { msg: &w.sealed, aad: aad(owner).as_bytes() }).map_err(|_| Error::SignInFailed)?;
    let key = DbKey::from_slice(&plain).ok_or(Error::SignInFailed);
    plain.zeroize();
    key
}

/// Spends the same effort as an unwrap, for names that have no wrap: a guesser cannot tell a
/// missing account from a wrong password by timing.
pub fn waste_equal_effort(secret: &[u8]) {
    let _ = derive(secret, &[0u8; SALT_LEN], KdfParams::OWASP);
}

/// A fresh recovery key, written as eight groups of four letters and digits.
pub fn new_recovery_key() -> Result<Zeroizing<String>> {
    let mut raw = Zeroizing::new([0u8; RECOVERY_BYTES]);
    random(raw.as_mut())?;
    let plain = Zeroizing::new(data_encoding::BASE32_NOPAD.encode(raw.as_ref()));
    let grouped: Vec<&str> = plain.as_bytes().chunks(4).filter_map(|c| std::str::from_utf8(c).ok()).collect();
    Ok(Zeroizing::new(grouped.join("-")))
}

/// The recovery key as typed (any case, with or without dashes and spaces), reduced to the
/// bytes it stands for. The key's alphabet (A-Z, 2-7) has no 0, 1 or 8, so those are read as
/// the letters O, I and B they are mistaken for when copied from paper. `None` when it cannot
/// be a recovery key at all.
pub fn recovery_secret(typed: &str) -> Option<Zeroizing<Vec<u8>>> {
    let cleaned: String = typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .flat_map(char::to_uppercase)
        .map(|c| match c {
            '0' => 'O',
            '1' => 'I',
            '8' => 'B',
            other => other,
        })
        .collect();
    let bytes = data_encoding::BASE32_NOPAD.decode(cleaned.as_bytes()).ok()?;
    (bytes.len() == RECOVERY_BYTES).then(|| Zeroizing::new(bytes))
}

fn derive(secret: &[u8], salt: &[u8], p: KdfParams) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    let params = Params::new(p.m_cost_kib, p.t_cost, p.p_cost, Some(KEY_LEN)).map_err(|_| crypto_fault())?;
    let mut out = Zeroizing::new([0u8; KEY_LEN]);
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
        .hash_password_into(secret, salt, out.as_mut())
        .map_err(|_| crypto_fault())?;
    Ok(out)
}

fn aad(owner: &str) -> String {
    format!("rekindle/key-wrap/v1/{owner}")
}

fn random(buf: &mut [u8]) -> Result<()> {
    getrandom::fill(buf).map_err(|_| {
        Error::storage("random number generator", StorageSource::Other("the operating system gave no random bytes"))
    })
}

fn crypto_fault() -> Error {
    Error::storage("key sealing", StorageSource::Other("a cryptographic operation failed"))
}

#[cfg(test)]
mod tests {
    use super::*;

    // Cheap parameters keep unit tests fast; the OWASP ones are exercised by the store tests.
    const FAST: KdfParams = KdfParams { m_cost_kib: 64, t_cost: 1, p_cost: 1 };

    #[test]
    fn the_right_password_opens_the_wrap_and_gives_back_the_same_key() {
        let key = DbKey::generate().unwrap();
        let w = wrap(&key, b"correct horse", "account:sam", FAST).unwrap();
        let back = unwrap(&w, b"correct horse", "account:sam").unwrap();
        assert_eq!(back.bytes(), key.bytes());
    }

    #[test]
    fn a_wrong_password_or_another_owner_is_refused_the_same_way() {
        let key = DbKey::generate().unwrap();
        let w = wrap(&key, b"correct horse", "account:sam", FAST).unwrap();
        assert!(matches!(unwrap(&w, b"wrong horse", "account:sam"), Err(Error::SignInFailed)));
        assert!(
            matches!(unwrap(&w, b"correct horse", "account:alex"), Err(Error::SignInFailed)),
            "a wrap is bound to its owner"
        );
        let mut tampered = w.clone();
        if let Some(b) = tampered.sealed.first_mut() {
            *b ^= 1;
        }
        assert!(matches!(unwrap(&tampered, b"correct horse", "account:sam"), Err(Error::SignInFailed)));
    }

    #[test]
    fn recovery_keys_read_back_however_they_are_typed() {
        let k = new_recovery_key().unwrap();
        assert_eq!(k.len(), 39, "8 groups of 4 with 7 dashes");
        let exact = recovery_secret(&k).unwrap();
        let sloppy = recovery_secret(&k.to_lowercase().replace('-', " ")).unwrap();
        assert_eq!(*exact, *sloppy);
        assert!(recovery_secret("not-a-key").is_none());
        let printed = "OIBA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA";
        let misread = "01BA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAA8".replace("AAA8", "AAAA").replace("01BA", "018A");
        assert_eq!(
            *recovery_secret(&misread).unwrap(),
            *recovery_secret(printed).unwrap(),
            "0, 1 and 8 copied from paper read as O, I and B"
        );
    }

    #[test]
    fn two_keys_differ() {
        assert_ne!(DbKey::generate().unwrap().bytes(), DbKey::generate().unwrap().bytes());
    }
}
