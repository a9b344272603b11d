//! Dangerous goods per transport unit: prohibitions, the ADR 1.1.3.6 points, the governing
//! tunnel code against each leg's tunnels, and escort or stage thresholds.
//!
//! A transport unit is one vehicle of a vehicle type; a cargo line's quantity is taken as what
//! each vehicle of its type carries, which can only overstate a load, never hide one.

use super::grouped;
use crate::domain::{AdrVehicleType, CargoLine, Finding, Leg, Movement, TunnelCategory, UnNumber};
use crate::policy::adr_tables::{AdrTables, Cell, GroupNoteEffect};
use crate::policy::dg_list::{DangerousGoodsList, DgEntry, QuantityBasis, TunnelCode};
use crate::policy::load::Policy;
use crate::policy::tables::{DangerousGoodsRules, DgMeasure, Rule, SmallLoadExemption};

/// One dangerous-goods cargo line with its list rows.
struct Line<'a> {
    index: usize,
    cargo: &'a CargoLine,
    un: UnNumber,
    rows: &'a [DgEntry],
}

/// A line's quantity as ADR 1.1.3.6.3 counts it.
enum Counted {
    /// Net or gross kg (solids, liquefied gases, articles; class 1: net explosive mass).
    Kg(u64),
    /// Litres as given (liquids; water capacity of compressed gases).
    Litres(u64),
    /// Litres estimated from kg at the lowest density the list gives.
    Estimated { litres: u64, kg: u64, density: u32 },
}

impl Counted {
    fn amount(&self) -> u64 {
        match *self {
            Self::Kg(q) | Self::Litres(q) => q,
            Self::Estimated { litres, .. } => litres,
        }
    }

    fn describe(&self) -> String {
        match *self {
            Self::Kg(q) => format!("{} kg", grouped(q)),
            Self::Litres(q) => format!("{} L", grouped(q)),
            Self::Estimated {
                litres,
                kg,
                density,
            } => format!(
                "{} L (estimated from {} kg at {density} kg/m³, the lowest density listed)",
                grouped(litres),
                grouped(kg)
            ),
        }
    }
}

impl Line<'_> {
    fn class(&self) -> &str {
        self.rows.first().map_or("", |r| r.class.as_str())
    }

    /// The class 1 row (a class 1 UN number has one).
    fn explosive(&self) -> Option<&DgEntry> {
        self.rows.iter().find(|r| r.explosive.is_some())
    }

    /// Explosive lines count their net explosive mass, or their quantity when none is given.
    fn net_explosive_mass(&self) -> u64 {
        if self.class() == "1" {
            u64::from(
                self.cargo
                    .net_explosive_mass_kg
                    .unwrap_or(self.cargo.quantity_kg),
            )
        } else {
            0
        }
    }

    /// ADR 1.1.3.6.3: articles by gross mass (class 1: net explosive mass), solids and liquefied
    /// gases by net mass, liquids in litres, compressed gases by the receptacles' water
    /// capacity in litres. A liquid without litres is estimated at the lowest density listed
    /// for its rows; without either, or a gas without its water capacity, the line cannot be
    /// counted and the unit is not exempt (the strict reading).
    fn counted(&self) -> Result<Counted, String> {
        if self.class() == "1" {
            return Ok(Counted::Kg(self.net_explosive_mass()));
        }
        let basis = self
            .rows
            .first()
            .map_or(QuantityBasis::Article, |r| r.quantity_basis);
        let kg = u64::from(self.cargo.quantity_kg);
        match (basis, self.cargo.litres) {
            (b, Some(l)) if b.in_litres() => Ok(Counted::Litres(u64::from(l))),
            (QuantityBasis::Liquid, None) => {
                match self
                    .rows
                    .iter()
                    .filter_map(|r| r.density_kg_per_m3.map(|d| d.0))
                    .min()
                {
                    Some(density) => Ok(Counted::Estimated {
                        litres: (kg * 1000).div_ceil(u64::from(density)),
                        kg,
                        density,
                    }),
                    None => Err(format!(
                        "{}: a liquid counts in litres (ADR 1.1.3.6.3); no `litres` given and the list has no density to estimate them, so the exemption cannot be shown",
                        self.un
                    )),
                }
            }
            (QuantityBasis::CompressedGas, None) => Err(format!(
                "{}: a compressed gas counts by the water capacity of its receptacles in litres (ADR 1.1.3.6.3); no `litres` given, so the exemption cannot be shown",
                self.un
            )),
            _ => Ok(Counted::Kg(kg)),
        }
    }

    /// The most restrictive transport category among the rows (the notification does not
    /// say which packing group or variant it is).
    fn transport_category(&self) -> Option<u8> {
        self.rows.iter().filter_map(|r| r.transport_category).min()
    }
}

