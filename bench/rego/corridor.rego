# Corridor's vehicle and dangerous-goods checks written in Rego, for the side-by-side benchmark
# in benches/policy_eval.rs (run under regorus). Same movement as input, same national figures
# as data: `data.policies[NATION]` is each nation's policy file as Corridor loaded it, and
# `data.dg[UN]` the rows of policies/dangerous_goods.csv (tunnel codes parsed).
#
# Covered, rule for rule as src/policy/evaluate/ reads them: single and driven axles, tandem
# (motor and trailer tables) and tridem groups by spacing band, groups beyond the tables, gross
# mass on the governing reading of configuration and split, width, height, length by
# configuration, tracked vehicles (gross, road wheel, mass per metre), MLC per leg (two-way,
# one-way, unclassified routes), convoy size, and per transport unit the dangerous-goods list
# look-up, unlisted UN numbers, prohibitions, ADR 1.1.3.6 points, the governing tunnel code
# against each leg's tunnels and the escort thresholds. Not covered (Corridor does them, so the
# Rego side does less work than Corridor): driving bans, minimum notice, ADR 7.5.2 mixed
# loading and the 7.5.5.2 explosive limits.
#
# `findings` gives one finding per vehicle and cargo line, as a Rego author writes it; `report`
# aggregates them as Corridor stores them: one per (nation, rule, severity, message shape), with
# the vehicles or cargo lines it concerns.
package corridor

import rego.v1

road if input.mode == "road"

# Each nation on the route, once.
nations contains leg.nation if some leg in input.itinerary

# ---- figures as an officer reads them: 12400 -> "12 400"

pad3(x) := sprintf("%d", [x]) if x >= 100
else := sprintf("0%d", [x]) if x >= 10
else := sprintf("00%d", [x])

grouped(n) := sprintf("%d", [n]) if n < 1000
else := sprintf("%d %s", [floor(n / 1000), pad3(n % 1000)]) if n < 1000000
else := sprintf("%d %s %s", [floor(n / 1000000), pad3(floor(n / 1000) % 1000), pad3(n % 1000)])

# ---- thresholds: every one a value is strictly above fires

shown(a) := grouped(a) if is_number(a)

else := a

lazy(pair) := pair if is_string(pair)

else := sprintf(pair[0], [shown(a) | some a in pair[1]])

# `subject` and `what` are [format, arguments], formatted only when a threshold fires (numbers
# grouped by thousands), as Corridor formats a message only for a finding.
fire(n, list, value, subject, who, what) := {f |
	some t in list
	value > t.above
	f := {
		"nation": n, "rule": t.rule, "severity": t.severity, "subject": lazy(subject), "who": who,
		"shape": sprintf("%s above the %s %s", [lazy(what), grouped(t.above), t.name]),
		"source": t.source, "stage": object.get(t, "stage", null), "condition": object.get(t, "condition", null),
	}
}

rule_finding(n, r, subject, who, shape) := {
	"nation": n, "rule": r.rule, "severity": r.severity, "subject": subject, "who": who, "shape": shape,
	"source": r.source, "stage": object.get(r, "stage", null), "condition": object.get(r, "condition", null),
}

mass_read("actual", v) := v.gross_mass_kg

mass_read("permissible", v) := max([v.permissible_mass_kg, v.gross_mass_kg])

mass_read("permissible", v) := v.gross_mass_kg if not v.permissible_mass_kg

mass_words("actual", _) := ["gross mass", ""]

mass_words("permissible", v) := ["permissible mass", ""] if v.permissible_mass_kg

mass_words("permissible", v) := ["gross mass", " (no permissible mass given: the actual mass is read)"] if {
	not v.permissible_mass_kg
}

# ---- axle groups: an axle joins the next one when their spacing is below the table's figure

joins_next(axles, j, g) if {
	j + 1 < count(axles)
	axles[j].spacing_mm < g
}

group_starts(axles, g) := {j |
	some j, _ in axles
	j == 0
} | {j |
	some j, _ in axles
	j > 0
	not joins_next(axles, j - 1, g)
}

group_end(axles, s, g) := min({j |
	some j, _ in axles
	j >= s
	not joins_next(axles, j, g)
})

band(bands, spacing) := b if {
	some b in bands
	b.from_mm <= spacing
	spacing < b.below_mm
}

