//! The layout follows the pipeline: each module of `src/` may use only modules of its own layer or the
//! layers below it (a stage never imports a later stage), the data model imports no stage, and no two
//! modules import each other in a circle. Read from the sources' `crate::` paths, outside test code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The layers, bottom first: the model and helpers, knowledge, then the stages in data order.
const LAYERS: &[&[&str]] = &[
    &["model", "text"],
    &["document", "lexicon"],
    &["numbering", "data", "reference"],
    &["source"],
    &["context"],
    &["mention"],
    &["attribute"],
    &["verify"],
    &["rules"],
    &["crosscheck"],
    &["run"],
    &["store"],
    &["answer"],
    &["report"],
    &["serve"],
];

fn layer(module: &str) -> usize {
    LAYERS
        .iter()
        .position(|l| l.contains(&module))
        .unwrap_or_else(|| panic!("src/{module} is in no layer: add it to LAYERS"))
}

/// The top-level module of a source file (`src/rules/freemail.rs` -> `rules`), or `None` for the binary.
fn module_of(path: &Path, src: &Path) -> Option<String> {
    let rel = path.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main" | "cli" | "bin")).then(|| name.to_string())
}

fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Top-level modules named after `crate::` in `code` (`use crate::{a, b::c}` too).
fn uses(code: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            for part in group.split(',') {
                let name: String = part
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() {
                    found.insert(name);
                }
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found
}

#[test]
fn stages_import_only_what_comes_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut wrong = Vec::new();
    for path in &files {
        let Some(module) = module_of(path, &src) else {
            continue;
        };
        let text = std::fs::read_to_string(path).unwrap();
        // Unit tests may build whole pipelines; only the code itself is layered.
        let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
        for used in uses(code) {
            if used == module {
                continue;
            }
            if layer(&used) > layer(&module) {
                wrong.push(format!(
                    "{} uses crate::{used}, a later stage",
                    path.display()
                ));
            }
            graph.entry(module.clone()).or_default().insert(used);
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        graph.get("model").is_none_or(|u| u.is_empty()),
        "the data model imports {:?}",
        graph.get("model")
    );
    // No circle, even within a layer: follow every path from every module.
    fn reaches(
        graph: &BTreeMap<String, BTreeSet<String>>,
        from: &str,
        to: &str,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        graph
            .get(from)
            .into_iter()
            .flatten()
            .any(|next| next == to || (seen.insert(next.clone()) && reaches(graph, next, to, seen)))
    }
    for module in graph.keys() {
        assert!(
            !reaches(&graph, module, module, &mut BTreeSet::new()),
            "{module} imports itself through a circle"
        );
    }
}

#[test]
fn the_check_notices_a_later_import() {
    assert_eq!(
        uses("use crate::{model::Claim, run::Sink};\nlet x = crate::rules::risk(c);"),
        ["model", "rules", "run"]
            .map(String::from)
            .into_iter()
            .collect()
    );
    assert!(layer("run") > layer("verify"));
}
