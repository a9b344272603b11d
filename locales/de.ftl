# Corridor's messages in German (de): the web pages, problem+json titles and details shown to a
# person, and mail. One file per language, every file has every key (a test checks it).
# Keys are prefixed by where they are used: web-* (pages), problem-* (API errors), mail-* (mail).
# Variables are Fluent placeables, e.g. { $reference }; dates and numbers are formatted by the
# caller in the reader's locale, times always with their zone.

## Common to every page

web-title = Corridor
web-brand-sub = Marschkontrolle
web-nav =
    .aria-label = Seiten
web-nav-board = Lagebild
web-nav-queue = Meine Vorgänge
web-nav-plan = Marsch planen
web-language = Sprache
web-signout = Abmelden
web-loading = Wird geladen…
web-back = ← Zurück zum Lagebild
web-none = keine
web-by = von { $actor }
web-by-role = von { $actor } ({ $role })
web-level = Stufe { $level }
web-level-short = S{ $level }
web-permit = Genehmigung { $number }
web-due = fällig { $at }
web-round = Runde { $round }
web-source = Quelle { $source }
web-condition = Auflage: { $condition }
web-no-findings = Keine Befunde.
web-session-ended = Ihre Sitzung ist abgelaufen. Bitte melden Sie sich erneut an.
web-unreachable = Corridor nicht erreichbar
web-unreachable-why = Corridor nicht erreichbar: { $why }
web-live-signed-out = abgemeldet
web-live-retrying = Verbindung unterbrochen · neuer Versuch

## Signing in

web-signin-title = Anmelden
web-signin-hint = Verbindungszellen, Marschkontrolloffiziere, Koordinatoren und antragstellende Einheiten: Melden Sie sich mit Ihrem Corridor-Konto an.
web-signin-username = Benutzername
web-signin-password = Passwort
web-signin-button = Anmelden
web-signin-wrong = Benutzername oder Passwort falsch.
web-signin-failed = Anmeldung fehlgeschlagen ({ $status }).

## Columns of tables

web-col-time-left = Verbleibende Zeit
web-col-reference = Aktenzeichen
web-col-nation-stage = Staat · Stufe
web-col-due = Fällig
web-col-escalation = Eskal.
web-col-nation = Staat
web-col-entry-exit = Einreise → Ausreise
web-col-entry-at = Einreise
web-col-exit-at = Ausreise
web-col-route-limits = Streckenbeschränkungen
web-col-stage = Prüfstufe
web-col-status = Status
web-col-decided-by = Entschieden von
web-col-conditions-reason = Auflagen · Begründung

## The liaison board

web-board-title = Lagebild
web-board-nations = Staaten
web-board-standing = Freigegeben durch Dauergenehmigungen (24 h)
web-board-at-risk = Gefährdet
web-board-at-risk-hint = offene Prüfstufen, eskaliert oder fällig innerhalb von { $hours } h
web-board-at-risk-empty = Nichts gefährdet.
web-board-escalations = Offene Eskalationen
web-board-escalations-empty = Keine offenen Eskalationen.
web-board-decisions = Letzte Entscheidungen
web-board-decisions-empty = Noch keine Entscheidungen.
web-board-activity = Aktivität
web-board-activity-hint = in Echtzeit
web-board-activity-empty = Warten auf die nächste Änderung…

## One notification

web-detail-not-found = Diese Anmeldung existiert nicht oder liegt außerhalb Ihres Zuständigkeitsbereichs.
web-detail-cannot-load = Laden nicht möglich: { $why }
web-detail-requester = Antragsteller
web-detail-departure = Abmarsch
web-detail-arrival = Ankunft
web-detail-due = Fällig
web-detail-escalation = Eskalation
web-detail-version = Version
web-detail-mode-kind = Verkehrsträger · Art
web-detail-itinerary = Marschroute
web-detail-tunnels = Tunnel { $categories }
web-detail-bridges = Brücken MLC ≥ { $mlc }
web-detail-vehicles = Fahrzeuge:
web-detail-vehicle = { $count } × { $label } ({ $category }, { $tonnes } t, MLC { $mlc })
web-detail-cargo-title = Ladung:
web-detail-cargo = UN { $un } { $description } · { $kg } kg
web-detail-nem = NEM { $kg } kg
web-detail-reviews = Nationale Prüfungen
web-detail-timeline = Verlauf

## Terms: statuses, outcomes, roles, severities, priorities, kinds, modes, actions

