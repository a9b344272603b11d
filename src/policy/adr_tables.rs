//! The ADR tables that are the same for every nation (`policies/adr_tables.yaml`): mixed loading
//! by danger label (ADR 7.5.2.1) and by compatibility group (7.5.2.2), and the net explosive
//! mass per transport unit (7.5.5.2.1) with the order of divisions (7.5.5.2.2).
//!
//! The file is data a dangerous-goods safety adviser can check cell by cell against the text;
//! the few rules that read the notes live here once. Parsed and indexed when the policy set is
//! built, so evaluation only compares small integers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::dg_list::{DangerousGoodsList, DgEntry};
use super::error::PolicyError;
use crate::domain::{AdrVehicleType, UnNumber};

/// The file name inside a policy directory.
pub const ADR_TABLES_FILE: &str = "adr_tables.yaml";

/// The file as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    edition: String,
    sources: Vec<FileSource>,
    mixed_loading: LabelTable,
    compatibility: GroupTable,
    explosive_mass: MassTable,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileSource {
    id: String,
    title: String,
    #[serde(default)]
    url: Option<String>,
}

/// ADR 7.5.2.1 as written: rows and columns are the table's labels.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelTable {
    source: String,
    labels: Vec<String>,
    /// Labels of the list that the table heads together (`2.1` → `2`, `9A` → `9`).
    #[serde(default)]
    aliases: BTreeMap<String, String>,
    /// Label pairs the table has a column of their own for (`4.1` with `1` → `4.1+1`).
    #[serde(default)]
    combined: Vec<Combined>,
    /// One row per label, cells in `labels` order: `X` permitted, `-` prohibited, `7.5.2.2`
    /// by compatibility group, letters: permitted only as the note says.
    rows: BTreeMap<String, Vec<String>>,
    notes: BTreeMap<String, LabelNote>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Combined {
    labels: Vec<String>,
    label: String,
}

/// A note of 7.5.2.1: permitted when the class 1 side and the other side match.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LabelNote {
    /// The note as ADR words it (quoted in findings).
    pub text: String,
    /// The class 1 goods must have one of these classification codes (empty: any).
    #[serde(default)]
    pub explosive_codes: Vec<String>,
    /// ...or be one of these UN numbers (empty: any).
    #[serde(default)]
    pub explosive_un_numbers: Vec<UnNumber>,
    /// The other goods must be one of these UN numbers (empty: any).
    #[serde(default)]
    pub other_un_numbers: Vec<UnNumber>,
}

/// ADR 7.5.2.2 as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct GroupTable {
    source: String,
    groups: Vec<char>,
    rows: BTreeMap<char, Vec<String>>,
    notes: BTreeMap<String, GroupNote>,
}

/// A note of 7.5.2.2 and what it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupNote {
    /// The note as ADR words it.
    pub text: String,
    /// What the note means for a notification.
    pub effect: GroupNoteEffect,
}

/// The fixed readings of the 7.5.2.2 notes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupNoteEffect {
    /// Permitted only with a separation the notification cannot state (B with D): the strict
    /// reading refuses it.
    SeparationRequired,
    /// Permitted only for goods of the same UN number (L with L).
    SameUnNumberOnly,
    /// Permitted; different UN numbers of this pair count as division 1.1 unless shown otherwise
    /// (1.6N of different types).
    DifferentTypesAsDivision11,
    /// Permitted; no effect on the net explosive mass (N with C, D, E counts as D).
    Permitted,
}

/// ADR 7.5.5.2.1/7.5.5.2.2 as written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MassTable {
    source: String,
    /// Divisions from the most dangerous (7.5.5.2.2: 1.1, 1.5, 1.2, 1.3, 1.6, 1.4).
    division_order: Vec<String>,
    /// Combinations the whole load of which counts as another division (1.5D with 1.2: 1.1).
    #[serde(default)]
    treated_as: Vec<TreatedAs>,
    /// Limits per vehicle type: division (`1.1`) or division and group (`1.1A`) to kg, written
    /// as decimals (`6.25`).
    limits_kg: BTreeMap<String, BTreeMap<String, String>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct TreatedAs {
    divisions: Vec<String>,
    division: String,
}

/// One cell of either table, indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// Permitted.
    Permitted,
    /// Prohibited.
    Prohibited,
    /// Both class 1: decided by compatibility group (7.5.2.2).
    ByGroup,
    /// Permitted only as one of these notes says (keys into the notes).
    Notes(Vec<String>),
}

