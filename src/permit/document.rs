//! The printable permit: one A4 page of HTML (print CSS) in the requester's language beside
//! English, with every nation's permit and conditions, the itinerary, the convoy, and a QR code
//! (inline SVG) holding a token a phone verifies offline.

use qrcode::{render::svg, EcLevel, QrCode};

use super::claims::{self, PermitClaims};
use super::keys::KeyRing;

/// The most a QR code holds in byte mode (version 40, error correction L: 2,953 bytes), less a
/// little room: a bundle longer than this is carried by its checkpoint token.
pub const QR_CAPACITY: usize = 2900;

/// What the QR code holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QrPayload {
    /// The full bundle.
    Bundle(String),
    /// The short signed checkpoint token (the bundle does not fit).
    Checkpoint(String),
}

impl QrPayload {
    /// The token in the QR code.
    pub fn token(&self) -> &str {
        match self {
            QrPayload::Bundle(t) | QrPayload::Checkpoint(t) => t,
        }
    }
}

/// The token for the QR code: the bundle itself when it fits, else a checkpoint token signed
/// with the current key.
pub fn qr_payload(full: &PermitClaims, token: &str, ring: &KeyRing) -> Result<QrPayload, String> {
    if token.len() <= QR_CAPACITY {
        return Ok(QrPayload::Bundle(token.to_string()));
    }
    let short = claims::checkpoint(full, token);
    ring.current
        .sign(claims::CHECKPOINT_TYP, &short)
        .map(QrPayload::Checkpoint)
}

/// The QR code of `text` as an SVG element (highest error correction that fits).
pub fn qr_svg(text: &str) -> Result<String, String> {
    let code = [EcLevel::M, EcLevel::L]
        .into_iter()
        .find_map(|ec| QrCode::with_error_correction_level(text.as_bytes(), ec).ok())
        .ok_or_else(|| format!("{} bytes do not fit in a QR code", text.len()))?;
    let image = code
        .render::<svg::Color<'_>>()
        .min_dimensions(720, 720)
        .quiet_zone(true)
        .build();
    // Inline: without the XML declaration.
    let start = image.find("<svg").unwrap_or(0);
    Ok(image[start..].to_string())
}

/// Languages the document's labels are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// German.
    De,
    /// French.
    Fr,
    /// Polish.
    Pl,
    /// Dutch.
    Nl,
}

impl Lang {
    /// The language the requesting nation writes (English where Corridor has no texts).
    pub fn of_nation(code: &str) -> Lang {
        match code {
            "DE" | "AT" | "CH" | "LI" => Lang::De,
            "FR" | "BE" | "LU" | "MC" => Lang::Fr,
            "PL" => Lang::Pl,
            "NL" => Lang::Nl,
            _ => Lang::En,
        }
    }

    /// BCP 47 tag.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Pl => "pl",
            Lang::Nl => "nl",
        }
    }
}