fn finding(rule: &Rule, subject: String, message: String) -> Finding {
    Finding {
        rule: rule.rule.clone(),
        severity: rule.severity,
        message,
        subject,
        source: rule.source.clone(),
        stage: rule.stage.clone(),
        condition: rule.condition.clone(),
        vehicles: Vec::new(),
        cargo: Vec::new(),
        folded: 0,
    }
}

/// Points of one line with its counted quantity, or why the unit can never be exempt
/// (transport category 0, a quantity that cannot be counted).
fn points(x: &SmallLoadExemption, line: &Line<'_>) -> Result<(u64, u32, Counted), String> {
    let factor = match line.transport_category() {
        None => 0,
        Some(0) => return Err(format!("{} is transport category 0, never exempt", line.un)),
        Some(tc) => x
            .special_factors
            .iter()
            .find(|s| s.un_numbers.contains(&line.un))
            .map(|s| s.factor)
            .unwrap_or(match tc {
                1 => x.points_per_kg.tc1,
                2 => x.points_per_kg.tc2,
                3 => x.points_per_kg.tc3,
                _ => x.points_per_kg.tc4,
            }),
    };
    let counted = line.counted()?;
    Ok((counted.amount() * u64::from(factor), factor, counted))
}

/// A transport unit with dangerous goods, read once per movement: the first of the vehicles
/// that carry the same load on the same ADR vehicle type, and every such vehicle.
pub(super) struct Unit<'a> {
    /// Index of the first vehicle.
    index: usize,
    /// Its ADR vehicle type.
    adr_vehicle_type: Option<AdrVehicleType>,
    /// Who the messages name: the first vehicle's label, and how many more share its load.
    who: String,
    /// Its listed lines with their list rows, looked up once for every nation.
    lines: Vec<Line<'a>>,
    /// UN numbers of its lines that the list does not hold.
    unlisted: Vec<UnNumber>,
    /// Every vehicle with this load (indices), when more than one.
    members: Vec<usize>,
}

/// Cargo lines of the same goods, read once per movement: the first line and every such line.
pub(super) struct Goods<'a> {
    line: Line<'a>,
    /// Every line of these goods (indices), when more than one.
    members: Vec<usize>,
}

/// The movement's dangerous goods grouped for every nation's rules.
pub(super) struct Loads<'a> {
    units: Vec<Unit<'a>>,
    /// Listed lines by UN number (prohibitions read only the goods).
    goods: Vec<Goods<'a>>,
    /// Unlisted lines by UN number and description (the message names both).
    unlisted: Vec<(usize, &'a CargoLine, UnNumber, Vec<usize>)>,
}

/// Two cargo lines carry the same goods in the same quantity (the carrying vehicle aside).
fn same_line(a: &CargoLine, b: &CargoLine) -> bool {
    let CargoLine {
        description,
        un_number,
        quantity_kg,
        litres,
        net_explosive_mass_kg,
        vehicle: _,
    } = a;
    *description == b.description
        && *un_number == b.un_number
        && *quantity_kg == b.quantity_kg
        && *litres == b.litres
        && *net_explosive_mass_kg == b.net_explosive_mass_kg
}

