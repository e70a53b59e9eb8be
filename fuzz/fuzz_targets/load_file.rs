//! Any bytes as one file: loading (fast and full paths), schema validation,
//! typed extraction and every per-document rule. The fast path must read a
//! file exactly as the full path does, and every finding must have a real
//! position.
#![no_main]

use ladderlint::config::Config;
use ladderlint::lint;
use ladderlint::load::{self, Limits};
use ladderlint::source::{Data, Input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let fast = load::load_fast("nominations/x.yaml", data.to_vec(), &limits);
    if let Some(json) = fast.fast_json() {
        let full = load::load("nominations/x.yaml", data, &limits);
        let docs: Vec<serde_json::Value> =
            full.documents().iter().map(|d| d.root.to_json()).collect();
        assert_eq!(json, &docs, "the fast path read the file differently");
        assert!(
            full.findings.is_empty(),
            "the fast path read a file the full path rejects: {:?}",
            full.findings
        );
    }
    let inputs = vec![Input {
        path: "nominations/x.yaml".into(),
        data: Data::Bytes(data.to_vec()),
    }];
    let (_, findings) = lint::run_inputs(inputs, &Config::default(), "2026-08-01", &limits, None);
    for f in &findings {
        assert!(f.span.line >= 1 && f.span.column >= 1, "{f:?}");
    }
});
