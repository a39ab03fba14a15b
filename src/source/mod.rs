//! Reading sources: the paths a user names (files, directories, `-` for stdin) into documents.

pub mod decode;
pub mod html;
pub mod jsonl;
pub mod warc;

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::claim::ErrorRecord;
use crate::document::Document;

/// One input to read: a file, or standard input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File { name: String, path: PathBuf },
    Stdin,
}

impl Input {
    /// The name records use for this input: the path as the user gave it (joined with the directory walk).
    pub fn name(&self) -> &str {
        match self {
            Input::File { name, .. } => name,
            Input::Stdin => "-",
        }
    }
}

/// Expands the paths a user gave into inputs, in a deterministic order (directories walked sorted).
/// Paths that do not exist become error records; the rest are still read.
pub fn expand(paths: &[String]) -> (Vec<Input>, Vec<ErrorRecord>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        let path = Path::new(p);
        match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, p, &mut inputs, &mut errors),
            Ok(_) => inputs.push(Input::File {
                name: p.clone(),
                path: path.to_path_buf(),
            }),
            Err(e) => errors.push(ErrorRecord {
                doc: p.clone(),
                line: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    (inputs, errors)
}

fn walk(dir: &Path, name: &str, inputs: &mut Vec<Input>, errors: &mut Vec<ErrorRecord>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(ErrorRecord {
                doc: name.to_string(),
                line: None,
                message: format!("cannot list directory: {e}"),
            });
            return;
        }
    };
    let mut children: Vec<_> = entries.filter_map(Result::ok).collect();
    children.sort_by_key(|e| e.file_name());
    for child in children {
        let file_name = child.file_name().to_string_lossy().into_owned();
        if file_name.starts_with('.') {
            continue;
        }
        let child_name = format!("{}/{}", name.trim_end_matches('/'), file_name);
        let path = child.path();
        match child.file_type() {
            Ok(t) if t.is_dir() => walk(&path, &child_name, inputs, errors),
            Ok(_) => inputs.push(Input::File {
                name: child_name,
                path,
            }),
            Err(e) => errors.push(ErrorRecord {
                doc: child_name,
                line: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
}

/// Reads one input as a UTF-8 text document.
pub fn read(input: &Input) -> Result<Document, ErrorRecord> {
    let error = |message: String| ErrorRecord {
        doc: input.name().to_string(),
        line: None,
        message,
    };
    let bytes = match input {
        Input::File { path, .. } => {
            fs::read(path).map_err(|e| error(format!("cannot read: {e}")))?
        }
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map_err(|e| error(format!("cannot read standard input: {e}")))?;
            buf
        }
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        ErrorRecord {
            doc: input.name().to_string(),
            line: Some(line),
            message: format!(
                "not valid UTF-8 at byte {} (line {line})",
                e.utf8_error().valid_up_to()
            ),
        }
    })?;
    let text = text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text);
    Ok(Document::new(input.name(), text))
}