/// Groups the movement's dangerous goods: each vehicle's lines (one pass over the cargo), the
/// list look-ups once per line, vehicles with the same load as one unit.
pub(super) fn loads<'a>(movement: &'a Movement, list: &'a DangerousGoodsList) -> Loads<'a> {
    let mut by_vehicle: Vec<Vec<usize>> = vec![Vec::new(); movement.vehicles.len()];
    let mut goods: Vec<Goods<'a>> = Vec::new();
    let mut unlisted: Vec<(usize, &CargoLine, UnNumber, Vec<usize>)> = Vec::new();
    for (k, cargo) in movement.cargo.iter().enumerate() {
        let Some(un) = cargo.un_number else {
            continue;
        };
        if let Some(lines) = by_vehicle.get_mut(cargo.vehicle) {
            lines.push(k);
        }
        let rows = list.entries(un);
        if rows.is_empty() {
            match unlisted
                .iter_mut()
                .find(|u| u.2 == un && u.1.description == cargo.description)
            {
                Some(u) => u.3.push(k),
                None => unlisted.push((k, cargo, un, vec![k])),
            }
        } else {
            match goods.iter_mut().find(|g| g.line.un == un) {
                Some(g) => g.members.push(k),
                None => goods.push(Goods {
                    line: Line {
                        index: k,
                        cargo,
                        un,
                        rows,
                    },
                    members: vec![k],
                }),
            }
        }
    }
    let mut units: Vec<Unit<'a>> = Vec::new();
    for (i, ks) in by_vehicle.iter().enumerate() {
        if ks.is_empty() {
            continue;
        }
        let vehicle = &movement.vehicles[i];
        let same = units.iter_mut().find(|u| {
            u.adr_vehicle_type == vehicle.adr_vehicle_type
                && by_vehicle[u.index].len() == ks.len()
                && by_vehicle[u.index]
                    .iter()
                    .zip(ks)
                    .all(|(&a, &b)| same_line(&movement.cargo[a], &movement.cargo[b]))
        });
        if let Some(u) = same {
            u.members.push(i);
            continue;
        }
        let mut lines = Vec::new();
        let mut missing = Vec::new();
        for &k in ks {
            let cargo = &movement.cargo[k];
            let Some(un) = cargo.un_number else {
                continue;
            };
            let rows = list.entries(un);
            if rows.is_empty() {
                missing.push(un);
            } else {
                lines.push(Line {
                    index: k,
                    cargo,
                    un,
                    rows,
                });
            }
        }
        units.push(Unit {
            index: i,
            adr_vehicle_type: vehicle.adr_vehicle_type,
            who: vehicle.label.clone(),
            lines,
            unlisted: missing,
            members: vec![i],
        });
    }
    for u in &mut units {
        if u.members.len() > 1 {
            u.who = super::group_label(
                &movement.vehicles[u.index].label,
                u.members.len(),
                "with the same load",
            );
        } else {
            u.members.clear();
        }
    }
    for g in &mut goods {
        if g.members.len() == 1 {
            g.members.clear();
        }
    }
    for u in &mut unlisted {
        if u.3.len() == 1 {
            u.3.clear();
        }
    }
    Loads {
        units,
        goods,
        unlisted,
    }
}

/// Every dangerous-goods rule of one nation, once per group of the movement's loads.
pub(super) fn check(
    loads: &Loads<'_>,
    policy: &Policy,
    tables: &AdrTables,
    legs: &[(usize, &Leg)],
    road: bool,
    out: &mut Vec<Finding>,
) {
    let rules = &policy.file.dangerous_goods;
    for &(k, cargo, un, ref members) in &loads.unlisted {
        let mut f = finding(
            &rules.unlisted,
            format!("cargo[{k}].un_number"),
            format!(
                "{un} ({}) is not in the dangerous-goods list in force; it must be classified by hand",
                cargo.description
            ),
        );
        f.cargo.clone_from(members);
        out.push(f);
    }
    for g in &loads.goods {
        let start = out.len();
        check_prohibitions(rules, std::slice::from_ref(&g.line), out);
        for f in &mut out[start..] {
            f.cargo.clone_from(&g.members);
        }
    }
    for unit in &loads.units {
        let start = out.len();
        check_unit(unit, policy, tables, legs, road, out);
        for f in &mut out[start..] {
            f.vehicles.clone_from(&unit.members);
        }
    }
}