unit_of(v, _, _) := "motor" if v.configuration == "rigid"

unit_of(v, _, e) := "motor" if {
	not v.configuration == "rigid"
	e + 1 <= v.towing_unit_axles
}

unit_of(v, s, _) := "trailer" if {
	not v.configuration == "rigid"
	s >= v.towing_unit_axles
}

unit_of(v, s, e) := "unknown" if {
	not v.configuration == "rigid"
	not v.towing_unit_axles
}

unit_of(v, s, e) := "unknown" if {
	not v.configuration == "rigid"
	e + 1 > v.towing_unit_axles
	s < v.towing_unit_axles
}

tandem_band(g, _, spacing) := band(g.tandem, spacing) if count(object.get(g, "trailer_tandem", [])) == 0

tandem_band(g, "motor", spacing) := band(g.tandem, spacing) if count(object.get(g, "trailer_tandem", [])) > 0

tandem_band(g, "trailer", spacing) := band(g.trailer_tandem, spacing)

tandem_band(g, "unknown", spacing) := b if {
	count(object.get(g, "trailer_tandem", [])) > 0
	candidates := [c | some table in [g.tandem, g.trailer_tandem]; c := band(table, spacing)]
	lowest := min([c.limits_kg[0].above | some c in candidates])
	b := [c | some c in candidates; c.limits_kg[0].above == lowest][0]
}

axle_findings(n, i, v, w) := {f |
	g := w.axle_groups
	some s in group_starts(v.axles, g.group_below_mm)
	e := group_end(v.axles, s, g.group_below_mm)
	axles := array.slice(v.axles, s, e + 1)
	load := sum([a.load_kg | some a in axles])
	subject := ["vehicles[%v].axles[%v]", [i, s]]
	some f in group_findings(n, v, w, g, axles, load, s, e, subject)
}

group_findings(n, v, w, _, axles, load, s, _, subject) := fire(n, list, load, subject, v.label, ["%v axle %v load %v kg", [kind, s + 1, load]]) if {
	count(axles) == 1
	axles[0].driven
	list := w.driven_axle_kg
	kind := "driven"
}

group_findings(n, v, w, _, axles, load, s, _, subject) := fire(n, w.single_axle_kg, load, subject, v.label, ["single axle %v load %v kg", [s + 1, load]]) if {
	count(axles) == 1
	not axles[0].driven
}

group_findings(n, v, _, g, axles, load, s, e, subject) := fire(n, b.limits_kg, load, subject, v.label, ["tandem axles %v–%v (%v mm apart) load %v kg", [s + 1, e + 1, spacing, load]]) if {
	count(axles) == 2
	spacing := closest(array.slice(axles, 0, 1))
	b := tandem_band(g, unit_of(v, s, e), spacing)
}

group_findings(n, v, _, g, axles, load, s, e, subject) := fire(n, b.limits_kg, load, subject, v.label, ["tridem axles %v–%v (%v mm apart) load %v kg", [s + 1, e + 1, spacing, load]]) if {
	count(axles) == 3
	spacing := closest(array.slice(axles, 0, 2))
	b := band(g.tridem, spacing)
}

group_findings(n, v, _, g, axles, load, s, e, subject) := fire(n, g.axles_in_group, count(axles), subject, v.label, ["axles %v–%v form one group of %v axles carrying %v kg", [s + 1, e + 1, count(axles), load]]) if {
	count(axles) > 3
}

# The closest spacing decides a group's band (none given: 0).
closest(axles) := min(given) if {
	given := [x.spacing_mm | some x in axles; x.spacing_mm]
	count(given) > 0
} else := 0

# ---- gross mass: of every reading the input leaves open, the one exceeded most

config_rank := {"rigid": 0, "articulated": 1, "road_train": 2}

configurations(v) := {v.configuration} if v.configuration

configurations(v) := {c |
	some c in ["rigid", "articulated", "road_train"]
	c_fits(v, c)
} if not v.configuration

c_fits(v, "rigid") if not v.towing_unit_axles

c_fits(v, c) if {
	c != "rigid"
	count(v.axles) >= 3
}

splits(v, "rigid") := [null]

splits(v, c) := [v.towing_unit_axles] if {
	c != "rigid"
	v.towing_unit_axles
}