/// Label keys with their texts: en, de, fr, pl, nl.
const LABELS: &[(&str, [&str; 5])] = &[
    ("title", ["Movement permit", "Marschgenehmigung", "Autorisation de mouvement", "Zezwolenie na przemieszczenie", "Vervoersvergunning"]),
    ("reference", ["Reference", "Aktenzeichen", "Référence", "Sygnatura", "Referentie"]),
    ("version", ["Version", "Fassung", "Version", "Wersja", "Versie"]),
    ("valid", ["Valid", "Gültig", "Valable", "Ważne", "Geldig"]),
    ("from", ["from", "von", "du", "od", "van"]),
    ("until", ["until", "bis", "au", "do", "tot"]),
    ("requester", ["Requesting unit", "Antragstellende Einheit", "Unité demandeuse", "Jednostka wnioskująca", "Aanvragende eenheid"]),
    ("permits", ["National permits", "Nationale Genehmigungen", "Autorisations nationales", "Zezwolenia krajowe", "Nationale vergunningen"]),
    ("nation", ["Nation", "Staat", "État", "Państwo", "Land"]),
    ("permit", ["Permit number", "Genehmigungsnummer", "Numéro d'autorisation", "Numer zezwolenia", "Vergunningsnummer"]),
    ("conditions", ["Conditions", "Auflagen", "Conditions", "Warunki", "Voorwaarden"]),
    ("none", ["none", "keine", "aucune", "brak", "geen"]),
    ("itinerary", ["Itinerary", "Fahrtroute", "Itinéraire", "Trasa", "Route"]),
    ("entry", ["Entry", "Einreise", "Entrée", "Wjazd", "Binnenkomst"]),
    ("exit", ["Exit", "Ausreise", "Sortie", "Wyjazd", "Vertrek"]),
    ("convoy", ["Convoy", "Kolonne", "Convoi", "Kolumna", "Konvooi"]),
    ("vehicle", ["Vehicle", "Fahrzeug", "Véhicule", "Pojazd", "Voertuig"]),
    ("count", ["Count", "Anzahl", "Nombre", "Liczba", "Aantal"]),
    ("category", ["Category", "Art", "Catégorie", "Kategoria", "Categorie"]),
    ("gross", ["Gross mass (kg)", "Gesamtmasse (kg)", "Masse totale (kg)", "Masa całkowita (kg)", "Totaalgewicht (kg)"]),
    ("width", ["Width (mm)", "Breite (mm)", "Largeur (mm)", "Szerokość (mm)", "Breedte (mm)"]),
    ("height", ["Height (mm)", "Höhe (mm)", "Hauteur (mm)", "Wysokość (mm)", "Hoogte (mm)"]),
    ("mlc", ["MLC", "MLC", "MLC", "MLC", "MLC"]),
    ("personnel", ["Personnel", "Personal", "Personnel", "Personel", "Personeel"]),
    ("dg", ["Dangerous goods", "Gefahrgut", "Marchandises dangereuses", "Towary niebezpieczne", "Gevaarlijke stoffen"]),
    ("un", ["UN number", "UN-Nummer", "Numéro ONU", "Numer UN", "VN-nummer"]),
    ("qty", ["Quantity (kg)", "Menge (kg)", "Quantité (kg)", "Ilość (kg)", "Hoeveelheid (kg)"]),
    ("bundle", ["Permit bundle id", "Kennung des Genehmigungspakets", "Identifiant du dossier", "Identyfikator pakietu", "Kenmerk van de bundel"]),
    ("qr_bundle", [
        "The QR code holds the whole signed permit: verify it offline against Corridor's published keys.",
        "Der QR-Code enthält die gesamte signierte Genehmigung: offline mit den veröffentlichten Schlüsseln von Corridor prüfen.",
        "Le code QR contient l'autorisation signée complète : la vérifier hors ligne avec les clés publiées de Corridor.",
        "Kod QR zawiera całe podpisane zezwolenie: sprawdź je offline kluczami opublikowanymi przez Corridor.",
        "De QR-code bevat de volledige ondertekende vergunning: offline te controleren met de gepubliceerde sleutels van Corridor.",
    ]),
    ("qr_checkpoint", [
        "The whole permit does not fit in a QR code: the QR code holds a short signed checkpoint token (reference, permit numbers, validity, vehicle count and the SHA-256 of the whole permit).",
        "Die gesamte Genehmigung passt nicht in einen QR-Code: Der QR-Code enthält ein kurzes signiertes Kontrolltoken (Aktenzeichen, Genehmigungsnummern, Gültigkeit, Fahrzeugzahl und SHA-256 der gesamten Genehmigung).",
        "L'autorisation complète ne tient pas dans un code QR : le code QR contient un jeton de contrôle signé court (référence, numéros d'autorisation, validité, nombre de véhicules et SHA-256 de l'autorisation complète).",
        "Całe zezwolenie nie mieści się w kodzie QR: kod QR zawiera krótki podpisany token kontrolny (sygnatura, numery zezwoleń, ważność, liczba pojazdów i SHA-256 całego zezwolenia).",
        "De volledige vergunning past niet in een QR-code: de QR-code bevat een kort ondertekend controletoken (referentie, vergunningsnummers, geldigheid, aantal voertuigen en de SHA-256 van de volledige vergunning).",
    ]),
];