/// One transport unit's load against one nation's rules.
fn check_unit(
    unit: &Unit<'_>,
    policy: &Policy,
    tables: &AdrTables,
    legs: &[(usize, &Leg)],
    road: bool,
    out: &mut Vec<Finding>,
) {
    let rules = &policy.file.dangerous_goods;
    let lines: &[Line<'_>] = &unit.lines;
    let unlisted = &unit.unlisted;
    {
        let subject = format!("vehicles[{}]", unit.index);
        let who = unit.who.as_str();
        // ADR 7.5.2 applies under the 1.1.3.6 exemption too (1.1.3.6.2 lifts only CV1).
        check_mixed_loading(&rules.mixed_loading, tables, who, &subject, lines, out);

        // ADR 1.1.3.6 points for the transport unit.
        let mut total: u64 = 0;
        let mut terms = Vec::new();
        let mut never: Vec<String> = unlisted
            .iter()
            .map(|un| format!("{un} is not in the list"))
            .collect();
        if let Some(x) = &rules.small_load_exemption {
            for line in lines {
                match points(x, line) {
                    Ok((p, factor, counted)) => {
                        total += p;
                        terms.push(format!("{} {} × {factor}", line.un, counted.describe()));
                    }
                    Err(reason) => never.push(reason),
                }
            }
        }
        let exempt = match &rules.small_load_exemption {
            Some(x) if never.is_empty() && total <= u64::from(x.max_points) => {
                out.push(Finding {
                    rule: x.rule.clone(),
                    severity: crate::domain::Severity::Info,
                    message: format!(
                        "{who}: {} = {} points, not above {}: the small-load exemption applies; no dangerous-goods stage",
                        terms.join(" + "),
                        grouped(total),
                        grouped(x.max_points.into())
                    ),
                    subject: subject.clone(),
                    source: x.source.clone(),
                    stage: None,
                    condition: None,
                    vehicles: Vec::new(),
                    cargo: Vec::new(),
                    folded: 0,
                });
                true
            }
            Some(x) => {
                let why = if never.is_empty() {
                    format!(
                        "{} = {} points, above the {}-point limit of ADR 1.1.3.6",
                        terms.join(" + "),
                        grouped(total),
                        grouped(x.max_points.into())
                    )
                } else {
                    never.join("; ")
                };
                out.push(finding(
                    &rules.load,
                    subject.clone(),
                    format!("{who}: dangerous goods under full regulation: {why}"),
                ));
                false
            }
            None => {
                out.push(finding(
                    &rules.load,
                    subject.clone(),
                    format!(
                        "{who}: carries dangerous goods ({}); {} grants no small-load exemption",
                        lines
                            .iter()
                            .map(|l| l.un.to_string())
                            .chain(unlisted.iter().map(ToString::to_string))
                            .collect::<Vec<_>>()
                            .join(", "),
                        policy.file.name
                    ),
                ));
                false
            }
        };

        // ADR 8.6.3.3: goods carried under the exemption are ignored for tunnels.
        if road && !exempt {
            check_tunnels(rules, who, &subject, lines, legs, out);
        }
        if road {
            check_explosives(
                rules,
                tables,
                unit.adr_vehicle_type,
                who,
                &subject,
                lines,
                exempt,
                out,
            );
        }
        check_thresholds(rules, who, &subject, lines, out);
    }
}

/// ADR 7.5.2.1 (danger labels) and 7.5.2.2 (class 1 compatibility groups), every pair of lines
/// on the transport unit; one finding per pair that may not be loaded together.
fn check_mixed_loading(
    rule: &Rule,
    tables: &AdrTables,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    out: &mut Vec<Finding>,
) {
    for (k, a) in lines.iter().enumerate() {
        for b in &lines[k + 1..] {
            if let Some(why) = pair_prohibited(tables, a, b) {
                out.push(finding(
                    rule,
                    subject.to_string(),
                    format!(
                        "{who}: cargo[{}] {} and cargo[{}] {} may not be loaded on one transport unit: {why}; this holds under the ADR 1.1.3.6 exemption too",
                        a.index, a.un, b.index, b.un
                    ),
                ));
            }
        }
    }
}

/// Why two lines may not share a transport unit, or `None`. A line whose variant the
/// notification does not name is checked with every row it may be (the strict reading).
fn pair_prohibited(tables: &AdrTables, a: &Line<'_>, b: &Line<'_>) -> Option<String> {
    for ra in a.rows {
        for rb in b.rows {
            for &la in &ra.resolved.labels {
                for &lb in &rb.resolved.labels {
                    let why = match tables.label_cell(la, lb) {
                        Cell::Permitted => None,
                        Cell::ByGroup => group_prohibited(tables, a, ra, b, rb),
                        Cell::Notes(keys) => {
                            let (ex, other) = if ra.explosive.is_some() {
                                (ra, b.un)
                            } else {
                                (rb, a.un)
                            };
                            let permitted = ex.explosive.is_some()
                                && keys.iter().any(|k| {
                                    tables
                                        .label_note(k)
                                        .is_some_and(|n| AdrTables::note_permits(n, ex, other))
                                });
                            (!permitted).then(|| {
                                let notes: Vec<String> = keys
                                    .iter()
                                    .filter_map(|k| tables.label_note(k).map(|n| format!("({k}) {}", n.text)))
                                    .collect();
                                format!(
                                    "labels {} and {} only as {} permits ({}), which this pair does not meet",
                                    tables.label(la),
                                    tables.label(lb),
                                    tables.label_source,
                                    notes.join("; ")
                                )
                            })
                        }
                        Cell::Prohibited => Some(format!(
                            "labels {} ({}) and {} ({}) are not permitted together by {}",
                            tables.label(la),
                            ra.classification_code,
                            tables.label(lb),
                            rb.classification_code,
                            tables.label_source
                        )),
                    };
                    if why.is_some() {
                        return why;
                    }
                }
            }
        }
    }
    None
}

/// ADR 7.5.2.2 for two class 1 rows.
fn group_prohibited(
    tables: &AdrTables,
    a: &Line<'_>,
    ra: &DgEntry,
    b: &Line<'_>,
    rb: &DgEntry,
) -> Option<String> {
    let (Some(ga), Some(gb)) = (ra.resolved.group, rb.resolved.group) else {
        return Some("a class 1 entry without a compatibility group".into());
    };
    let pair = || {
        format!(
            "compatibility groups {} ({}) and {} ({})",
            tables.group(ga),
            ra.classification_code,
            tables.group(gb),
            rb.classification_code
        )
    };
    match tables.group_cell(ga, gb) {
        Cell::Permitted => None,
        Cell::Notes(keys) => keys.iter().find_map(|k| {
            let note = tables.group_note(k)?;
            match note.effect {
                GroupNoteEffect::SeparationRequired => Some(format!(
                    "{} only as {} note {k} permits: \"{}\"; the notification does not state it, so the strict reading refuses the pair",
                    pair(),
                    tables.group_source,
                    note.text
                )),
                GroupNoteEffect::SameUnNumberOnly if a.un != b.un => Some(format!(
                    "{} only with the same type of goods ({} note {k}: \"{}\")",
                    pair(),
                    tables.group_source,
                    note.text
                )),
                _ => None,
            }
        }),
        Cell::Prohibited | Cell::ByGroup => Some(format!(
            "{} are not permitted together by {}",
            pair(),
            tables.group_source
        )),
    }
}

/// ADR 7.5.5.2.1/7.5.5.2.2 (net explosive mass per transport unit by vehicle type, a mixed load
/// as its most dangerous division) and 7.2.4 V2 (class 1 under full regulation only on EX/II or
/// EX/III). An absent vehicle type is read as EX/III, the largest allowance.
#[allow(clippy::too_many_arguments)]
fn check_explosives(
    rules: &DangerousGoodsRules,
    tables: &AdrTables,
    vehicle_type: Option<AdrVehicleType>,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    exempt: bool,
    out: &mut Vec<Finding>,
) {
    let mut ranks: u64 = 0;
    let mut nem: u64 = 0;
    let mut group_a = false;
    let mut n_types: Option<UnNumber> = None;
    let mut n_mixed = false;
    let mut needs_ex: Option<&Line<'_>> = None;
    let mut without_nem: Option<usize> = None;
    for line in lines {
        let Some(row) = line.explosive() else {
            continue;
        };
        let group = row.explosive.as_ref().map(|e| e.group);
        // ADR 7.5.5.2.2: the net explosive mass of compatibility group S is not counted.
        if group == Some('S') {
            continue;
        }
        nem += line.net_explosive_mass();
        if line.cargo.net_explosive_mass_kg.is_none() {
            without_nem.get_or_insert(line.index);
        }
        if let Some(r) = row.resolved.division_rank {
            ranks |= 1 << r;
        }
        group_a |= group == Some('A');
        if group == Some('N') {
            match n_types {
                Some(un) if un != line.un => n_mixed = true,
                _ => n_types = Some(line.un),
            }
        }
        if needs_ex.is_none() && row.carriage_packages.iter().any(|v| v == "V2") {
            needs_ex = Some(line);
        }
    }
    let Some(mut governing) = tables.governing_division(ranks) else {
        return;
    };
    // 7.5.2.2 note: different types of 1.6N together count as 1.1 unless shown otherwise.
    if n_mixed {
        if let Some(r) = tables.rank_of("1.1") {
            governing = governing.min(r);
        }
    }
    let vt = vehicle_type.unwrap_or(AdrVehicleType::ExIII);
    match vt {
        AdrVehicleType::Fl | AdrVehicleType::At => {
            if let Some(line) = needs_ex.filter(|_| !exempt) {
                out.push(finding(
                    &rules.ex_vehicle,
                    subject.to_string(),
                    format!(
                        "{who}: an {} vehicle carries class 1 goods under full regulation (cargo[{}] {}, special provision V2); ADR 7.2.4 V2 allows them only on an EX/II or EX/III vehicle",
                        vt.as_str(),
                        line.index,
                        line.un
                    ),
                ));
            }
        }
        AdrVehicleType::ExII | AdrVehicleType::ExIII => {
            let limit = tables.limit_g(vt, governing, group_a);
            if limit.is_some_and(|l| nem * 1000 <= l) {
                return;
            }
            let assumed = if vehicle_type.is_none() {
                " (no ADR vehicle type given: read as EX/III, the largest allowance, so only what no road vehicle may carry is refused)"
            } else {
                ""
            };
            let division = tables.division(governing);
            let mixed = if ranks.count_ones() > 1 || n_mixed {
                format!("; a mixed load counts as its most dangerous division, {division} (ADR 7.5.5.2.2)")
            } else {
                String::new()
            };
            let gross = without_nem.map_or(String::new(), |k| {
                format!(
                    "; cargo[{k}] gives no net explosive mass, so its gross quantity is counted"
                )
            });
            let what = match limit {
                Some(l) => format!(
                    "above the {} kg limit for division {division}{} on an {} vehicle",
                    kg_text(l),
                    if group_a {
                        " compatibility group A"
                    } else {
                        ""
                    },
                    vt.as_str()
                ),
                None => format!(
                    "and {} gives no figure for division {division} on an {} vehicle",
                    tables.mass_source,
                    vt.as_str()
                ),
            };
            out.push(finding(
                &rules.explosive_mass,
                subject.to_string(),
                format!(
                    "{who}: {} kg net explosive mass on one transport unit{assumed}, {what} ({}){mixed}{gross}",
                    grouped(nem),
                    tables.mass_source
                ),
            ));
        }
    }
}

/// Grams as kg for a message: `16 000`, `6.25`.
fn kg_text(g: u64) -> String {
    if g % 1000 == 0 {
        grouped(g / 1000)
    } else {
        format!("{}.{:03}", grouped(g / 1000), g % 1000)
            .trim_end_matches('0')
            .to_string()
    }
}

fn check_prohibitions(rules: &DangerousGoodsRules, lines: &[Line<'_>], out: &mut Vec<Finding>) {
    for line in lines {
        for p in &rules.prohibited {
            let by_un = p.un_numbers.contains(&line.un);
            let by_class = line.rows.iter().any(|r| p.classes.contains(&r.class));
            let by_code = line
                .rows
                .iter()
                .any(|r| p.classification_codes.contains(&r.classification_code));
            if !(by_un || by_class || by_code) {
                continue;
            }
            let row = &line.rows[0];
            out.push(Finding {
                rule: p.rule.clone(),
                severity: p.severity,
                message: format!(
                    "{} {} (class {}, {}) is restricted here by {}",
                    line.un,
                    row.name,
                    row.class,
                    row.classification_code,
                    if by_un {
                        "UN number"
                    } else if by_class {
                        "class"
                    } else {
                        "classification code"
                    }
                ),
                subject: format!("cargo[{}]", line.index),
                source: p.source.clone(),
                stage: p.stage.clone(),
                condition: p.condition.clone(),
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            });
        }
    }
}

/// The governing (most restrictive) tunnel code of the unit against each leg's tunnels.
fn check_tunnels(
    rules: &DangerousGoodsRules,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    legs: &[(usize, &Leg)],
    out: &mut Vec<Finding>,
) {
    let t = &rules.tunnels;
    let nem: u64 = lines.iter().map(Line::net_explosive_mass).sum();
    let governing: Option<(TunnelCategory, &Line<'_>, TunnelCode)> = lines
        .iter()
        .flat_map(|line| {
            line.rows.iter().filter_map(move |row| {
                row.tunnel_code
                    .closed_from(nem, t.assume_tank_carriage)
                    .map(|c| (c, line, row.tunnel_code))
            })
        })
        .min_by_key(|(c, line, _)| (*c, line.index));
    let Some((closed, line, code)) = governing else {
        return;
    };
    let nem_text = match code {
        TunnelCode::ByNetExplosiveMass { above_kg, .. } => format!(
            " with {} kg net explosive mass on the unit ({} {} kg)",
            grouped(nem),
            if nem > u64::from(above_kg) {
                "above"
            } else {
                "not above"
            },
            grouped(above_kg.into())
        ),
        _ => String::new(),
    };
    for &(j, leg) in legs {
        let Some(&worst) = leg.tunnel_categories.iter().filter(|c| **c >= closed).max() else {
            continue;
        };
        out.push(Finding {
            rule: t.rule.clone(),
            severity: t.severity,
            message: format!(
                "{who}: tunnel code {code} of {} (cargo[{}]){nem_text} closes tunnel categories {closed:?} to E; itinerary[{j}] ({} – {}) passes a category {worst:?} tunnel",
                line.un, line.index, leg.entry_point, leg.exit_point
            ),
            subject: subject.to_string(),
            source: t.source.clone(),
            stage: t.stage.clone(),
            condition: None,
            vehicles: Vec::new(),
            cargo: Vec::new(),
            folded: 0,
        });
    }
}

fn check_thresholds(
    rules: &DangerousGoodsRules,
    who: &str,
    subject: &str,
    lines: &[Line<'_>],
    out: &mut Vec<Finding>,
) {
    for t in &rules.thresholds {
        let counted = lines
            .iter()
            .filter(|l| t.classes.is_empty() || t.classes.iter().any(|c| c == l.class()));
        let (sum, what): (u64, &str) = match t.measure {
            DgMeasure::NetExplosiveMass => (
                counted.map(Line::net_explosive_mass).sum(),
                "net explosive mass",
            ),
            DgMeasure::Quantity => (
                counted.map(|l| u64::from(l.cargo.quantity_kg)).sum(),
                "dangerous goods",
            ),
        };
        if sum > u64::from(t.above_kg) {
            out.push(Finding {
                rule: t.rule.clone(),
                severity: t.severity,
                message: format!(
                    "{who}: {} kg {what} on one vehicle, above the {} kg {}",
                    grouped(sum),
                    grouped(t.above_kg.into()),
                    t.name
                ),
                subject: subject.to_string(),
                source: t.source.clone(),
                stage: t.stage.clone(),
                condition: t.condition.clone(),
                vehicles: Vec::new(),
                cargo: Vec::new(),
                folded: 0,
            });
        }
    }
}
