//! The README's rule table is generated from the registry; they must agree.

use assert_cmd::Command;

#[test]
fn readme_rule_table_matches_registry() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find("<!-- rules:start -->\n")
        .expect("rules:start marker")
        + 21;
    let end = readme.find("<!-- rules:end -->").expect("rules:end marker");
    let out = Command::cargo_bin("ladderlint")
        .unwrap()
        .args(["rules", "--markdown"])
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        &readme[start..end],
        table,
        "README rule table is out of date: regenerate it with `ladderlint rules --markdown`"
    );
}

#[test]
fn readme_names_the_two_commands() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    assert!(readme.contains("cargo run --release -- lint fixtures/demo"));
    assert!(readme.contains("cargo test --locked"));
    let ci = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/.ci/run")).unwrap();
    assert!(ci.contains("cargo test --locked"));
}
