//! Which names hold credentials: JSON members, form fields, query
//! parameters, header fields, XML elements.
//!
//! A name is first *folded*: JSON escapes (`pass\u0077ord`) and
//! percent-encoding (`p%61ssword`) decoded, look-alike letters (dotless ı,
//! Cyrillic а, Greek ο, full-width ｐ) read as the ASCII letter they imitate,
//! invisible characters dropped. Then its letters are compared, whatever the
//! case and the separators.

/// The name with escapes decoded and look-alikes mapped to ASCII; every
/// other character that is not an ASCII letter or digit becomes `_`. Case is
/// kept (camelCase words are split later). Names longer than 256 bytes are
/// not names (`None`).
pub(crate) fn fold(name: &str) -> Option<String> {
    super::redact::step(name.len().min(257));
    if name.len() > 256 {
        return None;
    }
    let mut bytes = Vec::with_capacity(name.len());
    let b = name.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            if let Some(v) = hex_at(b, i + 1, 2) {
                bytes.push(v as u8);
                i += 3;
                continue;
            }
        }
        if c == b'\\' {
            match b.get(i + 1) {
                Some(b'u') => {
                    if let Some(ch) = hex_at(b, i + 2, 4).and_then(char::from_u32) {
                        let mut buf = [0u8; 4];
                        bytes.extend_from_slice(ch.encode_utf8(&mut buf).as_bytes());
                        i += 6;
                        continue;
                    }
                }
                Some(b'n' | b't' | b'r' | b'"' | b'\\' | b'/' | b'\'') => {
                    bytes.push(b' ');
                    i += 2;
                    continue;
                }
                _ => {}
            }
        }
        bytes.push(c);
        i += 1;
    }
    let decoded = String::from_utf8_lossy(&bytes);
    let mut out = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if let Some(a) = look_alike(c) {
            out.push(a);
        } else if !is_invisible(c) {
            out.push('_');
        }
    }
    Some(out)
}

fn hex_at(b: &[u8], at: usize, n: usize) -> Option<u32> {
    let mut v = 0u32;
    for k in 0..n {
        let d = char::from(*b.get(at + k)?).to_digit(16)?;
        v = v * 16 + d;
    }
    Some(v)
}

/// Zero-width characters and the soft hyphen: they split no word.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// The ASCII letter a character is made to look like (Cyrillic, Greek,
/// dotless i, long s, Kelvin sign, full-width forms).
fn look_alike(c: char) -> Option<char> {
    let u = u32::from(c);
    // Full-width digits and letters: U+FF10.. map to ASCII by a fixed offset.
    if (0xFF10..=0xFF19).contains(&u)
        || (0xFF21..=0xFF3A).contains(&u)
        || (0xFF41..=0xFF5A).contains(&u)
    {
        return char::from_u32(u - 0xFEE0);
    }
    Some(match c {
        'ı' | 'İ' | 'і' | 'І' | 'ι' | 'Ι' | 'ӏ' | 'Ӏ' | 'í' | 'ì' | 'ï' | 'î' => 'i',
        'а' | 'А' | 'α' | 'Α' | 'á' | 'à' | 'ä' | 'â' | 'å' | 'ã' => 'a',
        'е' | 'Е' | 'ε' | 'Ε' | 'é' | 'è' | 'ë' | 'ê' => 'e',
        'о' | 'О' | 'ο' | 'Ο' | 'ó' | 'ò' | 'ö' | 'ô' | 'ø' => 'o',
        'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'с' | 'С' | 'ϲ' | 'ç' => 'c',
        'ѕ' | 'Ѕ' | 'ſ' => 's',
        'у' | 'У' | 'Υ' | 'ý' => 'y',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'ј' | 'Ј' => 'j',
        'ԁ' => 'd',
        'һ' | 'Н' | 'Η' => 'h',
        'В' | 'Β' => 'b',
        'К' | 'κ' | 'Κ' | '\u{212A}' => 'k',
        'М' | 'Μ' => 'm',
        'Т' | 'τ' | 'Τ' => 't',
        'ν' | 'Ν' => 'n',
        'ԝ' | 'ω' => 'w',
        'ñ' => 'n',
        'ú' | 'ù' | 'ü' | 'û' => 'u',
        'ß' => 's',
        _ => return None,
    })
}