splits(v, c) := numbers.range(2, count(v.axles) - 1) if {
	c != "rigid"
	not v.towing_unit_axles
}

row_for(rows, c, split, n) := r if {
	fitting := [x | some x in rows; x.configuration == c; x.axles_from <= n; object.get(x, "axles_to", n) >= n]
	exact := [x | some x in fitting; object.get(x, "towing_unit_axles", null) != null; x.towing_unit_axles == split]
	open := [x | some x in fitting; object.get(x, "towing_unit_axles", null) == null]
	r := array.concat(exact, open)[0]
}

readings(v, rows) := [r |
	some c in configurations(v)
	some split in splits(v, c)
	row := row_for(rows, c, split, count(v.axles))
	mass := mass_read(row.mass, v)
	r := {"row": row, "c": c, "split": split, "mass": mass, "excess": mass - row.limits_kg[0].above,
	      "order": (config_rank[c] * 100) + split_order(split)}
]

split_order(null) := 0

split_order(s) := s if s != null

gross_findings(n, i, v, rows) := fire(n, best.row.limits_kg, best.mass, ["vehicles[%v].gross_mass_kg", [i]], v.label, ["%v %v kg%v%v", [words[0], best.mass, words[1], note]]) if {
	rs := readings(v, rows)
	top := max([r.excess | some r in rs])
	earliest := min([r.order | some r in rs; r.excess == top])
	best := [r | some r in rs; r.excess == top; r.order == earliest][0]
	words := mass_words(best.row.mass, v)
	note := gross_note(v, best)
}

gross_note(v, best) := sprintf(" (configuration not given: read as a %s, the strictest reading for %d axles)", [best.c, count(v.axles)]) if {
	count(configurations(v)) > 1
} else := ""

# ---- tracked vehicles

tracked_findings(n, i, v, t) := fire(n, t.gross.limits_kg, mass, ["vehicles[%v].gross_mass_kg", [i]], v.label, ["%v %v kg%v", [words[0], mass, words[1]]]) if {
	mass := mass_read(t.gross.mass, v)
	words := mass_words(t.gross.mass, v)
}

road_wheel_findings(n, i, v, t) := fire(n, object.get(t, "road_wheel_kg", []), per_wheel, ["vehicles[%v].axles[%v]", [i, j]], v.label, ["road-wheel station %v carries %v kg, %v kg on each of its two road wheels", [j + 1, load, per_wheel]]) if {
	load := max([a.load_kg | some a in v.axles])
	j := min([k | some k, a in v.axles; a.load_kg == load])
	per_wheel := ceil(load / 2)
}

per_metre_findings(n, i, v, t) := fire(n, pm.limits_kg, per_metre, ["vehicles[%v].axles", [i]], v.label, ["%v %v kg over %v mm is %v kg per metre", [words[0], mass, span, per_metre]]) if {
	pm := t.per_metre
	span := max([sum([a.spacing_mm | some a in v.axles; a.spacing_mm]), 1])
	mass := mass_read(pm.mass, v)
	words := mass_words(pm.mass, v)
	per_metre := ceil((mass * 1000) / span)
}

# ---- dimensions

length_list(v, w) := ["rigid", w.length_mm.rigid] if v.category == "tracked"

length_list(v, w) := [c, w.length_mm[c]] if {
	v.category == "wheeled"
	cs := configurations(v)
	lowest := min([w.length_mm[x][0].above | some x in cs])
	c := [x | some x in ["rigid", "articulated", "road_train"]; cs[x]; w.length_mm[x][0].above == lowest][0]
}

vehicle_findings contains f if {
	road
	some n in nations
	w := data.policies[n].weights
	some i, v in input.vehicles
	some f in vehicle_checks(n, i, v, w)
}

vehicle_checks(n, i, v, w) := axle_findings(n, i, v, w) | gross_findings(n, i, v, w.gross_kg) if v.category == "wheeled"

vehicle_checks(n, i, v, w) := (tracked_findings(n, i, v, w.tracked) | road_wheel_findings(n, i, v, w.tracked)) | per_metre_findings(n, i, v, w.tracked) if {
	v.category == "tracked"
	w.tracked.per_metre
}

vehicle_checks(n, i, v, w) := tracked_findings(n, i, v, w.tracked) | road_wheel_findings(n, i, v, w.tracked) if {
	v.category == "tracked"
	not w.tracked.per_metre
}

