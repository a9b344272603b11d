use super::*;
use chrono::TimeZone;

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
}

fn movement() -> MovementLine {
    MovementLine {
        unit: "43 Mechanised Brigade".into(),
        vehicles: 3,
        from: "Havelte".into(),
        to: "Vilnius".into(),
        nations: vec!["NL".into(), "DE".into(), "PL".into(), "LT".into()],
        departure_at: Utc.with_ymd_and_hms(2026, 12, 2, 6, 0, 0).unwrap(),
    }
}

fn stages() -> Vec<StageDue> {
    vec![
        StageDue {
            stage: "road_authority".into(),
            due_at: at(18, 0),
            time_left_seconds: -(65 * 60),
            reason: "the stage's due time has passed".into(),
            why: vec![Why::StageDue],
        },
        StageDue {
            stage: "police".into(),
            due_at: at(20, 0),
            time_left_seconds: 55 * 60,
            reason: "written in English".into(),
            why: vec![
                Why::RaisedWith { level: 3 },
                Why::OverallWithin { minutes: 120 },
                Why::OverallBreach {
                    finish: at(21, 0),
                    due: at(20, 0),
                },
            ],
        },
    ]
}

#[test]
fn time_left_reads_in_hours_and_minutes_and_never_flatters_a_deadline() {
    let en = |s| time_left(Lang::En, s);
    assert_eq!(en(3 * 3600 + 5 * 60 + 59), "3 h 05 min left");
    assert_eq!(en(49 * 3600), "49 h 00 min left");
    assert_eq!(en(30), "less than 1 min left");
    assert_eq!(en(0), "due now");
    assert_eq!(en(-1), "overdue by 0 h 01 min");
    assert_eq!(en(-(3600 + 10 * 60)), "overdue by 1 h 10 min");
    assert!(en(i64::MIN).starts_with("overdue by"));
    assert_eq!(time_left(Lang::De, 3600), "noch 1 h 00 min");
    assert_eq!(time_left(Lang::Pl, -60), "po terminie o 0 h 01 min");
}

#[test]
fn one_escalation_mail_lists_every_stage_the_movement_and_the_link() {
    let (stages, movement) = (stages(), movement());
    let mail = EscalationMail {
        reference: "CN-2026-000123",
        nation: "DE",
        level: 2,
        stages: &stages,
        movement: &movement,
        link: "https://corridor.example/dashboard/#n/abc",
    };
    let (subject, body) = escalation(Lang::En, &mail);
    assert_eq!(
        subject,
        "[Corridor] Escalation L2: CN-2026-000123 DE road_authority, police - overdue by 1 h 05 min"
    );
    for want in [
        "Escalation level 2 - for the national coordinator",
        "Notification: CN-2026-000123",
        "Nation:       DE",
        "Movement:     43 Mechanised Brigade · 3 vehicles · Havelte → Vilnius (NL, DE, PL, LT) · departs 2 Dec 2026, 06:00 UTC",
        "Open:         https://corridor.example/dashboard/#n/abc",
        "2 stages at risk:",
        "- road_authority: due 1 Dec 2026, 18:00 UTC, overdue by 1 h 05 min",
        "- police: due 1 Dec 2026, 20:00 UTC, 0 h 55 min left",
        "Reason: the stage's due time has passed",
        "Reason: raised with level 3; the overall due time is within 2 h 00 min; breach predicted: the remaining stages finish by 1 Dec 2026, 21:00 UTC, after the overall due time 1 Dec 2026, 20:00 UTC",
        "Please decide these stages or have officers decide them now.",
    ] {
        assert!(body.contains(want), "missing {want:?} in\n{body}");
    }
}

