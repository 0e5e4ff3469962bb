//! Folding text for search: lower case, compatibility forms unified, Latin accents removed.
//! Marks of other scripts (Devanagari vowel signs, for example) are kept: they change the word.

use unicode_normalization::UnicodeNormalization;

pub fn fold(s: &str) -> String {
    s.nfkd()
        .filter(|c| !('\u{0300}'..='\u{036F}').contains(c))
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .nfc()
        .collect()
}

pub fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents_and_case_fold_away_but_indic_marks_stay() {
        assert_eq!(fold("Zoë JOSÉ"), "zoe jose");
        assert_eq!(fold("अनन्या"), "अनन्या");
        assert_eq!(digits("+44 (0)20-7946"), "440207946");
    }
}
