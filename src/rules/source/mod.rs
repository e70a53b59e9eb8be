//! `source/` rules: files that are in the repository but cannot be read as
//! they stand (LFS pointers, symlinks out of the repository, submodules).

use super::{RuleId, RuleMeta};
use crate::finding::Severity;

pub static LFS_POINTER: RuleMeta = RuleMeta {
    id: RuleId::new("source/lfs-pointer"),
    severity: Severity::Error,
    summary: "a matched file is a Git LFS pointer whose content was not fetched",
    rationale: "An LFS pointer is not the document; checking it would check nothing.",
    options: &[],
    pass: "kind: People\npeople: []\n",
    fail: "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a...\nsize 1234\n",
};

pub static SYMLINK: RuleMeta = RuleMeta {
    id: RuleId::new("source/symlink"),
    severity: Severity::Error,
    summary: "a matched file is a symlink that leads outside the repository (never followed)",
    rationale: "Following a link out of the repository would read files that no pull request \
                reviews, and could disclose them in reports.",
    options: &[],
    pass: "ladders/eng.yaml -> ladders/engineering.yaml",
    fail: "ladders/eng.yaml -> /etc/passwd",
};

pub static SUBMODULE: RuleMeta = RuleMeta {
    id: RuleId::new("source/submodule"),
    severity: Severity::Info,
    summary: "a submodule inside an included folder is skipped",
    rationale: "A submodule is another repository with its own policy; it is not read.",
    options: &[],
    pass: "",
    fail: "",
};