web-term-in_review = in Prüfung
web-term-approved = genehmigt
web-term-rejected = abgelehnt
web-term-changes_requested = Änderungen angefordert
web-term-withdrawn = zurückgezogen
web-term-expired = abgelaufen
web-term-pending = ausstehend
web-term-approved_with_conditions = mit Auflagen genehmigt
web-term-auto_cleared = automatisch freigegeben
web-term-deemed_approved = als genehmigt geltend
web-term-superseded = ersetzt
web-term-approve = genehmigen
web-term-approve_with_conditions = mit Auflagen genehmigen
web-term-reject = ablehnen
web-term-request_changes = Änderungen anfordern
web-term-requester = antragstellende Einheit
web-term-officer = Marschkontrolloffizier
web-term-coordinator = Koordinator
web-term-liaison = Verbindungsstelle
web-term-admin = Administrator
web-term-info = Hinweis
web-term-condition = Auflage
web-term-review = Prüfung
web-term-block = Sperre
web-term-routine = Routine
web-term-priority = Vorrang
web-term-crisis = Krise
web-term-single = Einzelmarsch
web-term-standing = Dauergenehmigung
web-term-road = Straße
web-term-rail = Schiene
web-term-wheeled = Radfahrzeug
web-term-tracked = Kettenfahrzeug
web-term-submitted = eingereicht
web-term-decided = entschieden
web-term-amended = geändert
web-term-escalated = eskaliert
web-term-acknowledged = zur Kenntnis genommen
web-term-waived = Sperre aufgehoben
web-term-permit_issued = Genehmigung erteilt
web-term-standing_expired = Dauergenehmigung abgelaufen