#[test]
fn the_same_mail_in_german_french_and_polish() {
    let (stages, movement) = (stages(), movement());
    let mail = EscalationMail {
        reference: "CN-2026-000123",
        nation: "DE",
        level: 1,
        stages: &stages[1..],
        movement: &movement,
        link: "https://corridor.example/dashboard/#n/abc",
    };
    let (subject, body) = escalation(Lang::De, &mail);
    assert!(
        subject.starts_with("[Corridor] Eskalation S1: CN-2026-000123 DE police"),
        "{subject}"
    );
    for want in [
        "Eskalationsstufe 1 - für die Sachbearbeiter des Prüfschritts",
        "Meldung:  CN-2026-000123",
        "Bewegung: 43 Mechanised Brigade · 3 Fahrzeuge · Havelte → Vilnius (NL, DE, PL, LT) · Abmarsch 02.12.2026, 06:00 UTC",
        "Öffnen:   https://corridor.example/dashboard/#n/abc",
        "- police: fällig 01.12.2026, 20:00 UTC, noch 0 h 55 min",
        "Grund: mit Stufe 3 ausgelöst; die Gesamtfrist liegt innerhalb von 2 h 00 min; Fristüberschreitung vorhergesagt: die verbleibenden Prüfschritte enden am 01.12.2026, 21:00 UTC, nach der Gesamtfrist 01.12.2026, 20:00 UTC",
        "Bitte entscheiden Sie diesen Prüfschritt vor Fristablauf.",
    ] {
        assert!(body.contains(want), "missing {want:?} in\n{body}");
    }
    let (_, fr) = escalation(Lang::Fr, &mail);
    assert!(
        fr.contains("3 véhicules") && fr.contains("départ 02/12/2026 06:00 UTC"),
        "{fr}"
    );
    let (_, pl) = escalation(Lang::Pl, &mail);
    assert!(
        pl.contains("3 pojazdy") && pl.contains("wyjazd 02.12.2026, 06:00 UTC"),
        "{pl}"
    );
}

#[test]
fn each_level_says_who_it_is_for() {
    let (stages, movement) = (stages(), movement());
    let mail = |level| EscalationMail {
        reference: "CN-1",
        nation: "PL",
        level,
        stages: &stages[1..],
        movement: &movement,
        link: "x",
    };
    let (s1, b1) = escalation(Lang::En, &mail(1));
    assert!(s1.ends_with("0 h 55 min left"), "{s1}");
    assert!(b1.contains("for the stage's officers"), "{b1}");
    let (_, b3) = escalation(Lang::En, &mail(3));
    assert!(b3.contains("for the multinational liaison"), "{b3}");
    assert!(b3.contains("overall due time is at risk"), "{b3}");
}

#[test]
fn deemed_consent_tells_the_coordinator_which_stage_and_why() {
    let n = DeemedConsentNotice {
        reference: "CN-2026-000007",
        nation: "NL",
        stage: "movcon",
        priority: Priority::Crisis,
        deadline: at(6, 30),
    };
    let (subject, body) = deemed_consent(Lang::En, &n);
    assert_eq!(
        subject,
        "[Corridor] Deemed approved: CN-2026-000007 NL movcon"
    );
    assert!(body.contains("now deemed approved, as NL's policy provides for crisis priority"));
    assert!(
        body.contains("Deadline:     1 Dec 2026, 06:30 UTC"),
        "{body}"
    );
    assert!(body.contains("audit trail"));
    let (subject, body) = deemed_consent(Lang::Pl, &n);
    assert!(subject.contains("Uznane za zatwierdzone"), "{subject}");
    assert!(body.contains("01.12.2026, 06:30 UTC"), "{body}");
}

#[test]
fn typed_text_cannot_add_lines_escape_sequences_or_reorder_the_mail() {
    let (_, b) = decision(
        Lang::En,
        &DecisionNotice {
            reference: "CN-2026-000123",
            nation: "PL",
            link: "https://corridor.example/dashboard/#n/abc",
            decision: Decision::Rejected {
                stage: "movcon",
                reason: "bridge closed\r\nBcc: x@evil.example\u{1b}[31m red \u{202E}txet",
            },
        },
    );
    let reason_line = b.lines().find(|l| l.starts_with("Reason:")).unwrap();
    assert!(
        reason_line.contains("\u{201C}bridge closed  Bcc: x@evil.example [31m red  txet\u{201D}"),
        "{reason_line}"
    );
    assert!(!b.lines().any(|l| l.starts_with("Bcc:")), "{b}");
    assert!(!b.contains('\r') && !b.contains('\u{1b}') && !b.contains('\u{202E}'));
    let mut m = movement();
    m.unit = "Unit\r\nBcc: x@evil.example".into();
    assert!(!m.render(Lang::En).contains('\n'));
}

