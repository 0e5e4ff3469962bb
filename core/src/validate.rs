//! Field checks shared by every input type.
//!
//! A `Checker` collects every problem in one pass so a form can show them all at once; the
//! caller then calls `finish()` and gets either the cleaned values or `Error::Validation`.
//! Messages say what is expected and never repeat what was typed.

use chrono::NaiveDate;
use unicode_properties::{GeneralCategoryGroup, UnicodeGeneralCategory};

use crate::error::{Error, FieldError, Result};

/// Longest single-line field (names, pronouns, referral source), in characters.
pub const SHORT_TEXT_MAX: usize = 100;
/// Longest free-text note, in characters.
pub const NOTE_MAX: usize = 2_000;

#[derive(Default)]
pub struct Checker {
    errors: Vec<FieldError>,
}

impl Checker {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn fail(&mut self, field: &str, message: impl Into<String>) {
        self.errors.push(FieldError::new(field, message));
    }

    pub fn finish(self) -> Result<()> {
        if self.errors.is_empty() {
            Ok(())
        } else {
            Err(Error::Validation(self.errors))
        }
    }

    /// A required single-line text: trimmed, not empty, no control characters, at most `max`.
    pub fn required_text(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let v = value.trim();
        if v.is_empty() {
            self.fail(field, format!("{label} is required."));
        } else {
            self.line_rules(field, label, v, max);
        }
        v.to_owned()
    }

    /// An optional single-line text: trimmed; empty becomes `None`.
    pub fn optional_text(&mut self, field: &str, label: &str, value: Option<&str>, max: usize) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        self.line_rules(field, label, v, max);
        Some(v.to_owned())
    }

    /// An optional note that may span lines: trimmed; empty becomes `None`.
    pub fn optional_note(&mut self, field: &str, label: &str, value: Option<&str>, max: usize) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        let n = v.chars().count();
        if n > max {
            self.fail(field, format!("{label} can be at most {} characters (this has {}).", group(max), group(n)));
        }
        if v.chars().any(|c| c.is_control() && c != '\n' && c != '\t' && c != '\r') {
            self.fail(field, format!("{label} contains characters that cannot be stored."));
        }
        Some(v.to_owned())
    }

    /// A required note that may span lines: as `optional_note`, and not empty.
    pub fn required_note(&mut self, field: &str, label: &str, value: &str, max: usize) -> String {
        let v = self.optional_note(field, label, Some(value), max);
        if v.is_none() {
            self.fail(field, format!("{label} is required."));
        }
        v.unwrap_or_default()
    }

    /// A personal name: letters of any script with their marks, spaces, apostrophes, hyphens
    /// and full stops. Digits, emoji and symbols are refused so a typo is caught early.
    pub fn name(&mut self, field: &str, label: &str, value: Option<&str>, required: bool) -> Option<String> {
        let v = match value.map(str::trim).filter(|v| !v.is_empty()) {
            Some(v) => v,
            None => {
                if required {
                    self.fail(field, format!("{label} is required."));
                }
                return None;
            }
        };
        let before = self.errors.len();
        self.line_rules(field, label, v, SHORT_TEXT_MAX);
        if self.errors.len() == before && !v.chars().all(is_name_char) {
            self.fail(
                field,
                format!("{label} can contain letters (in any script), spaces, apostrophes, hyphens and full stops, but not digits, emoji or symbols."),
            );
        }
        if !v.chars().any(char::is_alphabetic) && self.errors.len() == before {
            self.fail(field, format!("{label} needs at least one letter."));
        }
        Some(v.to_owned())
    }

    /// An optional phone number: digits with the usual separators, 6 to 15 digits in all.
    pub fn phone(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        let ok_chars = v.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
        let digits = v.chars().filter(char::is_ascii_digit).count();
        let plus_ok = v.chars().skip(1).all(|c| c != '+');
        if !ok_chars || !plus_ok {
            self.fail(field, "Phone can contain digits, spaces, brackets, hyphens and a leading +.");
        } else if !(6..=15).contains(&digits) {
            self.fail(field, format!("Phone needs between 6 and 15 digits (this has {digits})."));
        }
        Some(v.to_owned())
    }

    /// An optional email address, checked for shape only (one @, a dotted domain, no spaces).
    pub fn email(&mut self, field: &str, value: Option<&str>) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        let valid = v.chars().count() <= 254
            && !v.chars().any(|c| c.is_whitespace() || c.is_control())
            && match v.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && local.len() <= 64
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                        && !domain.contains("..")
                }
                None => false,
            };
        if !valid {
            self.fail(field, "Email should look like name@example.org.");
        }
        Some(v.to_owned())
    }

    /// An optional calendar date written as YYYY-MM-DD, not after `latest` and not before
    /// `earliest`.
    pub fn date(
        &mut self,
        field: &str,
        label: &str,
        value: Option<&str>,
        earliest: NaiveDate,
        latest: NaiveDate,
    ) -> Option<NaiveDate> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        match NaiveDate::parse_from_str(v, "%Y-%m-%d") {
            Ok(d) if d > latest => {
                self.fail(field, format!("{label} cannot be in the future."));
                None
            }
            Ok(d) if d < earliest => {
                self.fail(field, format!("{label} cannot be before {}.", earliest.format("%-d %B %Y")));
                None
            }
            Ok(d) => Some(d),
            Err(_) => {
                self.fail(field, format!("{label} should be a real date, written as YYYY-MM-DD."));
                None
            }
        }
    }

    /// A code that must be one of `allowed` (reference data read from the database).
    pub fn code(&mut self, field: &str, label: &str, value: Option<&str>, allowed: &[String]) -> Option<String> {
        let v = value.map(str::trim).filter(|v| !v.is_empty())?;
        if !allowed.iter().any(|a| a == v) {
            self.fail(field, format!("{label} is not one of the choices offered."));
        }
        Some(v.to_owned())
    }

    fn line_rules(&mut self, field: &str, label: &str, v: &str, max: usize) {
        let n = v.chars().count();
        if n > max {
            self.fail(field, format!("{label} can be at most {} characters (this has {}).", group(max), group(n)));
        } else if v.chars().any(char::is_control) {
            self.fail(field, format!("{label} must be on one line, without control characters."));
        }
    }
}