fn idx(lang: Lang) -> usize {
    match lang {
        Lang::En => 0,
        Lang::De => 1,
        Lang::Fr => 2,
        Lang::Pl => 3,
        Lang::Nl => 4,
    }
}

/// The label `key` in `lang`.
pub fn text(key: &str, lang: Lang) -> &'static str {
    LABELS
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, t)| t[idx(lang)])
        .unwrap_or("")
}

/// A label in the requester's language with English beside it.
fn label(key: &str, lang: Lang) -> String {
    let en = text(key, Lang::En);
    let own = text(key, lang);
    if lang == Lang::En || own == en {
        esc(en)
    } else {
        format!("{} <span class=\"en\">/ {}</span>", esc(own), esc(en))
    }
}

/// HTML-escapes text.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn stamp(t: i64) -> String {
    chrono::DateTime::from_timestamp(t, 0)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

fn iso(s: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(s)
        .map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|_| s.to_string())
}

const CSS: &str = "@page{size:A4;margin:10mm}*{box-sizing:border-box}\
body{font:9pt/1.3 'DejaVu Sans',Arial,sans-serif;color:#000;margin:0 auto;max-width:190mm}\
h1{font-size:15pt;margin:0 0 2mm}h2{font-size:10.5pt;margin:3mm 0 1mm;border-bottom:.3mm solid #000}\
.en{color:#444;font-weight:normal}table{border-collapse:collapse;width:100%}\
th,td{border:.2mm solid #666;padding:.6mm 1.2mm;text-align:left;vertical-align:top}\
th{background:#eee}.head{display:flex;justify-content:space-between;gap:4mm}\
.qr{width:62mm;flex:none;text-align:center}.qr svg{width:60mm;height:60mm}.qr p{font-size:7pt;margin:1mm 0}\
.mono{font-family:'DejaVu Sans Mono',monospace;font-size:7pt;word-break:break-all}\
@media screen{body{padding:10mm}}@media print{h2{break-after:avoid}table{break-inside:auto}}";

