//! The whole pipeline on a small repository: the demo organisation plus the
//! fuzzed bytes as one more nomination, through loading, every rule, the
//! sink and both output formats.
#![no_main]

use ladderlint::config::Config;
use ladderlint::lint;
use ladderlint::load::Limits;
use ladderlint::output::{FormatKind, Run};
use ladderlint::source::{Data, Input};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn demo() -> &'static Vec<(String, Vec<u8>)> {
    static DEMO: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    DEMO.get_or_init(|| {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/demo");
        let mut out = Vec::new();
        for dir in ["ladders", "people", "cycles", "nominations"] {
            for e in std::fs::read_dir(root.join(dir)).expect("demo folder") {
                let p = e.expect("entry").path();
                let name = p.file_name().expect("name").to_string_lossy().into_owned();
                out.push((format!("{dir}/{name}"), std::fs::read(&p).expect("file")));
            }
        }
        out
    })
}

fuzz_target!(|data: &[u8]| {
    let mut inputs: Vec<Input> = demo()
        .iter()
        .map(|(path, bytes)| Input {
            path: path.clone(),
            data: Data::Bytes(bytes.clone()),
        })
        .collect();
    inputs.push(Input {
        path: "nominations/2026h2-fuzz.yaml".into(),
        data: Data::Bytes(data.to_vec()),
    });
    inputs.sort_by(|a, b| a.path.cmp(&b.path));
    let limits = Limits::default();
    let (repo, findings) = lint::run_inputs(inputs, &Config::default(), "2026-08-01", &limits, None);
    let run = Run::new(&findings, repo.files.iter());
    for format in [FormatKind::Text, FormatKind::Json] {
        let mut out = Vec::new();
        format.formatter().write(&run, &mut out).expect("write to memory");
    }
});