fn is_name_char(c: char) -> bool {
    matches!(c.general_category_group(), GeneralCategoryGroup::Letter | GeneralCategoryGroup::Mark)
        || matches!(c, ' ' | '\'' | '\u{2019}' | '-' | '\u{2010}' | '.' | '\u{200C}' | '\u{200D}')
}

/// 10000 -> "10,000": counts in messages read more easily with a separator.
fn group(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors_of(f: impl FnOnce(&mut Checker)) -> Vec<FieldError> {
        let mut c = Checker::new();
        f(&mut c);
        match c.finish() {
            Ok(()) => vec![],
            Err(Error::Validation(v)) => v,
            Err(other) => vec![FieldError::new("?", other.to_string())],
        }
    }

    #[test]
    fn names_accept_every_script_and_refuse_emoji_and_digits() {
        for ok in ["Ana", "O'Brien", "Zoë", "José-María", "अनन्या", "ಕಾವ್ಯಾ", "王秀英", "St. John"]
        {
            assert!(
                errors_of(|c| {
                    c.name("givenName", "Given name", Some(ok), true);
                })
                .is_empty(),
                "{ok} is a real name"
            );
        }
        for bad in ["Ana 🌸", "R2D2", "<b>", "--"] {
            let e = errors_of(|c| {
                c.name("givenName", "Given name", Some(bad), true);
            });
            assert_eq!(e.len(), 1, "{bad} should be refused once");
            assert_eq!(e[0].field, "givenName");
        }
    }

    #[test]
    fn long_text_names_the_limit_and_the_length() {
        let long = "a".repeat(10_000);
        let e = errors_of(|c| {
            c.optional_note("receptionNotes", "Reception notes", Some(&long), NOTE_MAX);
        });
        assert_eq!(e[0].message, "Reception notes can be at most 2,000 characters (this has 10,000).");
    }

    #[test]
    fn phone_and_email_shapes() {
        assert!(errors_of(|c| {
            c.phone("phone", Some("+44 (0)20 7946-0958"));
        })
        .is_empty());
        assert_eq!(
            errors_of(|c| {
                c.phone("phone", Some("12345"));
            })[0]
                .message,
            "Phone needs between 6 and 15 digits (this has 5)."
        );
        assert_eq!(
            errors_of(|c| {
                c.phone("phone", Some("call me"));
            })
            .len(),
            1
        );
        assert!(errors_of(|c| {
            c.email("email", Some("sam@example.org"));
        })
        .is_empty());
        for bad in ["sam", "sam@", "sam@example", "s am@example.org", "a@b@c.org", "sam@.org"] {
            assert_eq!(
                errors_of(|c| {
                    c.email("email", Some(bad));
                })
                .len(),
                1,
                "{bad} is not an email"
            );
        }
    }

    #[test]
    fn dates_must_parse_and_fall_in_range() {
        let lo = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap_or_default();
        let hi = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
        assert!(errors_of(|c| {
            c.date("dateOfBirth", "Date of birth", Some("1970-02-28"), lo, hi);
        })
        .is_empty());
        assert_eq!(
            errors_of(|c| {
                c.date("dateOfBirth", "Date of birth", Some("2027-01-01"), lo, hi);
            })[0]
                .message,
            "Date of birth cannot be in the future."
        );
        assert_eq!(
            errors_of(|c| {
                c.date("dateOfBirth", "Date of birth", Some("1970-02-30"), lo, hi);
            })
            .len(),
            1
        );
        assert_eq!(
            errors_of(|c| {
                c.date("dateOfBirth", "Date of birth", Some("28/02/1970"), lo, hi);
            })
            .len(),
            1
        );
    }
}