/// The whole document.
pub fn render(
    c: &PermitClaims,
    requester_nation: &str,
    requester_unit: &str,
    qr: &QrPayload,
) -> Result<String, String> {
    let lang = Lang::of_nation(requester_nation);
    let l = |k: &str| label(k, lang);
    let svg = qr_svg(qr.token())?;
    let qr_note = match qr {
        QrPayload::Bundle(_) => "qr_bundle",
        QrPayload::Checkpoint(_) => "qr_checkpoint",
    };
    let mut note = esc(text(qr_note, lang));
    if lang != Lang::En {
        note.push_str(&format!(
            "<br><span class=\"en\">{}</span>",
            esc(text(qr_note, Lang::En))
        ));
    }
    let mut h = String::with_capacity(16 * 1024);
    h.push_str(&format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{} {}</title><style>{CSS}</style></head><body>",
        lang.tag(),
        esc(text("title", Lang::En)),
        esc(&c.reference)
    ));
    h.push_str(&format!(
        "<div class=\"head\"><div><h1>{}</h1><table>\
         <tr><th>{}</th><td><b>{}</b></td></tr><tr><th>{}</th><td>{}</td></tr>\
         <tr><th>{}</th><td>{} {} {} {}</td></tr><tr><th>{}</th><td>{} ({})</td></tr>\
         <tr><th>{}</th><td class=\"mono\">{}</td></tr></table></div>",
        l("title"),
        l("reference"),
        esc(&c.reference),
        l("version"),
        c.ver,
        l("valid"),
        esc(text("from", lang)),
        stamp(c.nbf),
        esc(text("until", lang)),
        stamp(c.exp),
        l("requester"),
        esc(requester_unit),
        esc(requester_nation),
        l("bundle"),
        esc(&c.jti),
    ));
    h.push_str(&format!(
        "<div class=\"qr\" data-qr=\"{}\">{svg}<p>{note}</p></div></div>",
        match qr {
            QrPayload::Bundle(_) => "bundle",
            QrPayload::Checkpoint(_) => "checkpoint",
        }
    ));
    h.push_str(&format!(
        "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        l("permits"),
        l("nation"),
        l("permit"),
        l("conditions")
    ));
    for n in &c.nations {
        let conds = if n.conditions.is_empty() {
            esc(text("none", lang))
        } else {
            n.conditions
                .iter()
                .map(|x| esc(x))
                .collect::<Vec<_>>()
                .join("<br>")
        };
        h.push_str(&format!(
            "<tr><td>{}</td><td><b>{}</b></td><td>{conds}</td></tr>",
            esc(&n.nation),
            esc(&n.permit)
        ));
    }
    h.push_str(&format!(
        "</table><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
        l("itinerary"),
        l("nation"),
        l("entry"),
        l("exit")
    ));
    for leg in &c.itinerary {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}<br>{}</td><td>{}<br>{}</td></tr>",
            esc(&leg.nation),
            esc(&leg.entry),
            iso(&leg.entry_at),
            esc(&leg.exit),
            iso(&leg.exit_at)
        ));
    }
    h.push_str(&format!(
        "</table><h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>",
        l("convoy"),
        l("vehicle"),
        l("count"),
        l("category"),
        l("gross"),
        l("width"),
        l("height"),
        l("mlc")
    ));
    for v in &c.convoy.vehicles {
        h.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&v.label),
            v.count,
            esc(&v.category),
            v.gross_kg,
            v.width_mm,
            v.height_mm,
            v.mlc
        ));
    }
    h.push_str(&format!(
        "</table><p>{}: {}</p>",
        l("personnel"),
        c.convoy.personnel
    ));
    if !c.dg.is_empty() {
        h.push_str(&format!(
            "<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th>{}</th></tr>",
            l("dg"),
            l("un"),
            l("qty"),
            l("vehicle")
        ));
        for d in &c.dg {
            h.push_str(&format!(
                "<tr><td>UN {}</td><td>{}</td><td>{}</td></tr>",
                esc(&d.un),
                d.qty_kg,
                esc(&d.vehicle)
            ));
        }
        h.push_str("</table>");
    }
    h.push_str("</body></html>");
    Ok(h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_label_has_five_texts_and_the_languages_follow_the_nation() {
        for (k, t) in LABELS {
            assert!(t.iter().all(|x| !x.is_empty()), "{k}");
        }
        assert_eq!(Lang::of_nation("DE"), Lang::De);
        assert_eq!(Lang::of_nation("PL"), Lang::Pl);
        assert_eq!(Lang::of_nation("FR"), Lang::Fr);
        assert_eq!(Lang::of_nation("LT"), Lang::En);
        assert_eq!(
            label("convoy", Lang::De),
            "Kolonne <span class=\"en\">/ Convoy</span>"
        );
        assert_eq!(label("mlc", Lang::Pl), "MLC");
        assert_eq!(esc("<a href='x'>&"), "&lt;a href=&#39;x&#39;&gt;&amp;");
    }

    #[test]
    fn a_qr_code_holds_up_to_the_capacity() {
        assert!(qr_svg(&"a".repeat(QR_CAPACITY)).is_ok());
        assert!(qr_svg(&"a".repeat(3000)).is_err());
        assert!(qr_svg("abc").expect("renders").starts_with("<svg"));
    }
}
