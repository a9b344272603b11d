//! Loading a policy directory: every nation file and the dangerous-goods list, validated as one
//! set. A set with any error is refused whole, so the caller keeps the set it had.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use super::adr_tables::{AdrTables, ADR_TABLES_FILE};
use super::dg_list::DangerousGoodsList;
pub use super::error::PolicyError;
use super::schema::PolicyFile;
use super::validate::validate;
use crate::domain::Nation;

/// The file name of the shared dangerous-goods list inside a policy directory.
pub const DANGEROUS_GOODS_FILE: &str = "dangerous_goods.csv";

/// One nation's policy, parsed and validated.
#[derive(Debug, Clone, PartialEq)]
pub struct Policy {
    /// The file as written.
    pub file: PolicyFile,
    /// SHA-256 of the file's bytes, lower-case hex: the policy version stored with findings.
    pub version: String,
    /// The nation's time zone.
    pub tz: chrono_tz::Tz,
    /// Where it was read from.
    pub path: PathBuf,
}

/// Every nation's policy and the dangerous-goods list, loaded and validated together.
#[derive(Debug, Clone)]
pub struct PolicySet {
    policies: BTreeMap<Nation, Arc<Policy>>,
    dangerous_goods: Arc<DangerousGoodsList>,
    dangerous_goods_version: String,
    adr_tables: Arc<AdrTables>,
    version: String,
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

impl PolicySet {
    /// Reads and validates every `*.yaml` file at the top of `dir` and its `dangerous_goods.csv`;
    /// other files and folders (README.md, schema.json, tests/) are not policies.
    pub fn load_dir(dir: &Path) -> Result<PolicySet, Vec<PolicyError>> {
        let dir_error = |message: String| {
            vec![PolicyError {
                file: dir.display().to_string(),
                field: "(directory)".into(),
                message,
            }]
        };
        let listing = std::fs::read_dir(dir)
            .map_err(|e| dir_error(format!("cannot read the policy directory: {e}")))?;
        let mut files = Vec::new();
        let mut errors = Vec::new();
        for entry in listing {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => return Err(dir_error(format!("cannot list the policy directory: {e}"))),
            };
            let path = entry.path();
            if !path.is_file() || !is_policy_set_member(&path) {
                continue;
            }
            match std::fs::read(&path) {
                Ok(bytes) => files.push((path, bytes)),
                Err(e) => errors.push(PolicyError {
                    file: path.display().to_string(),
                    field: "(file)".into(),
                    message: format!("cannot read: {e}"),
                }),
            }
        }
        match PolicySet::from_files(files) {
            Ok(set) if errors.is_empty() => Ok(set),
            Ok(_) => Err(errors),
            Err(more) => {
                // The pure constructor knows no directory: name the missing list by its path.
                errors.extend(more.into_iter().map(|mut e| {
                    for shared in [DANGEROUS_GOODS_FILE, ADR_TABLES_FILE] {
                        if e.file == shared {
                            e.file = dir.join(shared).display().to_string();
                        }
                    }
                    e
                }));
                Err(errors)
            }
        }
    }

    /// Builds a set from file contents (path and bytes), without touching the file system:
    /// `*.yaml`/`*.yml` are nation policies, `dangerous_goods.csv` is the list and
    /// `adr_tables.yaml` the shared ADR tables (mixed loading, net explosive mass).
    pub fn from_files(files: Vec<(PathBuf, Vec<u8>)>) -> Result<PolicySet, Vec<PolicyError>> {
        let mut files = files;
        files.sort_by(|a, b| a.0.cmp(&b.0));
        let mut errors = Vec::new();
        let mut dangerous_goods = None;
        let mut adr_tables = None;
        let mut parsed = Vec::new();
        let mut set_hash = Sha256::new();
        for (path, bytes) in &files {
            let shown = path.display().to_string();
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let version = sha256_hex(bytes);
            set_hash.update(name.as_bytes());
            set_hash.update([0]);
            set_hash.update(version.as_bytes());
            set_hash.update([b'\n']);
            if name == DANGEROUS_GOODS_FILE {
                match DangerousGoodsList::parse(&shown, bytes) {
                    Ok(list) => dangerous_goods = Some((list, version, shown)),
                    Err(e) => errors.extend(e),
                }
            } else if name == ADR_TABLES_FILE {
                match AdrTables::parse(&shown, bytes) {
                    Ok(t) => adr_tables = Some(t),
                    Err(e) => errors.extend(e),
                }
            } else if is_policy_file(path) {
                match parse_policy(path, bytes) {
                    Ok(policy) => parsed.push(policy),
                    Err(e) => errors.extend(e),
                }
            }
        }
        for (shared, what) in [
            (DANGEROUS_GOODS_FILE, "the shared dangerous-goods list"),
            (
                ADR_TABLES_FILE,
                "the shared ADR tables (mixed loading, net explosive mass)",
            ),
        ] {
            if !files
                .iter()
                .any(|(p, _)| p.file_name().is_some_and(|n| n == shared))
            {
                errors.push(PolicyError {
                    file: shared.into(),
                    field: "(file)".into(),
                    message: format!("missing: {what} is part of every policy set"),
                });
            }
        }
        let (Some((mut dangerous_goods, dangerous_goods_version, list_file)), Some(adr_tables)) =
            (dangerous_goods, adr_tables)
        else {
            return Err(errors);
        };
        errors.extend(adr_tables.resolve(&list_file, &mut dangerous_goods));
        let mut policies = BTreeMap::new();
        for policy in parsed {
            let nation = policy.file.nation;
            if let Some(first) = policies.insert(nation, Arc::new(policy)) {
                errors.push(PolicyError {
                    file: first.path.display().to_string(),
                    field: "nation".into(),
                    message: format!("{nation} has more than one policy file"),
                });
            }
        }
        if policies.is_empty() && errors.is_empty() {
            errors.push(PolicyError {
                file: "(policy set)".into(),
                field: "(directory)".into(),
                message: "no nation policy files (`XX.yaml`)".into(),
            });
        }
        if errors.is_empty() {
            Ok(PolicySet {
                policies,
                dangerous_goods: Arc::new(dangerous_goods),
                dangerous_goods_version,
                adr_tables: Arc::new(adr_tables),
                version: hex::encode(set_hash.finalize()),
            })
        } else {
            Err(errors)
        }
    }

