//! The shared dangerous-goods list (`policies/dangerous_goods.csv`): ADR Table A rows by UN number.
//!
//! A fuller edition replaces the file as it is: the loader reads columns by header name, ignores
//! columns it does not use, and keeps every row of a UN number (several rows may share one).

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use super::error::PolicyError;
use crate::domain::{TunnelCategory, UnNumber};

/// Columns the list must have; any others are ignored. `density_min_kg_per_m3`,
/// `density_max_kg_per_m3`, `density_source` and `carriage_packages` (Table A column 16, e.g.
/// `V2`) are read when present.
const REQUIRED_COLUMNS: [&str; 9] = [
    "un_number",
    "name",
    "class",
    "classification_code",
    "packing_group",
    "labels",
    "transport_category",
    "tunnel_code",
    "quantity_basis",
];

/// Columns read when present.
const OPTIONAL_COLUMNS: [&str; 4] = [
    "density_min_kg_per_m3",
    "density_max_kg_per_m3",
    "density_source",
    "carriage_packages",
];

/// How ADR 1.1.3.6.3 counts an entry's quantity toward the 1 000 points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuantityBasis {
    /// Articles: gross mass in kg; articles of class 1: net mass of explosive substance.
    Article,
    /// Solids: net mass in kg (class 1 substances: their net explosive mass).
    Solid,
    /// Liquids: litres.
    Liquid,
    /// Liquefied, refrigerated liquefied and dissolved gases: net mass in kg.
    LiquefiedGas,
    /// Compressed and adsorbed gases, chemicals under pressure: water capacity in litres.
    CompressedGas,
}

impl QuantityBasis {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "article" => Self::Article,
            "solid" => Self::Solid,
            "liquid" => Self::Liquid,
            "liquefied_gas" => Self::LiquefiedGas,
            "compressed_gas" => Self::CompressedGas,
            _ => return None,
        })
    }

    /// Whether the quantity is counted in litres (liquids, water capacity of gas receptacles).
    pub fn in_litres(self) -> bool {
        matches!(self, Self::Liquid | Self::CompressedGas)
    }

    /// The basis a class 2 classification code implies (ADR 2.2.2.1.1: 1 compressed, 2
    /// liquefied, 3 refrigerated liquefied, 4 dissolved, 5 aerosols, 6 articles, 7 samples,
    /// 8 chemicals under pressure, 9 adsorbed); `None` for codes outside class 2.
    fn of_gas_code(code: &str) -> Option<Self> {
        match code.chars().next()? {
            '1' | '8' | '9' => Some(Self::CompressedGas),
            '2' | '3' | '4' | '7' => Some(Self::LiquefiedGas),
            '5' | '6' => Some(Self::Article),
            _ => None,
        }
    }
}

/// A class 1 entry's division and compatibility group, from its classification code (`1.1D`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Explosive {
    /// Division as written (`1.1` … `1.6`).
    pub division: String,
    /// Compatibility group letter (`A` … `S`).
    pub group: char,
}

impl Explosive {
    fn parse(code: &str) -> Option<Self> {
        let (division, group) = code.split_at(code.len().checked_sub(1)?);
        let group = group.chars().next()?;
        let ok = matches!(division, "1.1" | "1.2" | "1.3" | "1.4" | "1.5" | "1.6")
            && group.is_ascii_uppercase();
        ok.then(|| Self {
            division: division.to_string(),
            group,
        })
    }
}

/// Indexes into the shared ADR tables, resolved once when the policy set is built.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Resolved {
    /// The entry's labels as rows of the ADR 7.5.2.1 table.
    pub labels: Vec<u8>,
    /// Class 1: the division's rank in ADR 7.5.5.2.2 (0 the most dangerous).
    pub division_rank: Option<u8>,
    /// Class 1: the compatibility group's row in the ADR 7.5.2.2 table.
    pub group: Option<u8>,
}

