//! HS256 JSON Web Tokens, signed with a key generated at start.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::Sha256;

type HmacSha256 = Hmac<Sha256>;

fn mac(key: &[u8]) -> HmacSha256 {
    // HMAC accepts keys of any length; this cannot fail.
    match HmacSha256::new_from_slice(key) {
        Ok(m) => m,
        Err(_) => unreachable!("HMAC takes keys of any length"),
    }
}

pub(crate) fn sign(key: &[u8], claims: &Value) -> String {
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"HS256","typ":"JWT","kid":"sandbox"}"#);
    let payload = URL_SAFE_NO_PAD.encode(claims.to_string());
    let signing_input = format!("{header}.{payload}");
    let mut m = mac(key);
    m.update(signing_input.as_bytes());
    let sig = URL_SAFE_NO_PAD.encode(m.finalize().into_bytes());
    format!("{signing_input}.{sig}")
}

/// Why a token was refused (never contains the token).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Invalid {
    Malformed,
    Signature,
}

/// Check the signature and algorithm and return the claims. Expiry and audience are the
/// caller's business (they depend on the sandbox clock and configuration).
pub(crate) fn verify(key: &[u8], token: &str) -> Result<Value, Invalid> {
    let mut parts = token.split('.');
    let (Some(h), Some(p), Some(s), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(Invalid::Malformed);
    };
    let header: Value = URL_SAFE_NO_PAD
        .decode(h)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(Invalid::Malformed)?;
    if header.get("alg").and_then(Value::as_str) != Some("HS256") {
        return Err(Invalid::Signature);
    }
    let sig = URL_SAFE_NO_PAD.decode(s).map_err(|_| Invalid::Malformed)?;
    let mut m = mac(key);
    m.update(h.as_bytes());
    m.update(b".");
    m.update(p.as_bytes());
    m.verify_slice(&sig).map_err(|_| Invalid::Signature)?;
    URL_SAFE_NO_PAD
        .decode(p)
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .ok_or(Invalid::Malformed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn signs_and_verifies() {
        let key = [7u8; 32];
        let t = sign(&key, &json!({"aud": "x", "exp": 5}));
        assert_eq!(verify(&key, &t).unwrap()["aud"], "x");
        assert_eq!(verify(&[8u8; 32], &t), Err(Invalid::Signature));
        // Tamper with the payload.
        let mut parts: Vec<&str> = t.split('.').collect();
        let forged = URL_SAFE_NO_PAD.encode(json!({"aud": "x", "exp": 99}).to_string());
        parts[1] = &forged;
        assert_eq!(verify(&key, &parts.join(".")), Err(Invalid::Signature));
        assert_eq!(verify(&key, "abc"), Err(Invalid::Malformed));
        assert_eq!(verify(&key, "a.b.c.d"), Err(Invalid::Malformed));
    }
}