vehicle_findings contains f if {
	road
	some n in nations
	w := data.policies[n].weights
	some i, v in input.vehicles
	some dim in [["width_mm", "width", w.width_mm], ["height_mm", "height", w.height_mm]]
	some f in fire(n, dim[2], v[dim[0]], ["vehicles[%v].%v", [i, dim[0]]], v.label, ["%v %v mm", [dim[1], v[dim[0]]]])
}

vehicle_findings contains f if {
	road
	some n in nations
	w := data.policies[n].weights
	some i, v in input.vehicles
	l := length_list(v, w)
	some f in fire(n, l[1], v.length_mm, ["vehicles[%v].length_mm", [i]], v.label, ["length %v mm (read as %v)", [v.length_mm, l[0]]])
}

# ---- MLC per leg of the nation (STANAG 2021)

other_category := {"wheeled": "tracked", "tracked": "wheeled"}

own_class(v) := object.get(v, sprintf("mlc_%s", [v.category]), v.mlc)

classes(v) := array.concat([[v.category, own_class(v)]], other) if {
	o := other_category[v.category]
	other := [[o, c] | c := v[sprintf("mlc_%s", [o])]]
}

leg_two_way(leg, c) := min(cands) if {
	b := object.get(leg, "bridge_mlc", {})
	own := object.get(b, sprintf("%s_two_way", [c]), null)
	oth := object.get(b, sprintf("%s_two_way", [other_category[c]]), null)
	fallback := fallback_class(own, oth)
	cands := [x | some x in [own, object.get(leg, "min_bridge_mlc", null), fallback]; x != null]
	count(cands) > 0
}

fallback_class(own, oth) := oth if own == null

else := null

leg_one_way(leg, c) := object.get(object.get(leg, "bridge_mlc", {}), sprintf("%s_one_way", [c]), null)

mlc_findings contains f if {
	road
	some j, leg in input.itinerary
	n := leg.nation
	mlc := data.policies[n].mlc
	some i, v in input.vehicles
	not leg_two_way(leg, v.category)
	highest := max([c[1] | some c in classes(v)])
	some f in fire(n, object.get(mlc, "unclassified_route", []), highest, ["vehicles[%v].mlc", [i]], v.label, ["MLC %v on itinerary[%v] (%v – %v), which gives no bridge class", [highest, j, leg.entry_point, leg.exit_point]])
}

mlc_findings contains f if {
	road
	some j, leg in input.itinerary
	n := leg.nation
	mlc := data.policies[n].mlc
	some i, v in input.vehicles
	leg_two_way(leg, v.category)
	some c in classes(v)
	two_way := leg_two_way(leg, c[0])
	c[1] > two_way
	one_way := leg_one_way(leg, c[0])
	f := mlc_over(n, mlc, i, v, j, leg, c, two_way, one_way)
}

mlc_over(n, mlc, i, v, j, leg, c, two_way, one_way) := rule_finding(n, mlc.one_way, sprintf("vehicles[%d].mlc", [i]), v.label, sprintf("%s MLC %d above the route class MLC %d of itinerary[%d] (%s – %s) (two-way) but within its one-way class MLC %d", [c[0], c[1], two_way, j, leg.entry_point, leg.exit_point, one_way])) if {
	one_way != null
	mlc.one_way
	c[1] <= one_way
} else := rule_finding(n, mlc.bridge, sprintf("vehicles[%d].mlc", [i]), v.label, sprintf("%s MLC %d above the route class MLC %d of itinerary[%d] (%s – %s) (two-way): the vehicle may not cross that leg's weakest bridge", [c[0], c[1], two_way, j, leg.entry_point, leg.exit_point]))

# ---- convoy size

convoy_findings contains f if {
	road
	some n in nations
	total := sum([v.count | some v in input.vehicles])
	some f in fire(n, object.get(data.policies[n].convoy, "vehicles", []), total, "vehicles", "convoy", ["convoy of %v vehicles", [total]])
}

# ---- dangerous goods per transport unit

tunnel_rank := {"A": 0, "B": 1, "C": 2, "D": 3, "E": 4}

rank_letter := ["A", "B", "C", "D", "E"]