/// An ADR tunnel restriction code (ADR 8.6.4), as the tunnel categories it closes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(into = "String")]
pub enum TunnelCode {
    /// `-` or empty: no restriction.
    Unrestricted,
    /// `B`, `C`, `D`, `E`: closed from this category on.
    Closed(TunnelCategory),
    /// `B1000C`, `C5000D`: closed from `over` when the transport unit's net explosive mass is
    /// above `above_kg`, else from `otherwise`.
    ByNetExplosiveMass {
        /// Closed from here above the mass.
        over: TunnelCategory,
        /// Net explosive mass per transport unit (kg).
        above_kg: u32,
        /// Closed from here at or below the mass.
        otherwise: TunnelCategory,
    },
    /// `B/D`, `C/E`, `D/E`: closed from `tank` for tank or bulk carriage, else from `other`.
    ByCarriage {
        /// Tank or bulk carriage.
        tank: TunnelCategory,
        /// Packages.
        other: TunnelCategory,
    },
}

fn category(c: char) -> Option<TunnelCategory> {
    match c {
        'B' => Some(TunnelCategory::B),
        'C' => Some(TunnelCategory::C),
        'D' => Some(TunnelCategory::D),
        'E' => Some(TunnelCategory::E),
        _ => None,
    }
}

fn letter(c: TunnelCategory) -> char {
    match c {
        TunnelCategory::A => 'A',
        TunnelCategory::B => 'B',
        TunnelCategory::C => 'C',
        TunnelCategory::D => 'D',
        TunnelCategory::E => 'E',
    }
}

impl TunnelCode {
    /// Parses a code of ADR Table A column 15 (`B1000C`, `D/E`, `E`, `-`).
    pub fn parse(s: &str) -> Result<Self, String> {
        let bad = || format!("`{s}` is not an ADR tunnel restriction code (B, B1000C, C/D, E, -)");
        let s = s.trim().trim_start_matches('(').trim_end_matches(')');
        if s.is_empty() || s == "-" {
            return Ok(Self::Unrestricted);
        }
        let chars: Vec<char> = s.chars().collect();
        match chars.as_slice() {
            [c] => category(*c).map(Self::Closed).ok_or_else(bad),
            [t, '/', o] => match (category(*t), category(*o)) {
                (Some(tank), Some(other)) if tank < other => Ok(Self::ByCarriage { tank, other }),
                _ => Err(bad()),
            },
            [first, middle @ .., last] if !middle.is_empty() => {
                let digits: String = middle.iter().collect();
                let above_kg = digits
                    .chars()
                    .all(|c| c.is_ascii_digit())
                    .then(|| digits.parse::<u32>().ok())
                    .flatten()
                    .ok_or_else(bad)?;
                match (category(*first), category(*last)) {
                    (Some(over), Some(otherwise)) if over < otherwise => {
                        Ok(Self::ByNetExplosiveMass {
                            over,
                            above_kg,
                            otherwise,
                        })
                    }
                    _ => Err(bad()),
                }
            }
            _ => Err(bad()),
        }
    }

    /// The first tunnel category closed to a transport unit with this code, given the unit's
    /// total net explosive mass and whether it carries in tanks; `None`: no tunnel is closed.
    pub fn closed_from(self, net_explosive_mass_kg: u64, tank: bool) -> Option<TunnelCategory> {
        match self {
            Self::Unrestricted => None,
            Self::Closed(c) => Some(c),
            Self::ByNetExplosiveMass {
                over,
                above_kg,
                otherwise,
            } => Some(if net_explosive_mass_kg > u64::from(above_kg) {
                over
            } else {
                otherwise
            }),
            Self::ByCarriage { tank: t, other } => Some(if tank { t } else { other }),
        }
    }
}

impl fmt::Display for TunnelCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Unrestricted => f.write_str("-"),
            Self::Closed(c) => write!(f, "{}", letter(c)),
            Self::ByNetExplosiveMass {
                over,
                above_kg,
                otherwise,
            } => write!(f, "{}{}{}", letter(over), above_kg, letter(otherwise)),
            Self::ByCarriage { tank, other } => write!(f, "{}/{}", letter(tank), letter(other)),
        }
    }
}

impl From<TunnelCode> for String {
    fn from(c: TunnelCode) -> String {
        c.to_string()
    }
}

/// The 1-based line a record starts on. Counted here because with CRLF line ends the reader
/// places a record at the LF that follows the CR, and its own line count lags by one.
fn line_at(bytes: &[u8], offset: u64) -> u64 {
    let end = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(bytes.len());
    let newlines = bytes[..end].iter().filter(|&&b| b == b'\n').count() as u64;
    let at_lf = u64::from(bytes.get(end) == Some(&b'\n'));
    1 + newlines + at_lf
}