#[test]
fn decision_notices_carry_permit_number_or_reason_in_the_readers_language() {
    let conditions = vec![
        "police escort".to_string(),
        "night movement only".to_string(),
    ];
    let approved = DecisionNotice {
        reference: "CN-2026-000123",
        nation: "DE",
        link: "https://corridor.example/dashboard/#n/abc",
        decision: Decision::Approved {
            permit_number: "DE-2026-000123",
            conditions: &conditions,
        },
    };
    let (s, b) = decision(Lang::En, &approved);
    assert_eq!(
        s,
        "[Corridor] Approved by DE: CN-2026-000123, permit DE-2026-000123"
    );
    assert!(b.contains("Permit:       DE-2026-000123"), "{b}");
    assert!(
        b.contains("Open:         https://corridor.example/dashboard/#n/abc"),
        "{b}"
    );
    assert!(
        b.contains("- \u{201C}police escort\u{201D}\n- \u{201C}night movement only\u{201D}\n"),
        "{b}"
    );
    let (s, b) = decision(Lang::De, &approved);
    assert_eq!(
        s,
        "[Corridor] Genehmigt durch DE: CN-2026-000123, Genehmigung DE-2026-000123"
    );
    assert!(b.contains("Auflagen (Teil der Genehmigung):"), "{b}");

    let (s, b) = decision(
        Lang::En,
        &DecisionNotice {
            reference: "CN-2026-000123",
            nation: "DE",
            link: "https://corridor.example/dashboard/#n/abc",
            decision: Decision::Approved {
                permit_number: "DE-2026-000124",
                conditions: &[],
            },
        },
    );
    assert!(s.ends_with("permit DE-2026-000124"));
    assert!(b.contains("Conditions:   none"), "{b}");

    let (s, b) = decision(
        Lang::En,
        &DecisionNotice {
            reference: "CN-2026-000123",
            nation: "AT",
            link: "https://corridor.example/dashboard/#n/abc",
            decision: Decision::Rejected {
                stage: "dg_authority",
                reason: "1.1E load through a category B tunnel",
            },
        },
    );
    assert_eq!(s, "[Corridor] Rejected by AT: CN-2026-000123");
    assert!(b.contains("Stage:        dg_authority"));
    assert!(b.contains("Reason:       \u{201C}1.1E load through a category B tunnel\u{201D}"));

    let changes = DecisionNotice {
        reference: "CN-2026-000123",
        nation: "PL",
        link: "https://corridor.example/dashboard/#n/abc",
        decision: Decision::ChangesRequested {
            stage: "road_authority",
            reason: "give the axle spacing of vehicle 2",
        },
    };
    let (s, b) = decision(Lang::En, &changes);
    assert_eq!(s, "[Corridor] Changes requested by PL: CN-2026-000123");
    assert!(b.contains("Reason:       \u{201C}give the axle spacing of vehicle 2\u{201D}"));
    assert!(b.contains("Amend the notification"));
    let (s, b) = decision(Lang::Fr, &changes);
    assert_eq!(
        s,
        "[Corridor] Modifications demandées par PL : CN-2026-000123"
    );
    assert!(
        b.contains("Motif:        \u{201C}give the axle spacing"),
        "{b}"
    );
}

#[test]
fn the_standing_notice_says_when_it_ends_in_the_readers_locale() {
    let (s, b) = standing_ending(
        Lang::En,
        "DE-S-2026-000001",
        "DE",
        "PzGrenBtl 212",
        at(23, 59),
    );
    assert_eq!(
        s,
        "[Corridor] Standing authorisation DE-S-2026-000001 of DE ends 1 Dec 2026, 23:59 UTC"
    );
    assert!(b.contains("submit a new standing"), "{b}");
    let (s, _) = standing_ending(
        Lang::De,
        "DE-S-2026-000001",
        "DE",
        "PzGrenBtl 212",
        at(23, 59),
    );
    assert!(s.contains("endet 01.12.2026, 23:59 UTC"), "{s}");
}