lines_of(i) := [[k, c] |
	some k, c in input.cargo
	c.vehicle == i
	c.un_number
]

class_of(un) := data.dg[un][0]["class"]

nem_of(c) := object.get(c, "net_explosive_mass_kg", c.quantity_kg) if class_of(c.un_number) == "1"

nem_of(c) := 0 if class_of(c.un_number) != "1"

factor(x, un) := s.factor if {
	some s in object.get(x, "special_factors", [])
	un in s.un_numbers
}

factor(x, un) := x.points_per_kg[sprintf("tc%d", [min([tc, 4])])] if {
	not any_special(x, un)
	tc := min([r.tc | some r in data.dg[un]; r.tc != null])
}

factor(x, un) := 0 if {
	not any_special(x, un)
	count([r | some r in data.dg[un]; r.tc != null]) == 0
}

any_special(x, un) if {
	some s in object.get(x, "special_factors", [])
	un in s.un_numbers
}

never(c) := sprintf("%s is transport category 0, never exempt", [c.un_number]) if {
	min([r.tc | some r in data.dg[c.un_number]; r.tc != null]) == 0
}

never(c) := sprintf("%s: a compressed gas counts by the water capacity of its receptacles in litres", [c.un_number]) if {
	class_of(c.un_number) != "1"
	data.dg[c.un_number][0].basis == "compressed_gas"
	not c.litres
}

never(c) := sprintf("%s: a liquid counts in litres; no `litres` given and no density listed", [c.un_number]) if {
	class_of(c.un_number) != "1"
	data.dg[c.un_number][0].basis == "liquid"
	not c.litres
	count([r | some r in data.dg[c.un_number]; r.density_min != null]) == 0
}

counted(c) := nem_of(c) if class_of(c.un_number) == "1"

counted(c) := c.litres if {
	class_of(c.un_number) != "1"
	data.dg[c.un_number][0].basis in {"liquid", "compressed_gas"}
	c.litres
}

counted(c) := ceil((c.quantity_kg * 1000) / d) if {
	class_of(c.un_number) != "1"
	data.dg[c.un_number][0].basis == "liquid"
	not c.litres
	d := min([r.density_min | some r in data.dg[c.un_number]; r.density_min != null])
}

counted(c) := c.quantity_kg if {
	class_of(c.un_number) != "1"
	not data.dg[c.un_number][0].basis in {"liquid", "compressed_gas"}
}

closed_from(t, _, _) := null if t.kind == "none"

closed_from(t, _, _) := t.cat if t.kind == "closed"

closed_from(t, nem, _) := t.over if {
	t.kind == "nem"
	nem > t.above
}

closed_from(t, nem, _) := t.otherwise if {
	t.kind == "nem"
	nem <= t.above
}

closed_from(t, _, true) := t.tank if t.kind == "carriage"

closed_from(t, _, false) := t.other if t.kind == "carriage"

dg_findings contains f if {
	some k, c in input.cargo
	c.un_number
	not data.dg[c.un_number]
	some n in nations
	f := rule_finding(n, data.policies[n].dangerous_goods.unlisted, sprintf("cargo[%d].un_number", [k]), c.description, sprintf("%s is not in the dangerous-goods list in force; it must be classified by hand", [c.un_number]))
}

dg_findings contains f if {
	some k, c in input.cargo
	rows := data.dg[c.un_number]
	some n in nations
	some p in object.get(data.policies[n].dangerous_goods, "prohibited", [])
	by := prohibited_by(p, c.un_number, rows)
	f := rule_finding(n, p, sprintf("cargo[%d]", [k]), "", sprintf("%s %s (class %s, %s) is restricted here by %s", [c.un_number, rows[0].name, rows[0]["class"], rows[0].code, by]))
}

prohibited_by(p, un, rows) := "UN number" if un in object.get(p, "un_numbers", [])

else := "class" if {
	some r in rows
	r["class"] in object.get(p, "classes", [])
} else := "classification code" if {
	some r in rows
	r.code in object.get(p, "classification_codes", [])
}

# A transport unit: a vehicle with at least one dangerous-goods line.
units contains i if {
	some c in input.cargo
	c.un_number
	i := c.vehicle
}