/// One row of the list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DgEntry {
    /// UN number.
    pub un_number: UnNumber,
    /// Proper shipping name.
    pub name: String,
    /// ADR class (`1`, `2`, `3`, `6.1`, `9`).
    pub class: String,
    /// Classification code (`1.1E`, `F1`, `2TOC`).
    pub classification_code: String,
    /// Packing group (`I`, `II`, `III`); none for class 1, gases and many articles.
    pub packing_group: Option<String>,
    /// Transport category 0–4 (ADR 1.1.3.6); none where the entry is not subject to it.
    pub transport_category: Option<u8>,
    /// Tunnel restriction code.
    pub tunnel_code: TunnelCode,
    /// Danger labels (Table A column 5: `2.3 +8` is `["2.3", "8"]`); empty for goods that
    /// carry none (vehicles, UN 3166).
    pub labels: Vec<String>,
    /// How ADR 1.1.3.6.3 counts its quantity.
    pub quantity_basis: QuantityBasis,
    /// Liquids: the density range in kg/m³ (at 15 °C) with its source; the lowest figure turns
    /// a mass into the largest volume, the estimate on the safe side.
    pub density_kg_per_m3: Option<(u32, u32)>,
    /// Where the density range comes from.
    pub density_source: String,
    /// Special provisions for carriage of packages (Table A column 16: `V2`, `V12`).
    pub carriage_packages: Vec<String>,
    /// Class 1: division and compatibility group.
    pub explosive: Option<Explosive>,
    /// Indexes into the shared ADR tables (set when the policy set is built).
    pub resolved: Resolved,
    /// Line in the CSV file, for messages.
    pub line: u64,
}

/// The dangerous-goods list: UN number to its Table A rows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DangerousGoodsList {
    entries: BTreeMap<UnNumber, Vec<DgEntry>>,
}