/// The ADR tables, parsed, checked and indexed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdrTables {
    /// Edition of ADR the tables are from (`ADR 2025`).
    pub edition: String,
    /// Source text of 7.5.2.1 (for findings).
    pub label_source: String,
    /// Source text of 7.5.2.2.
    pub group_source: String,
    /// Source text of 7.5.5.2.
    pub mass_source: String,
    labels: Vec<String>,
    label_index: BTreeMap<String, u8>,
    aliases: BTreeMap<String, String>,
    combined: Vec<(Vec<String>, u8)>,
    label_cells: Vec<Vec<Cell>>,
    label_notes: BTreeMap<String, LabelNote>,
    groups: Vec<char>,
    group_cells: Vec<Vec<Cell>>,
    group_notes: BTreeMap<String, GroupNote>,
    divisions: Vec<String>,
    treated_as: Vec<(Vec<u8>, u8)>,
    /// (vehicle type, division rank, group A only) → limit in grams.
    limits_g: Vec<(AdrVehicleType, u8, bool, u64)>,
}

/// The first asymmetric cell of a square table, as (row, column).
fn asymmetry(cells: &[Vec<Cell>]) -> Option<(usize, usize)> {
    cells.iter().enumerate().find_map(|(i, row)| {
        row.iter()
            .enumerate()
            .take(i)
            .find(|(j, c)| cells.get(*j).and_then(|r| r.get(i)) != Some(*c))
            .map(|(j, _)| (i, j))
    })
}

