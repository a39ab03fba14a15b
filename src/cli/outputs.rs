//! Output files (`-o`, `--conflicts-csv`), all opened before the first input is read: a path that cannot
//! be written fails the run at once (exit 2), and leaves the other outputs as they were.

use std::fs::{File, OpenOptions};
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};

/// Output files opened for writing but not yet truncated: until `commit`, a failure removes the files
/// this run created and leaves existing ones untouched.
pub struct Outputs {
    files: Vec<(PathBuf, File, bool)>,
    committed: bool,
}

impl Outputs {
    /// Opens every path (`None`s are skipped), or fails with the first that cannot be written.
    pub fn open<'p>(paths: impl IntoIterator<Item = Option<&'p Path>>) -> io::Result<Outputs> {
        let mut outputs = Outputs {
            files: Vec::new(),
            committed: false,
        };
        for path in paths.into_iter().flatten() {
            let existed = path.exists();
            let file = OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(false)
                .open(path)
                .map_err(|e| {
                    io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
                })?;
            outputs.files.push((path.to_path_buf(), file, !existed));
        }
        Ok(outputs)
    }

    /// Empties the files and hands them over, in the order given.
    pub fn commit(mut self) -> io::Result<Vec<BufWriter<File>>> {
        self.committed = true;
        std::mem::take(&mut self.files)
            .into_iter()
            .map(|(path, file, _)| {
                let cannot = |e: io::Error| {
                    io::Error::new(e.kind(), format!("cannot write {}: {e}", path.display()))
                };
                // (Only a regular file has a length to cut: `-o /dev/null` or a named pipe is written as is.)
                if file.metadata().map_err(cannot)?.is_file() {
                    file.set_len(0).map_err(cannot)?;
                }
                Ok(BufWriter::new(file))
            })
            .collect()
    }
}

impl Drop for Outputs {
    fn drop(&mut self) {
        if self.committed {
            return;
        }
        for (path, _, created) in &self.files {
            if *created {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}
