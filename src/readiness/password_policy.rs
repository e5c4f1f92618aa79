//! What a new password must be: 12 to 256 characters, and not one of the common passwords of
//! `data/common-passwords/` (the SecLists top million's entries of that length, compared
//! case-insensitively). Every place that sets a password asks [`NewPassword::parse`] (or
//! [`check`], where nothing is typed twice).

use std::sync::LazyLock;

use super::lifecycle::{AccountRefusal, PASSWORD_LENGTH};

/// The list, one lowercased password a line, sorted by byte (see its README).
const COMMON: &str = include_str!("../../data/common-passwords/seclists-top-1m-12-256.txt");

/// The list's lines, read once: sorted, so a lookup is a binary search.
static COMMON_SORTED: LazyLock<Vec<&'static str>> = LazyLock::new(|| COMMON.lines().collect());

/// Whether `password` is on the list of common passwords, whatever its case and surrounding
/// spaces.
pub fn is_common(password: &str) -> bool {
    let folded = password.trim().to_lowercase();
    COMMON_SORTED.binary_search(&folded.as_str()).is_ok()
}

/// Whether `password` may be set: its length, then the list.
pub fn check(password: &str) -> Result<(), AccountRefusal> {
    if !PASSWORD_LENGTH.contains(&password.chars().count()) {
        return Err(AccountRefusal::PasswordLength);
    }
    if is_common(password) {
        return Err(AccountRefusal::PasswordCommon);
    }
    Ok(())
}

/// A password that may be set, typed the same twice: checked once, here.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

impl NewPassword {
    /// Checks a new password and its repetition.
    pub fn parse(password: &str, again: &str) -> Result<Self, AccountRefusal> {
        check(password)?;
        if password != again {
            return Err(AccountRefusal::PasswordMismatch);
        }
        Ok(Self(password.to_owned()))
    }

    /// The password, to be hashed.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_without_repeats_lowercase_and_of_passwords_that_may_be_typed() {
        let lines: Vec<&str> = COMMON.lines().collect();
        assert!(lines.len() > 40_000, "{}", lines.len());
        assert!(lines.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(
            lines
                .iter()
                .all(|l| PASSWORD_LENGTH.contains(&l.chars().count()))
        );
        assert!(lines.iter().all(|l| l.to_lowercase() == *l));
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case_and_others_pass() {
        let cases = [
            ("password1234", Err(AccountRefusal::PasswordCommon)),
            ("Password1234", Err(AccountRefusal::PasswordCommon)),
            ("QWERTY123456", Err(AccountRefusal::PasswordCommon)),
            (" 1qaz2wsx3edc ", Err(AccountRefusal::PasswordCommon)),
            ("qwertyuiopasdfghjkl", Err(AccountRefusal::PasswordCommon)),
            ("short", Err(AccountRefusal::PasswordLength)),
            ("elevenchars", Err(AccountRefusal::PasswordLength)),
            (&*"x".repeat(257), Err(AccountRefusal::PasswordLength)),
            ("correct horse battery", Ok(())),
            ("Irena's first console password", Ok(())),
            // Twelve characters counted as characters, not bytes.
            ("ççççççççççç1", Ok(())),
        ];
        for (password, expected) in cases {
            assert_eq!(check(password), expected, "{password}");
        }
    }

    #[test]
    fn a_new_password_is_typed_twice_and_never_printed() {
        let good = "correct horse battery";
        assert_eq!(NewPassword::parse(good, good).unwrap().expose(), good);
        assert_eq!(
            NewPassword::parse(good, "correct horse battery!"),
            Err(AccountRefusal::PasswordMismatch)
        );
        assert_eq!(
            NewPassword::parse("password1234", "password1234"),
            Err(AccountRefusal::PasswordCommon)
        );
        assert_eq!(
            format!("{:?}", NewPassword::parse(good, good)),
            "Ok(NewPassword(…))"
        );
    }
}
