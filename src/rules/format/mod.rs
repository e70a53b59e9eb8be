//! `format/` rules: how a file is written, where it does not change what
//! it says. Their findings carry safe fixes (`lint --fix`).

pub mod key_order;
pub mod trailing_whitespace;

use super::Rule;

/// Every `format/` rule.
pub fn rules() -> Vec<Box<dyn Rule>> {
    vec![
        Box::new(trailing_whitespace::TrailingWhitespace),
        Box::new(key_order::KeyOrder),
    ]
}