/// The folded name's letters and digits, lower-cased.
fn squash(folded: &str) -> String {
    folded
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Names that are secrets on their own (compared squashed).
const EXACT: &[&str] = &[
    "pan", "pin", "otp", "totp", "hotp", "pwd", "pass", "auth", "key", "sig", "cvc", "cvv", "cvv2",
    "csc", "ssn", "jwt", "sid", "dsn", "refresh", "mfa", "2fa",
];

/// Squashed names holding one of these anywhere are secrets.
const PARTS: &[&str] = &[
    "password",
    "passwd",
    "passwort",
    "passphrase",
    "passcode",
    "kennwort",
    "motdepasse",
    "contrasena",
    "secret",
    "token",
    "apikey",
    "accesskey",
    "accountkey",
    "privatekey",
    "privkey",
    "subscriptionkey",
    "functionskey",
    "masterkey",
    "encryptionkey",
    "signingkey",
    "licensekey",
    "authorization",
    "cookie",
    "sessionid",
    "sessid",
    "session",
    "cardnumber",
    "ccnumber",
    "creditcard",
    "cardno",
    "securitycode",
    "securityanswer",
    "cardverification",
    "credential",
    "signature",
    "bearer",
    "csrf",
    "xsrf",
    "mfacode",
    "otpcode",
    "2facode",
    "totpcode",
    "verificationcode",
    "recoverycode",
    "backupcode",
    "authcode",
    "connectionstring",
];

/// Short secret words that count when they stand alone inside a longer
/// name (`card_cvc`, `user[pin]`, `DB_PASS`, `PHPSESS`). `key` and `auth`
/// are not enough alone (`sort_key`, `auth_method`).
const WORDS: &[&str] = &[
    "pan", "pin", "otp", "totp", "hotp", "pwd", "pass", "mfa", "cvc", "cvv", "cvv2", "csc", "ssn",
    "jwt", "sid", "sess",
];

/// Whether a JSON member, form field or query parameter called `name`
/// holds a secret (`password`, `pwd`, `access_token`, `apiKey`,
/// `card_number`, `cvc`, `mfa_code`, `PHPSESSID`, ...). Case, separators,
/// escapes and look-alike letters are ignored.
pub fn is_secret_name(name: &str) -> bool {
    let Some(folded) = fold(name) else {
        return false;
    };
    let n = squash(&folded);
    EXACT.contains(&n.as_str())
        || PARTS.iter().any(|p| n.contains(p))
        || has_secret_word(&folded)
        // Names in scripts without ASCII look-alikes.
        || ["パスワード", "暗証番号", "密码", "비밀번호", "пароль", "Пароль"]
            .iter()
            .any(|w| name.contains(w))
}

/// Whether a query, fragment or form parameter called `name` holds a
/// secret: a secret name, or one that only URLs use for credentials
/// (OAuth's `code`, CAS's `ticket`, SAML responses, client assertions).
pub fn is_secret_param(name: &str) -> bool {
    const URL_ONLY: &[&str] = &[
        "code",
        "ticket",
        "samlresponse",
        "samlrequest",
        "samlart",
        "assertion",
        "clientassertion",
        "oauthverifier",
    ];
    is_secret_name(name) || fold(name).is_some_and(|f| URL_ONLY.contains(&squash(&f).as_str()))
}

/// Whether a header's value is a credential (`Authorization`, `Cookie`,
/// `Set-Cookie`, `X-Api-Key`, `X-Auth-Token`, `Ocp-Apim-Subscription-Key`,
/// `X-Refresh`, ...).
pub fn is_secret_header(name: &str) -> bool {
    let bare = match name.get(..2) {
        Some(p) if p.eq_ignore_ascii_case("x-") => name.get(2..).unwrap_or(name),
        _ => name,
    };
    let n = fold(bare).map(|f| squash(&f)).unwrap_or_default();
    matches!(
        n.as_str(),
        "authorization" | "proxyauthorization" | "cookie" | "setcookie"
    ) || is_secret_name(bare)
}

const LABEL_KEYS: &[&str] = &[
    "name",
    "key",
    "field",
    "fieldname",
    "propertyname",
    "parametername",
    "paramname",
    "membername",
    "attributename",
    "keyname",
    "headername",
    "cookiename",
    "target",
    "param",
    "parameter",
    "id",
    "property",
    "propertypath",
    "loc",
    "path",
    "attribute",
    "attr",
    "label",
    "header",
    "setting",
    "variable",
    "var",
    "env",
];

/// Member names that say which field an entry is about
/// (`{"name":"password","value":…}`, Spring's `field`, Pydantic's `loc`).
pub(crate) fn is_label_key(name: &str) -> bool {
    // A list, not a `match`: smaller in wasm.
    fold(name).is_some_and(|f| LABEL_KEYS.contains(&squash(&f).as_str()))
}

const VALUE_KEYS: &[&str] = &[
    "value",
    "values",
    "val",
    "v",
    "rejectedvalue",
    "input",
    "inputvalue",
    "data",
    "content",
    "given",
    "provided",
    "actual",
    "received",
    "invalidvalue",
    "attemptedvalue",
    "submitted",
    "submittedvalue",
    "got",
    "current",
    "raw",
    "text",
    "answer",
];

/// Member names that carry the value of the field a label names (Spring's
/// `rejectedValue`, Pydantic's `input`, ASP.NET's `attemptedValue`).
pub(crate) fn is_value_key(name: &str) -> bool {
    // A list, not a `match`: smaller in wasm.
    fold(name).is_some_and(|f| VALUE_KEYS.contains(&squash(&f).as_str()))
}

/// Whether a secret word stands alone inside the folded name: words split
/// at separators and lower-to-upper case changes.
fn has_secret_word(folded: &str) -> bool {
    let b = folded.as_bytes();
    let mut start = 0;
    for i in 0..=b.len() {
        let c = b.get(i).copied().unwrap_or(b'_');
        let prev = if i > 0 {
            b.get(i - 1).copied().unwrap_or(0)
        } else {
            0
        };
        let boundary = i == b.len()
            || !c.is_ascii_alphanumeric()
            || (c.is_ascii_uppercase() && prev.is_ascii_lowercase());
        if !boundary {
            continue;
        }
        if let Some(w) = folded.get(start..i) {
            if WORDS.iter().any(|k| w.eq_ignore_ascii_case(k)) {
                return true;
            }
        }
        start = if c.is_ascii_alphanumeric() { i } else { i + 1 };
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_names() {
        for n in [
            "password",
            "new_password",
            "passwordConfirmation",
            "access_token",
            "refreshToken",
            "api_key",
            "X-Api-Key",
            "client_secret",
            "card_number",
            "cardNumber",
            "cvc",
            "CVV",
            "session_id",
            "Authorization",
            "pin",
            "card_cvc",
            "cardCvv",
            "user[pin]",
            "user.cvc",
            "pwd",
            "pass",
            "DB_PASS",
            "passwort",
            "mfa_code",
            "totp",
            "otp",
            "security_answer",
            "PHPSESSID",
            "JSESSIONID",
            "connect.sid",
            "pass\\u0077ord",
            "p%61ssword",
            "p\u{0430}ssword",
            "pass\u{200B}word",
            "ｐａｓｓｗｏｒｄ",
            "ѕесrеt",
            "パスワード",
        ] {
            assert!(is_secret_name(n), "{n}");
        }
        for n in [
            "email",
            "name",
            "author",
            "postcode",
            "quantity",
            "pinned",
            "keyboard",
            "sort_key",
            "spinner",
            "PinnedAt",
            "passenger",
            "compass",
            "bypass_cache",
            "code",
            "ticket",
        ] {
            assert!(!is_secret_name(n), "{n}");
        }
        assert!(is_secret_param("code") && is_secret_param("ticket"));
    }

    #[test]
    fn secret_headers() {
        for n in [
            "Authorization",
            "Proxy-Authorization",
            "Cookie",
            "Set-Cookie",
            "X-API-Key",
            "Api-Key",
            "X-Auth-Token",
            "X-CSRF-Token",
            "X-Amz-Security-Token",
            "Ocp-Apim-Subscription-Key",
            "X-Refresh",
            "X-Functions-Key",
        ] {
            assert!(is_secret_header(n), "{n}");
        }
        for n in [
            "Content-Type",
            "X-Request-Id",
            "traceparent",
            "Retry-After",
            "X-Correlation-Id",
            "Location",
        ] {
            assert!(!is_secret_header(n), "{n}");
        }
    }
}