## planner
web-planner-title = Marsch planen
web-planner-intro = Füllen Sie die Marschanmeldung aus. Die Vorgaben jeder Nation werden während der Eingabe geprüft; senden Sie, wenn nichts blockiert.
web-planner-requesters-only = Nur die Planer einer antragstellenden Einheit planen hier Märsche.
web-planner-cannot-load = Das Formular kann nicht geladen werden: { $why }
web-planner-failed = Fehlgeschlagen: { $why }
web-planner-choose = — auswählen —
web-planner-not-given = keine Angabe
web-planner-movement = Marsch
web-planner-priority = Dringlichkeit
web-planner-kind = Art
web-planner-mode = Verkehrsträger
web-planner-requester-nation = Antragstellende Nation
web-planner-requester-unit = Antragstellende Einheit
web-planner-contact = Ansprechpartner (Name, Telefon oder E-Mail)
web-planner-departure = Abmarsch (UTC)
web-planner-arrival = Ankunft (UTC)
web-planner-validity-from = Gültig ab (UTC)
web-planner-validity-until = Gültig bis (UTC)
web-planner-personnel = Mitfahrendes Personal
web-planner-form-302 = Nummer des EU-Formulars 302 (18 Zeichen)
web-planner-time-placeholder = JJJJ-MM-TT hh:mm
web-planner-times-utc = Alle Zeiten in UTC (Zulu).
web-planner-route = Marschstrecke
web-planner-leg = Abschnitt { $n }
web-planner-leg-nation = Nation
web-planner-entry-point = Einfahrtspunkt
web-planner-exit-point = Ausfahrtspunkt
web-planner-entry-at = Einfahrt (UTC)
web-planner-exit-at = Ausfahrt (UTC)
web-planner-min-bridge-mlc = Niedrigste Brücken-MLC auf der Strecke
web-planner-tunnels = Tunnelkategorien auf der Strecke
web-planner-add-leg = Abschnitt hinzufügen
web-planner-remove-leg = Abschnitt { $n } entfernen
web-planner-leg-up = Abschnitt { $n } nach oben
web-planner-vehicles = Fahrzeuge
web-planner-vehicle = Fahrzeug { $n }: { $label }
web-planner-vehicle-option = Fahrzeug { $n }: { $label }
web-planner-label = Fahrzeug (Bezeichnung)
web-planner-category = Art
web-planner-count = Anzahl Fahrzeuge
web-planner-gross-mass = Tatsächliche Gesamtmasse eines Fahrzeugs, beladen (kg)
web-planner-length = Länge (mm)
web-planner-width = Breite (mm)
web-planner-height = Höhe (mm)
web-planner-mlc = MLC
web-planner-permissible-mass = Zulässige Gesamtmasse (kg)
web-planner-configuration = Bauart
web-planner-config-rigid = Einzelfahrzeug
web-planner-config-articulated = Sattelkraftfahrzeug
web-planner-config-road-train = Lastzug
web-planner-towing-axles = Achsen des Zugfahrzeugs
web-planner-adr-type = ADR-Fahrzeugtyp
web-planner-axles-caption = Achsen von Fahrzeug { $n }, von vorn nach hinten
web-planner-axle = Achse
web-planner-axle-load-col = Achslast (kg)
web-planner-axle-spacing-col = Abstand zur nächsten Achse (mm)
web-planner-axle-driven = Angetrieben
web-planner-axle-load = Last auf Achse { $n } (kg)
web-planner-axle-spacing = Abstand von Achse { $n } zur nächsten (mm)
web-planner-axle-driven-n = Achse { $n } ist angetrieben
web-planner-add-axle = Achse hinzufügen
web-planner-remove-axle = Achse { $n } entfernen
web-planner-vehicle-summary = { $axles } Achsen tragen { $sum } kg von { $gross } kg Gesamtmasse · { $length } m lang, { $width } m breit, { $height } m hoch
web-planner-add-vehicle = Fahrzeug hinzufügen
web-planner-remove-vehicle = Fahrzeug { $n } entfernen
web-planner-saved-types = Gespeicherte Fahrzeugtypen
web-planner-add-from-type = Fahrzeug dieses Typs hinzufügen
web-planner-choose-type-first = Wählen Sie zuerst einen gespeicherten Fahrzeugtyp.
web-planner-type-added = Fahrzeugtyp { $name } hinzugefügt.
web-planner-type-name = Als Fahrzeugtyp speichern unter
web-planner-save-type = Fahrzeugtyp speichern
web-planner-type-saved = Fahrzeugtyp { $name } gespeichert.
web-planner-type-not-saved = Fahrzeugtyp nicht gespeichert: { $why }
web-planner-name-needed = Geben Sie zuerst einen Namen ein.
web-planner-cargo = Ladung
web-planner-no-cargo = Keine Ladungspositionen.
web-planner-cargo-line = Ladungsposition { $n }
web-planner-description = Beschreibung
web-planner-un-number = UN-Nummer (Ziffern oder Benennung eingeben)
web-planner-un-results = Gefundene Gefahrgüter
web-planner-un-entry = UN { $un } { $name } · Klasse { $class } · VG { $pg } · Tunnel { $tunnel }
web-planner-un-found = { $n ->
    [one] Ein Eintrag gefunden; mit den Pfeiltasten wählen und mit Enter übernehmen.
   *[other] { $n } Einträge gefunden; mit den Pfeiltasten wählen und mit Enter übernehmen.
}
web-planner-un-none = Nicht in der Gefahrgutliste.
web-planner-quantity = Menge (kg)
web-planner-litres = Volumen (Liter)
web-planner-nem = Nettoexplosivstoffmasse (kg)
web-planner-on-vehicle = Befördert auf
web-planner-add-cargo = Ladungsposition hinzufügen
web-planner-remove-cargo = Ladungsposition { $n } entfernen
web-planner-bulk = Sammelerfassung (CSV)
web-planner-csv-vehicles = Fahrzeuge aus CSV
web-planner-csv-cargo = Ladungspositionen aus CSV
web-planner-csv-columns = Kopfzeile mit den Spalten
web-planner-csv-optional = und wahlweise
web-planner-csv-vehicles-hint = Achslasten von vorn nach hinten durch Semikolon getrennt (mindestens zwei), die Achsabstände ebenso (einer weniger). Wird zu den Fahrzeugen oben hinzugefügt.
web-planner-csv-cargo-hint = vehicle ist die Nummer des Fahrzeugs in diesem Formular (1 für das erste); un_number darf leer sein. Wird zu den Ladungspositionen oben hinzugefügt.
web-planner-csv-paste = CSV einfügen
web-planner-csv-file = oder CSV-Datei wählen
web-planner-csv-apply = Prüfen und übernehmen
web-planner-csv-rejected = { $n ->
    [one] Nichts übernommen: ein Fehler.
   *[other] Nichts übernommen: { $n } Fehler.
}
web-planner-csv-applied = { $n ->
    [one] Eine Zeile übernommen.
   *[other] { $n } Zeilen übernommen.
}
web-planner-csv-row-error = Zeile { $row }, Spalte { $column }: { $why }
web-planner-csv-empty = der Text ist leer
web-planner-csv-missing-column = Spalte fehlt (benötigt: { $columns })
web-planner-csv-unknown-column = unbekannte Spalte
web-planner-csv-too-many-rows = mehr als { $max } Zeilen
web-planner-csv-no-rows = keine Zeilen unter der Kopfzeile
web-planner-csv-required = Pflichtangabe
web-planner-csv-number = eine ganze Zahl von { $min } bis { $max }
web-planner-csv-too-long = höchstens { $max } Zeichen
web-planner-csv-one-of = einer der Werte { $values }
web-planner-csv-axle-count = 2 bis 24 Achslasten durch Semikolon getrennt angeben
web-planner-csv-spacing-count = { $n } Achsabstände angeben (einer weniger als Achsen)
web-planner-csv-axle-number = Achse { $axle }: eine ganze Zahl von { $min } bis { $max }
web-planner-csv-axle-sum = die Achslasten ergeben { $sum } kg, mehr als 3 % Abweichung von der Gesamtmasse { $gross } kg
web-planner-csv-un-number = keine vierstellige UN-Nummer
web-planner-csv-vehicle = kein Fahrzeug mit dieser Nummer (das Formular hat { $n })
web-planner-csv-nem-above-quantity = darf quantity_kg nicht übersteigen
web-planner-csv-un-for-nem = Pflichtangabe, wenn eine Nettoexplosivstoffmasse angegeben ist
web-planner-templates = Vorlagen
web-planner-saved-templates = Gespeicherte Vorlagen
web-planner-load-template = Vorlage laden
web-planner-delete-template = Vorlage löschen
web-planner-template-name = Dieses Formular als Vorlage speichern unter
web-planner-save-template = Vorlage speichern
web-planner-template-saved = Vorlage { $name } gespeichert.
web-planner-template-loaded = Vorlage { $name } geladen.
web-planner-template-deleted = Vorlage { $name } gelöscht.
web-planner-choose-template-first = Wählen Sie zuerst eine gespeicherte Vorlage.
web-planner-dry-run = Vorabprüfung der Vorgaben
web-planner-dry-waiting = Warten auf das Formular.
web-planner-dry-checking = Wird geprüft…
web-planner-dry-incomplete = { $n ->
    [one] Noch nicht geprüft: ein Feld ist zu ergänzen oder zu berichtigen.
   *[other] Noch nicht geprüft: { $n } Felder sind zu ergänzen oder zu berichtigen.
}
web-planner-dry-clear = In den { $n } Nationen blockiert nichts (geprüft { $at }).
web-planner-dry-blocked = Würde blockiert in { $nations } (geprüft { $at }).
web-planner-dry-stages = Prüfstufen: { $stages }
web-planner-would-block = würde blockieren
web-planner-would-pass = nichts blockiert
web-planner-finding-meta = Regel { $rule } · Rechtsgrundlage { $source } · betrifft { $subject }
web-planner-submit = Anmeldung absenden
web-planner-send-amendment = Änderung absenden
web-planner-cancel-amend = Änderung abbrechen
web-planner-clear = Formular leeren
web-planner-sending = Wird gesendet…
web-planner-send-failed = Nicht gesendet: { $why }. Drücken Sie die Schaltfläche erneut; es wird als dieselbe Anmeldung gesendet.
web-planner-refused = Abgelehnt ({ $status }): { $why }
web-planner-amend-stale = Die Anmeldung wurde seit dem Öffnen geändert. Kehren Sie zu ihr zurück, lesen Sie sie erneut und ändern Sie sie noch einmal.
web-planner-amend-title = { $reference } ändern
web-planner-back-to-follow = ← Zurück zur Anmeldung
web-planner-follow-title = Ihre Anmeldung
web-planner-follow-heading = Anmeldung { $reference }
web-planner-follow-status = Stand: { $status } · Version { $version } · aktualisiert { $at }
web-planner-due = Fällig
web-planner-vehicles-count = { $n ->
    [one] Ein Fahrzeug, insgesamt { $mass } kg
   *[other] { $n } Fahrzeuge, insgesamt { $mass } kg
}
web-planner-per-nation = Prüfung je Nation
web-planner-col-nation = Nation
web-planner-col-status = Stand
web-planner-col-stages = Prüfstufen
web-planner-col-findings = Feststellungen
web-planner-col-due = Fällig
web-planner-col-permit = Genehmigung
web-planner-final = Diese Anmeldung ist abgeschlossen; sie kann nicht mehr geändert oder zurückgezogen werden.
web-planner-amend = Ändern
web-planner-withdraw = Zurückziehen
web-planner-withdraw-reason = Grund für das Zurückziehen
web-planner-withdrawn = Zurückgezogen.
web-planner-not-found = Diese Anmeldung gibt es nicht, oder sie gehört nicht Ihrer Einheit.
web-planner-open-notification = Vollständige Anmeldung öffnen
web-planner-plan-another = Weiteren Marsch planen