/// Kilograms written as a decimal (`16000`, `6.25`) to grams.
fn grams(s: &str) -> Option<u64> {
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty()
        || frac.len() > 3
        || !(whole.chars().chain(frac.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: u64 = whole.parse().ok()?;
    let frac: u64 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    whole.checked_mul(1000)?.checked_add(frac)
}

fn cell(s: &str, by_group: &str) -> Cell {
    match s.trim() {
        "X" => Cell::Permitted,
        "-" | "" => Cell::Prohibited,
        t if t == by_group => Cell::ByGroup,
        t => Cell::Notes(t.split_whitespace().map(str::to_string).collect()),
    }
}

impl AdrTables {
    /// Parses and checks the file; errors name `file` and the field.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, Vec<PolicyError>> {
        let err = |field: String, message: String| PolicyError {
            file: file.to_string(),
            field,
            message,
        };
        let de = serde_norway::Deserializer::from_slice(bytes);
        let f: File = serde_path_to_error::deserialize(de).map_err(|e| {
            let path = e.path().to_string();
            vec![err(
                if path.is_empty() {
                    "(document)".into()
                } else {
                    path
                },
                e.into_inner().to_string(),
            )]
        })?;
        let mut errors = Vec::new();

        // 7.5.2.1
        let t = &f.mixed_loading;
        let n = t.labels.len();
        let label_index: BTreeMap<String, u8> = t
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.clone(), i as u8))
            .collect();
        if label_index.len() != n || n > 64 {
            errors.push(err(
                "mixed_loading.labels".into(),
                "labels must be unique (at most 64)".into(),
            ));
        }
        let mut label_cells = Vec::with_capacity(n);
        for label in &t.labels {
            let at = format!("mixed_loading.rows.{label}");
            match t.rows.get(label) {
                Some(row) if row.len() == n => {
                    let cells: Vec<Cell> = row.iter().map(|c| cell(c, "7.5.2.2")).collect();
                    for c in &cells {
                        if let Cell::Notes(keys) = c {
                            for k in keys {
                                if !t.notes.contains_key(k) {
                                    errors.push(err(
                                        at.clone(),
                                        format!("note `{k}` is not among `mixed_loading.notes`"),
                                    ));
                                }
                            }
                        }
                    }
                    label_cells.push(cells);
                }
                Some(row) => {
                    errors.push(err(
                        at,
                        format!("has {} cells; the table has {n} labels", row.len()),
                    ));
                    label_cells.push(vec![Cell::Prohibited; n]);
                }
                None => {
                    errors.push(err(at, "missing: every label has a row".into()));
                    label_cells.push(vec![Cell::Prohibited; n]);
                }
            }
        }
        for row in t.rows.keys() {
            if !label_index.contains_key(row) {
                errors.push(err(
                    format!("mixed_loading.rows.{row}"),
                    "not among `mixed_loading.labels`".into(),
                ));
            }
        }
        if let Some((i, j)) = asymmetry(&label_cells) {
            errors.push(err(
                format!("mixed_loading.rows.{}", t.labels[i]),
                format!(
                    "the cell for {} differs from the cell of row {} for {}; the table is symmetric",
                    t.labels[j], t.labels[j], t.labels[i]
                ),
            ));
        }
        for (from, to) in &t.aliases {
            if !label_index.contains_key(to) {
                errors.push(err(
                    format!("mixed_loading.aliases.{from}"),
                    format!("`{to}` is not among the labels"),
                ));
            }
        }
        let mut combined = Vec::new();
        for (i, c) in t.combined.iter().enumerate() {
            match label_index.get(&c.label) {
                Some(&ix) => combined.push((c.labels.clone(), ix)),
                None => errors.push(err(
                    format!("mixed_loading.combined[{i}].label"),
                    format!("`{}` is not among the labels", c.label),
                )),
            }
        }

        // 7.5.2.2
        let g = &f.compatibility;
        let m = g.groups.len();
        let mut group_cells = Vec::with_capacity(m);
        for group in &g.groups {
            let at = format!("compatibility.rows.{group}");
            match g.rows.get(group) {
                Some(row) if row.len() == m => {
                    let cells: Vec<Cell> = row.iter().map(|c| cell(c, "\u{0}")).collect();
                    for c in &cells {
                        if let Cell::Notes(keys) = c {
                            for k in keys {
                                if !g.notes.contains_key(k) {
                                    errors.push(err(
                                        at.clone(),
                                        format!("note `{k}` is not among `compatibility.notes`"),
                                    ));
                                }
                            }
                        }
                    }
                    group_cells.push(cells);
                }
                _ => {
                    errors.push(err(at, format!("every group has a row of {m} cells")));
                    group_cells.push(vec![Cell::Prohibited; m]);
                }
            }
        }
        if let Some((i, j)) = asymmetry(&group_cells) {
            errors.push(err(
                format!("compatibility.rows.{}", g.groups[i]),
                format!(
                    "the cell for {} differs from row {}; the table is symmetric",
                    g.groups[j], g.groups[j]
                ),
            ));
        }

        // 7.5.5.2
        let x = &f.explosive_mass;
        let rank = |d: &str| {
            x.division_order
                .iter()
                .position(|o| o == d)
                .map(|p| p as u8)
        };
        let mut treated_as = Vec::new();
        for (i, t) in x.treated_as.iter().enumerate() {
            let from: Option<Vec<u8>> = t.divisions.iter().map(|d| rank(d)).collect();
            match (from, rank(&t.division)) {
                (Some(from), Some(to)) => treated_as.push((from, to)),
                _ => errors.push(err(
                    format!("explosive_mass.treated_as[{i}]"),
                    "names a division not in `division_order`".into(),
                )),
            }
        }
        let mut limits_g = Vec::new();
        for (vt, limits) in &x.limits_kg {
            let Ok(vehicle) = serde_norway::from_str::<AdrVehicleType>(vt) else {
                errors.push(err(
                    format!("explosive_mass.limits_kg.{vt}"),
                    "not an ADR vehicle type (EX/II, EX/III)".into(),
                ));
                continue;
            };
            for division in &x.division_order {
                if !limits.contains_key(division) {
                    errors.push(err(
                        format!("explosive_mass.limits_kg.{vt}"),
                        format!("no limit for division {division}"),
                    ));
                }
            }
            for (key, kg) in limits {
                let (division, group_a) = match key.strip_suffix('A') {
                    Some(d) => (d, true),
                    None => (key.as_str(), false),
                };
                let at = format!("explosive_mass.limits_kg.{vt}.{key}");
                match (rank(division), grams(kg)) {
                    (Some(r), Some(g)) => limits_g.push((vehicle, r, group_a, g)),
                    (None, _) => errors.push(err(
                        at,
                        "not a division of `division_order` (or one with A)".into(),
                    )),
                    (_, None) => errors.push(err(at, format!("`{kg}` is not a mass in kg"))),
                }
            }
        }
        if errors.is_empty() {
            Ok(Self {
                edition: f.edition,
                label_source: t.source.clone(),
                group_source: g.source.clone(),
                mass_source: x.source.clone(),
                labels: t.labels.clone(),
                label_index,
                aliases: t.aliases.clone(),
                combined,
                label_cells,
                label_notes: t.notes.clone(),
                groups: g.groups.clone(),
                group_cells,
                group_notes: g.notes.clone(),
                divisions: x.division_order.clone(),
                treated_as,
                limits_g,
            })
        } else {
            Err(errors)
        }
    }

    /// Resolves every list entry's labels, division and group into table indexes; errors name
    /// the list file and line of an entry the tables cannot place.
    pub fn resolve(&self, list_file: &str, list: &mut DangerousGoodsList) -> Vec<PolicyError> {
        let mut errors = Vec::new();
        for row in list.rows_mut() {
            let mut labels: Vec<&str> = row.labels.iter().map(String::as_str).collect();
            let mut out = Vec::new();
            for (parts, ix) in &self.combined {
                if parts.iter().all(|p| labels.contains(&p.as_str())) {
                    labels.retain(|l| !parts.iter().any(|p| p == l));
                    out.push(*ix);
                }
            }
            for l in labels {
                let l = self.aliases.get(l).map_or(l, String::as_str);
                match self.label_index.get(l) {
                    Some(&ix) => out.push(ix),
                    None => errors.push(PolicyError {
                        file: list_file.to_string(),
                        field: format!("line {}: labels", row.line),
                        message: format!("label `{l}` is not a label of the ADR 7.5.2.1 table in {ADR_TABLES_FILE}"),
                    }),
                }
            }
            row.resolved.labels = out;
            if let Some(e) = &row.explosive {
                row.resolved.division_rank = self
                    .divisions
                    .iter()
                    .position(|d| *d == e.division)
                    .map(|p| p as u8);
                row.resolved.group = self
                    .groups
                    .iter()
                    .position(|g| *g == e.group)
                    .map(|p| p as u8);
                if row.resolved.division_rank.is_none() || row.resolved.group.is_none() {
                    errors.push(PolicyError {
                        file: list_file.to_string(),
                        field: format!("line {}: classification_code", row.line),
                        message: format!("{}{} is not in the ADR 7.5.2.2 and 7.5.5.2 tables of {ADR_TABLES_FILE}", e.division, e.group),
                    });
                }
            }
        }
        errors
    }

    /// The label's name (`1.4`).
    pub fn label(&self, ix: u8) -> &str {
        self.labels.get(usize::from(ix)).map_or("?", String::as_str)
    }

    /// The 7.5.2.1 cell of two labels.
    pub fn label_cell(&self, a: u8, b: u8) -> &Cell {
        &self.label_cells[usize::from(a)][usize::from(b)]
    }

    /// A 7.5.2.1 note.
    pub fn label_note(&self, key: &str) -> Option<&LabelNote> {
        self.label_notes.get(key)
    }

    /// The group letter of a 7.5.2.2 row.
    pub fn group(&self, ix: u8) -> char {
        self.groups.get(usize::from(ix)).copied().unwrap_or('?')
    }

    /// The 7.5.2.2 cell of two groups.
    pub fn group_cell(&self, a: u8, b: u8) -> &Cell {
        &self.group_cells[usize::from(a)][usize::from(b)]
    }

    /// A 7.5.2.2 note.
    pub fn group_note(&self, key: &str) -> Option<&GroupNote> {
        self.group_notes.get(key)
    }

    /// The rank of a division (`1.1` → 0).
    pub fn rank_of(&self, division: &str) -> Option<u8> {
        self.divisions
            .iter()
            .position(|d| d == division)
            .map(|p| p as u8)
    }

    /// The division of a rank (`1.1`).
    pub fn division(&self, rank: u8) -> &str {
        self.divisions
            .get(usize::from(rank))
            .map_or("?", String::as_str)
    }

    /// 7.5.5.2.2: the division a load of these division ranks counts as (the most dangerous,
    /// or what a listed combination is treated as).
    pub fn governing_division(&self, ranks: u64) -> Option<u8> {
        let mut worst = (0..64u8).find(|r| ranks & (1 << r) != 0)?;
        for (from, to) in &self.treated_as {
            if from.iter().all(|r| ranks & (1 << r) != 0) {
                worst = worst.min(*to);
            }
        }
        Some(worst)
    }

    /// 7.5.5.2.1: the limit in grams for a vehicle type and governing division; `group_a` for
    /// goods of compatibility group A. `None`: the table has no figure (the vehicle type may
    /// not carry it).
    pub fn limit_g(&self, vehicle: AdrVehicleType, rank: u8, group_a: bool) -> Option<u64> {
        let exact = |a: bool| {
            self.limits_g
                .iter()
                .find(|(v, r, ga, _)| *v == vehicle && *r == rank && *ga == a)
                .map(|l| l.3)
        };
        if group_a {
            exact(true).or_else(|| exact(false))
        } else {
            exact(false)
        }
    }

    /// Whether a 7.5.2.1 note permits this class 1 entry with that other UN number.
    pub fn note_permits(note: &LabelNote, explosive: &DgEntry, other: UnNumber) -> bool {
        let code_ok = note.explosive_codes.is_empty()
            || note
                .explosive_codes
                .contains(&explosive.classification_code);
        let un_ok = note.explosive_un_numbers.is_empty()
            || note.explosive_un_numbers.contains(&explosive.un_number);
        let other_ok = note.other_un_numbers.is_empty() || note.other_un_numbers.contains(&other);
        code_ok && un_ok && other_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kilograms_read_as_grams() {
        assert_eq!(grams("6.25"), Some(6250));
        assert_eq!(grams("18.75"), Some(18_750));
        assert_eq!(grams("16000"), Some(16_000_000));
        assert_eq!(grams("1.5.0"), None);
        assert_eq!(grams("x"), None);
    }
}