    /// The policy of one nation.
    pub fn get(&self, nation: Nation) -> Option<&Arc<Policy>> {
        self.policies.get(&nation)
    }

    /// The nations with a policy, in code order.
    pub fn nations(&self) -> Vec<Nation> {
        self.policies.keys().copied().collect()
    }

    /// Every policy, in nation-code order.
    pub fn policies(&self) -> impl Iterator<Item = &Arc<Policy>> {
        self.policies.values()
    }

    /// SHA-256 over every file of the set (names and content hashes), lower-case hex.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The shared dangerous-goods list.
    pub fn dangerous_goods(&self) -> &Arc<DangerousGoodsList> {
        &self.dangerous_goods
    }

    /// The shared ADR tables (mixed loading, net explosive mass per transport unit).
    pub fn adr_tables(&self) -> &Arc<AdrTables> {
        &self.adr_tables
    }

    /// Swaps one nation's policy, for tests that vary a single rule.
    #[cfg(test)]
    pub(crate) fn replace_policy(&mut self, policy: Policy) {
        self.policies.insert(policy.file.nation, Arc::new(policy));
    }

    /// SHA-256 of the dangerous-goods list file, lower-case hex.
    pub fn dangerous_goods_version(&self) -> &str {
        &self.dangerous_goods_version
    }
}

/// Files the loader reads: nation policies and the dangerous-goods list.
fn is_policy_set_member(path: &Path) -> bool {
    is_policy_file(path)
        || path
            .file_name()
            .is_some_and(|n| n == DANGEROUS_GOODS_FILE || n == ADR_TABLES_FILE)
}

/// A nation policy: any YAML file but the shared ADR tables.
fn is_policy_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
        && path.file_name().is_none_or(|n| n != ADR_TABLES_FILE)
}

/// Parses and validates one nation file.
fn parse_policy(path: &Path, bytes: &[u8]) -> Result<Policy, Vec<PolicyError>> {
    let shown = path.display().to_string();
    let err = |field: String, message: String| PolicyError {
        file: shown.clone(),
        field,
        message,
    };
    let de = serde_norway::Deserializer::from_slice(bytes);
    let file: PolicyFile = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        let field = if path.is_empty() || path == "." {
            inner.location().map_or("(document)".into(), |l| {
                format!("line {} column {}", l.line(), l.column())
            })
        } else {
            path
        };
        vec![err(field, inner.to_string())]
    })?;
    let mut errors = Vec::new();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if stem != file.nation.as_str() {
        errors.push(err(
            "nation".into(),
            format!(
                "`{}` does not match the file name `{stem}`; name the file {}.yaml",
                file.nation, file.nation
            ),
        ));
    }
    let tz = match file.timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => Some(tz),
        Err(_) => {
            errors.push(err(
                "timezone".into(),
                format!(
                    "`{}` is not an IANA time zone such as Europe/Berlin",
                    file.timezone
                ),
            ));
            None
        }
    };
    errors.extend(
        validate(&file)
            .into_iter()
            .map(|(field, message)| err(field, message)),
    );
    match tz {
        Some(tz) if errors.is_empty() => Ok(Policy {
            file,
            version: sha256_hex(bytes),
            tz,
            path: path.to_path_buf(),
        }),
        _ => Err(errors),
    }
}
