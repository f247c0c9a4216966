//! The official JSON-Schema-Test-Suite as the integration tests read it
//! (`tests/conformance.rs`, `tests/image.rs`): its files in order, and its
//! remote schemas in a registry.

use std::fs;
use std::path::{Path, PathBuf};

use fieldnote::json::{Value, Writer};
use fieldnote::schema::Registry;

/// The suite's folder in this repository.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/json-schema-test-suite")
}

/// The `.json` files of `dir`, sorted.
pub fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    out.sort();
    out
}

/// Adds every remote under `dir` to `reg` as `prefix` + its path.
pub fn add_remotes(reg: &mut Registry, dir: &Path, prefix: &str) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if p.is_dir() {
            add_remotes(reg, &p, &format!("{prefix}{name}/"));
        } else if name.ends_with(".json") {
            let text = fs::read_to_string(&p).unwrap();
            reg.add(&format!("{prefix}{name}"), &text)
                .unwrap_or_else(|e| panic!("remote {}: {}", p.display(), e.message));
        }
    }
}

/// A value as JSON text.
pub fn to_text(v: Value<'_>) -> String {
    let mut w = Writer::new();
    w.value(v);
    w.finish()
}
