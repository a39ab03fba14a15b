//! The config file, `hotline.toml`: defaults for the options a team sets once (references, globs, the
//! default region, `--fail-on`, the format). Found in the working directory or the nearest parent that
//! has one, or given with `--config FILE`; `--no-config` ignores it. Options on the command line win; lists
//! (`reference`, `glob`) are the config's followed by the command line's. Paths in the file are relative
//! to the directory that holds it.
//!
//! ```toml
//! reference = ["our-contacts.csv"]
//! glob = ["*.html", "!drafts/*"]
//! region = "GB"
//! fail-on = "caution"
//! format = "jsonl"
//! ```

use std::io;
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use serde::Deserialize;

use hotline::numbering::Region;
use hotline::report::OutputFormat;

use super::{parse_region, FailOn};

/// The file name looked for, upwards from the working directory.
pub const FILE_NAME: &str = "hotline.toml";

/// Where the config comes from (`--config`, `--no-config`).
#[derive(clap::Args, Debug, Default, Clone)]
pub struct ConfigArgs {
    /// Read options from FILE [default: hotline.toml in the working directory or the nearest parent].
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Do not read a config file.
    #[arg(long, global = true)]
    pub no_config: bool,
}

/// What the file says, as written.
#[derive(Deserialize, Default, Debug)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    #[serde(default)]
    reference: Vec<PathBuf>,
    #[serde(default)]
    replace_reference: bool,
    #[serde(default)]
    glob: Vec<String>,
    region: Option<String>,
    fail_on: Option<String>,
    format: Option<String>,
}

/// The options a config file sets, checked.
#[derive(Debug, Default)]
pub struct Config {
    pub references: Vec<PathBuf>,
    pub replace_reference: bool,
    pub globs: Vec<String>,
    pub region: Option<Region>,
    pub fail_on: Option<FailOn>,
    pub format: Option<OutputFormat>,
}

impl ConfigArgs {
    /// The config these arguments select: `--config FILE`, none with `--no-config`, else the nearest
    /// `hotline.toml` from the working directory upwards.
    pub fn load(&self) -> io::Result<Config> {
        if self.no_config {
            return Ok(Config::default());
        }
        let path = match &self.config {
            Some(path) => path.clone(),
            None => match find(&std::env::current_dir()?) {
                Some(path) => path,
                None => return Ok(Config::default()),
            },
        };
        Config::read(&path)
    }
}

/// The nearest `hotline.toml` in `dir` or a parent of it.
fn find(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|p| p.is_file())
}

impl Config {
    fn read(path: &Path) -> io::Result<Config> {
        let invalid = |why: String| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("config {}: {why}", path.display()),
            )
        };
        let text = std::fs::read_to_string(path).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot read config {}: {e}", path.display()),
            )
        })?;
        let file: File = toml::from_str(&text).map_err(|e| invalid(e.to_string()))?;
        let base = path.parent().unwrap_or(Path::new(""));
        let region = file
            .region
            .as_deref()
            .map(parse_region)
            .transpose()
            .map_err(|e| invalid(format!("region: {e}")))?;
        Ok(Config {
            references: file.reference.iter().map(|r| base.join(r)).collect(),
            replace_reference: file.replace_reference,
            globs: file.glob,
            region,
            fail_on: parse_value(file.fail_on.as_deref(), "fail-on").map_err(invalid)?,
            format: parse_value(file.format.as_deref(), "format").map_err(invalid)?,
        })
    }
}

/// A value of a clap enum as the command line would take it.
fn parse_value<T: ValueEnum>(value: Option<&str>, key: &str) -> Result<Option<T>, String> {
    let Some(value) = value else { return Ok(None) };
    T::from_str(value, true).map(Some).map_err(|_| {
        let names: Vec<String> = T::value_variants()
            .iter()
            .filter_map(|v| v.to_possible_value())
            .map(|v| v.get_name().to_string())
            .collect();
        format!("{key}: `{value}` is not one of {}", names.join(", "))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("hotline-config-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(d.join("a/b")).unwrap();
        d
    }

    #[test]
    fn found_upwards_and_paths_relative_to_the_file() {
        let d = dir("find");
        let file = d.join(FILE_NAME);
        std::fs::write(
            &file,
            "reference = [\"mine.csv\"]\nglob = [\"*.html\"]\nregion = \"gb\"\nfail-on = \"caution\"\nformat = \"csv\"\n",
        )
        .unwrap();
        assert_eq!(find(&d.join("a/b")), Some(file.clone()));
        let c = Config::read(&file).unwrap();
        assert_eq!(c.references, [d.join("mine.csv")]);
        assert_eq!(c.globs, ["*.html"]);
        assert_eq!(c.region.map(|r| r.id()), Some("GB"));
        assert!(matches!(c.fail_on, Some(FailOn::Caution)));
        assert_eq!(c.format, Some(OutputFormat::Csv));
        std::fs::remove_dir_all(d).unwrap();
    }

    #[test]
    fn unknown_keys_and_values_name_the_file() {
        let d = dir("bad");
        let file = d.join(FILE_NAME);
        std::fs::write(&file, "globs = [\"*.html\"]\n").unwrap();
        let e = Config::read(&file).unwrap_err().to_string();
        assert!(e.contains("hotline.toml") && e.contains("globs"), "{e}");
        std::fs::write(&file, "fail-on = \"sometimes\"\n").unwrap();
        let e = Config::read(&file).unwrap_err().to_string();
        assert!(
            e.contains("`sometimes` is not one of caution, danger, never"),
            "{e}"
        );
        std::fs::remove_dir_all(d).unwrap();
    }
}