unit_facts(i) := {
	"listed": listed,
	"unlisted": [c.un_number | some kc in lines_of(i); c := kc[1]; not data.dg[c.un_number]],
	"nem": sum([nem_of(kc[1]) | some kc in listed]),
}if {
	listed := [kc | some kc in lines_of(i); data.dg[kc[1].un_number]]
}

unit_exempt(n, i, facts) := total if {
	x := data.policies[n].dangerous_goods.small_load_exemption
	count(facts.unlisted) == 0
	count([1 | some kc in facts.listed; never(kc[1])]) == 0
	total := sum([(counted(kc[1]) * factor(x, kc[1].un_number)) | some kc in facts.listed])
	total <= x.max_points
}

dg_findings contains f if {
	some i in units
	facts := unit_facts(i)
	some n in nations
	rules := data.policies[n].dangerous_goods
	v := input.vehicles[i]
	f := dg_load(n, rules, i, v, facts)
}

dg_load(n, rules, i, v, facts) := {
	"nation": n, "rule": x.rule, "severity": "info", "subject": sprintf("vehicles[%d]", [i]), "who": v.label,
	"shape": sprintf("%s points, not above %s: the small-load exemption applies", [grouped(total), grouped(x.max_points)]),
	"source": x.source, "stage": null, "condition": null,
} if {
	x := rules.small_load_exemption
	total := unit_exempt(n, i, facts)
} else := rule_finding(n, rules.load, sprintf("vehicles[%d]", [i]), v.label, "dangerous goods under full regulation")

dg_findings contains f if {
	road
	some i in units
	facts := unit_facts(i)
	some n in nations
	not unit_exempt(n, i, facts)
	t := data.policies[n].dangerous_goods.tunnels
	closed := [[tunnel_rank[cat], kc[0], r.tunnel_text, kc[1].un_number] |
		some kc in facts.listed
		some r in data.dg[kc[1].un_number]
		cat := closed_from(r.tunnel, facts.nem, t.assume_tank_carriage)
		cat != null
	]
	count(closed) > 0
	governing := min(closed)
	some j, leg in input.itinerary
	leg.nation == n
	worst := max([tunnel_rank[x] | some x in leg.tunnel_categories; tunnel_rank[x] >= governing[0]])
	f := {
		"nation": n, "rule": t.rule, "severity": t.severity, "subject": sprintf("vehicles[%d]", [i]),
		"who": input.vehicles[i].label,
		"shape": sprintf("tunnel code %s of %s (cargo[%d]) closes tunnel categories %s to E; itinerary[%d] (%s – %s) passes a category %s tunnel", [governing[2], governing[3], governing[1], rank_letter[governing[0]], j, leg.entry_point, leg.exit_point, rank_letter[worst]]),
		"source": t.source, "stage": object.get(t, "stage", null), "condition": null,
	}
}

dg_findings contains f if {
	some i in units
	facts := unit_facts(i)
	some n in nations
	some t in object.get(data.policies[n].dangerous_goods, "thresholds", [])
	lines := [c | some kc in facts.listed; c := kc[1]; threshold_counts(t, c)]
	total := threshold_sum(t.measure, lines)
	total > t.above_kg
	f := {
		"nation": n, "rule": t.rule, "severity": t.severity, "subject": sprintf("vehicles[%d]", [i]),
		"who": input.vehicles[i].label,
		"shape": sprintf("%s kg on one vehicle, above the %s kg %s", [grouped(total), grouped(t.above_kg), t.name]),
		"source": t.source, "stage": object.get(t, "stage", null), "condition": object.get(t, "condition", null),
	}
}

threshold_counts(t, _) if count(object.get(t, "classes", [])) == 0

threshold_counts(t, c) if class_of(c.un_number) in t.classes

threshold_sum("net_explosive_mass", lines) := sum([nem_of(c) | some c in lines])

threshold_sum("quantity", lines) := sum([c.quantity_kg | some c in lines])

# ---- every finding, then aggregated as stored

findings := ((vehicle_findings | mlc_findings) | (convoy_findings | dg_findings))

# One entry per (nation, rule, severity, message shape), with every subject it concerns.
report := {key: subjects |
	some f in findings
	key := [f.nation, f.rule, f.severity, f.shape]
	subjects := sort([g.subject | some g in findings; g.nation == f.nation; g.rule == f.rule; g.severity == f.severity; g.shape == f.shape])
}
