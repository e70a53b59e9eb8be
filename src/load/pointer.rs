//! JSON pointers (RFC 6901): how findings name a place in a document.

/// One reference token escaped for a pointer: `~` as `~0`, `/` as `~1`.
pub fn escape(token: &str) -> String {
    if !token.contains(['~', '/']) {
        return token.to_owned();
    }
    token.replace('~', "~0").replace('/', "~1")
}

/// One reference token of a pointer, unescaped (`~1` before `~0`, as the
/// RFC requires, so `~01` is `~1`).
pub fn unescape(token: &str) -> String {
    if !token.contains('~') {
        return token.to_owned();
    }
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        for t in ["a", "a/b", "~", "~1", "a~/b", ""] {
            assert_eq!(unescape(&escape(t)), t);
        }
        assert_eq!(escape("a/b~c"), "a~1b~0c");
        assert_eq!(unescape("~01"), "~1");
    }
}
