//! The fuzzers' corpora (`fuzz/corpus/<target>/`), replayed through the
//! real binary on every test run: each input as one more nomination of the
//! demo organisation. An input that once crashed a fuzzer is kept there, so
//! it stays a regression test without a nightly toolchain.

mod common;

use common::*;
use std::fs;

#[test]
fn every_fuzz_corpus_input_lints_without_a_crash() {
    let mut inputs: Vec<_> = ["load_file", "pipeline"]
        .iter()
        .flat_map(|t| fs::read_dir(manifest().join("fuzz/corpus").join(t)).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    inputs.sort();
    assert!(inputs.len() >= 10, "the seed corpus is committed");
    let tmp = demo_copy("");
    for (i, path) in inputs.iter().enumerate() {
        let bytes = fs::read(path).unwrap();
        fs::write(
            tmp.path().join(format!("nominations/fuzz-{i:03}.yaml")),
            bytes,
        )
        .unwrap();
    }
    for format in ["json", "text", "sarif", "github", "junit", "markdown"] {
        let (code, out, err) = run(ladderlint()
            .current_dir(tmp.path())
            .args(["lint", "--format", format]));
        assert!(code == 0 || code == 1, "{format}: exit {code}: {err}");
        assert!(!err.contains("panicked"), "{format}: {err}");
        assert!(!out.is_empty(), "{format}");
    }
    // Every finding still points at a real position.
    let (_, findings) = lint_json(tmp.path(), &[]);
    for f in &findings {
        assert!(f["line"].as_u64().unwrap() >= 1, "{f}");
        assert!(f["column"].as_u64().unwrap() >= 1, "{f}");
    }
}