impl DangerousGoodsList {
    /// Parses the CSV text; errors name `file` and the line.
    pub fn parse(file: &str, bytes: &[u8]) -> Result<Self, Vec<PolicyError>> {
        let err = |field: String, message: String| PolicyError {
            file: file.to_string(),
            field,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(bytes);
        let headers = reader
            .headers()
            .map_err(|e| vec![err("line 1".into(), format!("unreadable header: {e}"))])?
            .clone();
        let mut index = BTreeMap::new();
        let mut errors = Vec::new();
        for col in REQUIRED_COLUMNS {
            match headers.iter().position(|h| h.trim() == col) {
                Some(i) => {
                    index.insert(col, i);
                }
                None => errors.push(err(
                    "line 1".into(),
                    format!(
                        "missing column `{col}` (need {})",
                        REQUIRED_COLUMNS.join(", ")
                    ),
                )),
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for col in OPTIONAL_COLUMNS {
            if let Some(i) = headers.iter().position(|h| h.trim() == col) {
                index.insert(col, i);
            }
        }
        let mut entries: BTreeMap<UnNumber, Vec<DgEntry>> = BTreeMap::new();
        for record in reader.records() {
            let record = match record {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map_or(0, |p| line_at(bytes, p.byte()));
                    errors.push(err(format!("line {line}"), e.to_string()));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| line_at(bytes, p.byte()));
            let cell = |col: &str| {
                index
                    .get(col)
                    .and_then(|&i| record.get(i))
                    .unwrap_or("")
                    .trim()
            };
            let at = |col: &str| format!("line {line}: {col}");
            let un_number = match UnNumber::parse(cell("un_number")) {
                Ok(u) => u,
                Err(e) => {
                    errors.push(err(at("un_number"), e));
                    continue;
                }
            };
            let class = cell("class").to_string();
            if class.is_empty() {
                errors.push(err(
                    at("class"),
                    "empty; every entry has an ADR class".into(),
                ));
            }
            let packing_group = match cell("packing_group") {
                "" | "-" => None,
                pg @ ("I" | "II" | "III") => Some(pg.to_string()),
                other => {
                    errors.push(err(
                        at("packing_group"),
                        format!("`{other}` is not I, II, III or -"),
                    ));
                    None
                }
            };
            let transport_category = match cell("transport_category") {
                "" | "-" => None,
                tc => match tc.parse::<u8>() {
                    Ok(n) if n <= 4 => Some(n),
                    _ => {
                        errors.push(err(
                            at("transport_category"),
                            format!("`{tc}` is not a transport category 0 to 4"),
                        ));
                        None
                    }
                },
            };
            let tunnel_code = match TunnelCode::parse(cell("tunnel_code")) {
                Ok(c) => c,
                Err(e) => {
                    errors.push(err(at("tunnel_code"), e));
                    TunnelCode::Unrestricted
                }
            };
            let classification_code = cell("classification_code").to_string();
            let labels: Vec<String> = cell("labels")
                .split(|c: char| c.is_whitespace() || c == '+')
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect();
            let quantity_basis = match QuantityBasis::parse(cell("quantity_basis")) {
                Some(b) => b,
                None => {
                    errors.push(err(
                        at("quantity_basis"),
                        format!(
                            "`{}` is not article, solid, liquid, liquefied_gas or compressed_gas",
                            cell("quantity_basis")
                        ),
                    ));
                    QuantityBasis::Article
                }
            };
            if class == "2" {
                if let Some(implied) = QuantityBasis::of_gas_code(&classification_code) {
                    if implied != quantity_basis {
                        errors.push(err(
                            at("quantity_basis"),
                            format!(
                                "classification code {classification_code} is counted as {:?} under ADR 1.1.3.6.3, not {:?}",
                                implied, quantity_basis
                            ),
                        ));
                    }
                }
            }
            let explosive = if class == "1" {
                let e = Explosive::parse(&classification_code);
                if e.is_none() {
                    errors.push(err(
                        at("classification_code"),
                        format!("`{classification_code}` is not a class 1 code such as 1.1D"),
                    ));
                }
                if !matches!(
                    quantity_basis,
                    QuantityBasis::Article | QuantityBasis::Solid
                ) {
                    errors.push(err(
                        at("quantity_basis"),
                        "class 1 entries are articles or solid substances".into(),
                    ));
                }
                e
            } else {
                None
            };
            let density = |col: &str| match cell(col) {
                "" | "-" => Ok(None),
                d => d
                    .parse::<u32>()
                    .ok()
                    .filter(|v| (100..=25_000).contains(v))
                    .map(Some)
                    .ok_or_else(|| format!("`{d}` is not a density in kg/m³ (100 to 25 000)")),
            };
            let density_kg_per_m3 = match (
                density("density_min_kg_per_m3"),
                density("density_max_kg_per_m3"),
            ) {
                (Ok(None), Ok(None)) => None,
                (Ok(Some(lo)), Ok(Some(hi))) if lo <= hi => Some((lo, hi)),
                (Err(e), _) => {
                    errors.push(err(at("density_min_kg_per_m3"), e));
                    None
                }
                (_, Err(e)) => {
                    errors.push(err(at("density_max_kg_per_m3"), e));
                    None
                }
                _ => {
                    errors.push(err(
                        at("density_min_kg_per_m3"),
                        "give both ends of the density range, the lower first".into(),
                    ));
                    None
                }
            };
            let density_source = cell("density_source").to_string();
            if density_kg_per_m3.is_some() && density_source.is_empty() {
                errors.push(err(
                    at("density_source"),
                    "a density range needs its source".into(),
                ));
            }
            if density_kg_per_m3.is_some() && quantity_basis != QuantityBasis::Liquid {
                errors.push(err(
                    at("density_min_kg_per_m3"),
                    "only liquids are counted by a volume estimated from their density".into(),
                ));
            }
            let carriage_packages = cell("carriage_packages")
                .split_whitespace()
                .map(str::to_string)
                .collect();
            entries.entry(un_number).or_default().push(DgEntry {
                un_number,
                name: cell("name").to_string(),
                class,
                classification_code,
                packing_group,
                transport_category,
                tunnel_code,
                labels,
                quantity_basis,
                density_kg_per_m3,
                density_source,
                carriage_packages,
                explosive,
                resolved: Resolved::default(),
                line,
            });
        }
        if entries.is_empty() && errors.is_empty() {
            errors.push(err("line 2".into(), "the list has no entries".into()));
        }
        if errors.is_empty() {
            Ok(Self { entries })
        } else {
            Err(errors)
        }
    }

    /// Every row, mutably: the policy set resolves table indexes into them once.
    pub(crate) fn rows_mut(&mut self) -> impl Iterator<Item = &mut DgEntry> {
        self.entries.values_mut().flatten()
    }

    /// Every row for a UN number (empty when it is not listed).
    pub fn entries(&self, un: UnNumber) -> &[DgEntry] {
        self.entries.get(&un).map_or(&[], Vec::as_slice)
    }

    /// The rows a look-up `q` finds, at most `limit`, in UN-number order, and whether more
    /// matched: digits (after an optional `UN`) match UN numbers from the start, anything else
    /// the proper shipping name anywhere, ignoring case.
    pub fn search(&self, q: &str, limit: usize) -> (Vec<&DgEntry>, bool) {
        let q = q.trim();
        let digits = q
            .strip_prefix("UN")
            .or_else(|| q.strip_prefix("un"))
            .or_else(|| q.strip_prefix("Un"))
            .unwrap_or(q)
            .trim_start();
        let by_number = !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit());
        let needle = q.to_lowercase();
        let mut hits = self.entries.values().flatten().filter(|e| {
            if by_number {
                e.un_number.as_str().starts_with(digits)
            } else {
                e.name.to_lowercase().contains(&needle)
            }
        });
        let found: Vec<&DgEntry> = hits.by_ref().take(limit).collect();
        let more = hits.next().is_some();
        (found, more)
    }

    /// Number of UN numbers listed.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the list is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tunnel_codes_parse_and_resolve() {
        let b1000c = TunnelCode::parse("B1000C").unwrap();
        assert_eq!(b1000c.closed_from(1001, false), Some(TunnelCategory::B));
        assert_eq!(b1000c.closed_from(1000, false), Some(TunnelCategory::C));
        let c5000d = TunnelCode::parse("C5000D").unwrap();
        assert_eq!(c5000d.closed_from(5000, true), Some(TunnelCategory::D));
        assert_eq!(c5000d.closed_from(5001, true), Some(TunnelCategory::C));
        let de = TunnelCode::parse("D/E").unwrap();
        assert_eq!(de.closed_from(0, true), Some(TunnelCategory::D));
        assert_eq!(de.closed_from(0, false), Some(TunnelCategory::E));
        assert_eq!(TunnelCode::parse("-").unwrap(), TunnelCode::Unrestricted);
        assert_eq!(TunnelCode::parse("").unwrap(), TunnelCode::Unrestricted);
        for s in ["B1000C", "C5000D", "B/D", "E", "-"] {
            assert_eq!(TunnelCode::parse(s).unwrap().to_string(), s);
        }
        for bad in [
            "X",
            "A",
            "E/B",
            "B10x0C",
            "C1000B",
            "B/",
            "CARRIAGE_PROHIBITED",
        ] {
            assert!(TunnelCode::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn reads_rows_by_header_and_keeps_every_row_of_a_un_number() {
        let csv = "tunnel_code,un_number,name,class,classification_code,packing_group,transport_category,extra,labels,quantity_basis,density_min_kg_per_m3,density_max_kg_per_m3,density_source\n\
                   D/E,1863,\"FUEL, AVIATION\",3,F1,I,1,x,3,liquid,751,802,ASTM D6615\n\
                   D/E,1863,\"FUEL, AVIATION\",3,F1,III,3,y,3,liquid,775,845,DEF STAN 91-091\n";
        let list = DangerousGoodsList::parse("dg.csv", csv.as_bytes()).unwrap();
        let rows = list.entries(UnNumber::parse("1863").unwrap());
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].packing_group.as_deref(), Some("III"));
        assert_eq!(rows[1].line, 3);
        assert_eq!(rows[1].density_kg_per_m3, Some((775, 845)));
        assert_eq!(rows[1].quantity_basis, QuantityBasis::Liquid);
        assert!(list.entries(UnNumber::parse("0001").unwrap()).is_empty());
    }

    #[test]
    fn lines_count_with_crlf_line_ends() {
        let csv = "un_number,name,class,classification_code,packing_group,transport_category,tunnel_code,labels,quantity_basis\r\n\
                   0012,CARTRIDGES,1,1.4S,-,4,E,1.4,article\r\n\
                   0160,POWDER,1,1.1C,-,1,B1000C,1,solid\r\n";
        let list = DangerousGoodsList::parse("dg.csv", csv.as_bytes()).unwrap();
        assert_eq!(list.entries(UnNumber::parse("0012").unwrap())[0].line, 2);
        assert_eq!(list.entries(UnNumber::parse("0160").unwrap())[0].line, 3);
    }

    #[test]
    fn broken_rows_name_file_and_line() {
        let csv = "un_number,name,class,classification_code,packing_group,transport_category,tunnel_code,labels,quantity_basis\n\
                   0012,CARTRIDGES,1,1.4S,-,4,E,1.4,article\n\
                   12,BAD,1,1.4S,-,4,E,1.4,article\n\
                   0160,POWDER,1,1.1C,-,7,B1000C,1,solid\n";
        let errs =
            DangerousGoodsList::parse("policies/dangerous_goods.csv", csv.as_bytes()).unwrap_err();
        let shown: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(shown.len(), 2, "{shown:?}");
        assert!(shown[0].starts_with("policies/dangerous_goods.csv: line 3: un_number: "));
        assert!(shown[1].starts_with("policies/dangerous_goods.csv: line 4: transport_category: "));
        let missing = DangerousGoodsList::parse("dg.csv", b"un_number,name\n0012,X\n").unwrap_err();
        assert!(missing[0].message.contains("missing column `class`"));
    }

    #[test]
    fn quantity_basis_and_density_are_checked_against_the_entry() {
        let head = "un_number,name,class,classification_code,packing_group,transport_category,tunnel_code,labels,quantity_basis,density_min_kg_per_m3,density_max_kg_per_m3,density_source\n";
        // ADR 2.2.2.1.1: code 1A is a compressed gas, counted by water capacity (1.1.3.6.3).
        let bad_gas = format!("{head}1066,NITROGEN,2,1A,-,3,E,2.2,liquefied_gas,,,\n");
        let e = DangerousGoodsList::parse("dg.csv", bad_gas.as_bytes()).unwrap_err();
        assert!(e[0].field.ends_with("quantity_basis"), "{e:?}");
        let no_source = format!("{head}1202,DIESEL,3,F1,III,3,D/E,3,liquid,800,845,\n");
        let e = DangerousGoodsList::parse("dg.csv", no_source.as_bytes()).unwrap_err();
        assert!(e[0].field.ends_with("density_source"), "{e:?}");
        let reversed = format!("{head}1202,DIESEL,3,F1,III,3,D/E,3,liquid,845,800,EN 590\n");
        assert!(DangerousGoodsList::parse("dg.csv", reversed.as_bytes()).is_err());
        let bad_code = format!("{head}0168,PROJECTILES,1,1.7D,-,1,B1000C,1,article,,,\n");
        assert!(DangerousGoodsList::parse("dg.csv", bad_code.as_bytes()).is_err());
        let ok = format!("{head}0168,PROJECTILES,1,1.1D,-,1,B1000C,1,article,,,\n");
        let list = DangerousGoodsList::parse("dg.csv", ok.as_bytes()).unwrap();
        let e = &list.entries(UnNumber::parse("0168").unwrap())[0];
        assert_eq!(
            e.explosive,
            Some(Explosive {
                division: "1.1".into(),
                group: 'D'
            })
        );
        assert_eq!(e.labels, ["1"]);
    }

    #[test]
    fn look_ups_by_un_number_prefix_or_name() {
        let csv = "un_number,name,class,classification_code,packing_group,labels,transport_category,tunnel_code,quantity_basis\n\
            1202,DIESEL FUEL,3,F1,III,3,3,D/E,liquid\n\
            1203,MOTOR SPIRIT or GASOLINE or PETROL,3,F1,II,3,2,D/E,liquid\n\
            1005,AMMONIA ANHYDROUS,2,2TC,-,2.3+8,1,C/D,liquefied_gas\n";
        let list = DangerousGoodsList::parse("dg.csv", csv.as_bytes()).unwrap();
        let names = |q: &str, limit| {
            let (rows, more) = list.search(q, limit);
            (
                rows.iter()
                    .map(|e| e.un_number.as_str().to_string())
                    .collect::<Vec<_>>(),
                more,
            )
        };
        assert_eq!(names("1202", 10), (vec!["1202".to_string()], false));
        assert_eq!(
            names("UN 120", 10),
            (vec!["1202".into(), "1203".into()], false)
        );
        assert_eq!(names("12", 1), (vec!["1202".into()], true));
        assert_eq!(names("diesel", 10), (vec!["1202".into()], false));
        assert_eq!(names("Ammonia", 10), (vec!["1005".into()], false));
        assert_eq!(names("9999", 10), (vec![], false));
    }
}
