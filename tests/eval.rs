//! Precision and recall on hand-labelled pages (`tests/eval/docs`, answers in `tests/eval/expected.jsonl`).
//! A found contact counts as right only with the exact value on the right line.

use std::collections::HashMap;
use std::fs;
use std::path::Path;

use hotline::context::ReadOptions;
use hotline::document::Document;
use hotline::reference::Reference;
use hotline::run::extract_claims;
use serde::Deserialize;

#[derive(Deserialize)]
struct Expected {
    doc: String,
    line: usize,
    kind: String,
    value: String,
}

type Key = (String, usize, String, String);

fn counts(keys: impl Iterator<Item = Key>) -> HashMap<Key, usize> {
    let mut m = HashMap::new();
    for k in keys {
        *m.entry(k).or_insert(0) += 1;
    }
    m
}

#[test]
fn precision_and_recall_on_labelled_pages() {
    measure("tests/eval");
}

/// Written by a second author who never saw the extractor or the first set (see the README).
#[test]
fn precision_and_recall_on_held_out_pages() {
    measure("tests/holdout");
}

fn measure(set: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(set);
    let expected = counts(
        fs::read_to_string(root.join("expected.jsonl"))
            .unwrap()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| serde_json::from_str::<Expected>(l).unwrap())
            .map(|e| (e.doc, e.line, e.kind, e.value)),
    );
    let mut names: Vec<_> = fs::read_dir(root.join("docs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut found = Vec::new();
    for name in &names {
        let text = fs::read_to_string(root.join("docs").join(name)).unwrap();
        let doc = Document::new(name.clone(), text);
        for c in extract_claims(&doc, Reference::embedded(), &ReadOptions::default()) {
            found.push((name.clone(), c.line, c.kind.as_str().to_string(), c.value));
        }
    }
    let found = counts(found.into_iter());

    let mut report = Vec::new();
    for kind in ["phone", "email"] {
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for (k, &n) in found.iter().filter(|(k, _)| k.2 == kind) {
            let e = expected.get(k).copied().unwrap_or(0);
            tp += n.min(e);
            if n > e {
                fp += n - e;
                report.push(format!("false positive: {k:?}"));
            }
        }
        for (k, &e) in expected.iter().filter(|(k, _)| k.2 == kind) {
            let n = found.get(k).copied().unwrap_or(0);
            if e > n {
                fn_ += e - n;
                report.push(format!("missed: {k:?}"));
            }
        }
        let precision = tp as f64 / (tp + fp).max(1) as f64;
        let recall = tp as f64 / (tp + fn_).max(1) as f64;
        for r in report.iter().filter(|r| r.contains(kind)) {
            println!("  {r}");
        }
        println!(
            "{kind}: precision {precision:.3} recall {recall:.3} (tp {tp}, fp {fp}, fn {fn_})"
        );
        report.push(format!(
            "{kind}: precision {precision:.3} recall {recall:.3}"
        ));
        assert!(
            precision >= 0.97 && recall >= 0.95,
            "{kind} below target:\n{}",
            report.join("\n")
        );
    }
}
