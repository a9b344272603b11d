//! A movement for the unit tests of this module: crisis, NL→DE→PL→LT, ten trucks with
//! small-arms ammunition.

/// The movement's wire shape.
pub(crate) fn movement_json() -> serde_json::Value {
    serde_json::json!({
        "priority": "crisis",
        "kind": "single",
        "mode": "road",
        "requester": {"nation": "NL", "unit": "43 Mechanised Brigade", "contact": "S4 duty officer"},
        "departure_at": "2026-12-01T06:00:00Z",
        "arrival_at": "2026-12-03T18:00:00Z",
        "itinerary": [
            {"nation": "NL", "entry_point": "Havelte", "exit_point": "Oldenzaal", "entry_at": "2026-12-01T06:00:00Z", "exit_at": "2026-12-01T09:00:00Z"},
            {"nation": "DE", "entry_point": "Bad Bentheim", "exit_point": "Frankfurt (Oder)", "entry_at": "2026-12-01T09:00:00Z", "exit_at": "2026-12-01T20:00:00Z", "min_bridge_mlc": 80},
            {"nation": "PL", "entry_point": "Słubice", "exit_point": "Budzisko", "entry_at": "2026-12-01T20:00:00Z", "exit_at": "2026-12-02T14:00:00Z"},
            {"nation": "LT", "entry_point": "Kalvarija", "exit_point": "Pabradė", "entry_at": "2026-12-02T14:00:00Z", "exit_at": "2026-12-03T18:00:00Z"}
        ],
        "vehicles": [
            {"label": "DAF YAM 4x4", "category": "wheeled", "count": 10, "gross_mass_kg": 18000,
             "length_mm": 8000, "width_mm": 2550, "height_mm": 3400, "mlc": 20,
             "axles": [{"load_kg": 7000, "spacing_mm": 4500, "driven": true}, {"load_kg": 11000, "driven": true}]}
        ],
        "cargo": [
            {"description": "5.56 mm ball cartridges", "un_number": "0012", "quantity_kg": 800, "net_explosive_mass_kg": 40, "vehicle": 0}
        ],
        "personnel": 20
    })
}

/// Moves every time of the movement by `by`.
pub(crate) fn shift(v: &mut serde_json::Value, by: chrono::Duration) {
    let move_time = |t: &mut serde_json::Value| {
        let at: chrono::DateTime<chrono::Utc> = t.as_str().unwrap().parse().unwrap();
        *t = (at + by).to_rfc3339().into();
    };
    move_time(&mut v["departure_at"]);
    move_time(&mut v["arrival_at"]);
    for leg in v["itinerary"].as_array_mut().unwrap() {
        move_time(&mut leg["entry_at"]);
        move_time(&mut leg["exit_at"]);
    }
}
