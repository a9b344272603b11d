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

## officer

web-officer-overdue = überfällig seit { $time }
web-officer-cannot-load = Kann nicht geladen werden: { $why }
web-officer-queue-title = Meine Vorgänge
web-officer-queue-scope-all = Alle offenen Stufen von { $nation }, die am frühesten fälligen zuerst.
web-officer-queue-scope-stages = Ihnen zugewiesene offene Stufen von { $nation } ({ $stages }), die am frühesten fälligen zuerst.
web-officer-queue-caption = Stufen, über die Sie entscheiden dürfen, die am frühesten fälligen zuerst
web-officer-queue-count = { $count ->
    [one] Eine Stufe zu entscheiden
   *[other] { $count } Stufen zu entscheiden
  } · aktualisiert { $at }
web-officer-queue-empty = Nichts zu entscheiden: Ihre Vorgangsliste ist leer.
web-officer-queue-more = Weitere anzeigen
web-officer-col-unit = Einheit
web-officer-col-route = Strecke
web-officer-col-escalation = Eskalation
web-officer-back-to-queue = ← Zurück zu meinen Vorgängen
web-officer-not-on-route = { $nation } liegt nicht auf der Strecke dieses Marsches.
web-officer-movement = Marsch
web-officer-priority = Dringlichkeit
web-officer-personnel = Personal
web-officer-vehicles = Fahrzeuge
web-officer-cargo = Ladung
web-officer-col-number = Nr.
web-officer-col-label = Fahrzeugtyp
web-officer-col-count = Anzahl
web-officer-col-category = Art
web-officer-col-gross = Gesamtmasse
web-officer-col-axles = Achsen
web-officer-col-mlc = MLC
web-officer-col-un = UN-Nummer
web-officer-col-description = Bezeichnung
web-officer-col-quantity = Menge
web-officer-col-nem = Explosivstoffmasse (netto)
web-officer-col-vehicle = Auf Fahrzeug
web-officer-findings = Befunde von { $nation }
web-officer-other-findings = Befunde anderer Staaten ({ $count })
web-officer-rule = Regel { $rule }
web-officer-subject = betrifft { $subject }
web-officer-finding-stage = für Stufe { $stage }
web-officer-source = Rechtsgrundlage:
web-officer-waived = Sperrbefunde freigestellt von { $by } am { $at } ({ $rules }):
web-officer-stages = Stufen und frühere Runden
web-officer-decision = Entscheidung
web-officer-nothing-to-decide = Keine offene Stufe dieses Staates ist von Ihnen zu entscheiden.
web-officer-outcome = Ergebnis
web-officer-conditions = Auflagen
web-officer-conditions-hint = Eine Auflage je Zeile; erforderlich für eine Genehmigung mit Auflagen.
web-officer-conditions-suggested = Auflagen laut Regelwerk: { $conditions }
web-officer-reason = Begründung
web-officer-reason-hint = Erforderlich für eine Ablehnung oder eine Änderungsanforderung.
web-officer-send = Entscheidung senden
web-officer-decided = Entscheidung erfasst: { $stage } — { $outcome }.
web-officer-conflict-title = Während Ihrer Entscheidung geändert
web-officer-conflict-body = Diese Anmeldung wurde geändert, nachdem Sie sie geöffnet hatten; Ihre Entscheidung wurde daher nicht erfasst. Das hat sich geändert; die Seite zeigt jetzt den aktuellen Stand. Prüfen Sie ihn und entscheiden Sie erneut.
web-officer-conflict-none = Hier sichtbar hat sich nichts geändert; entscheiden Sie erneut.
web-officer-change-status = Anmeldung: { $from } → { $to }
web-officer-change-version = Die antragstellende Einheit hat den Marsch geändert: Fassung { $from } → { $to }
web-officer-change-review = Prüfung durch { $nation }: { $from } → { $to }
web-officer-change-stage = { $nation } · { $stage }: { $from } → { $to } (von { $by })
web-officer-change-waiver = { $nation }: Sperrbefunde freigestellt von { $by } („{ $reason }“)
web-officer-change-escalation = { $nation }: Eskalationsstufe { $level } ausgelöst ({ $reason })
web-officer-change-acknowledged = { $nation }: Eskalationsstufe { $level } bestätigt von { $by }
web-officer-changes = Fassungen und Änderungen
web-officer-changes-since-decision = Änderungen seit der letzten Entscheidung dieses Staates, von { $by } am { $at } (Fassung { $version }):
web-officer-changes-since-version = Noch keine Entscheidung dieses Staates. Änderungen seit Fassung { $version }:
web-officer-changes-first = Fassung { $version } ist die erste; seit der Anmeldung hat sich nichts geändert.
web-officer-no-changes = Kein Feld des Marsches hat sich geändert.
web-officer-versions = Fassungen
web-officer-version-line = Fassung { $version }, { $at }, von { $by }
web-officer-col-field = Feld
web-officer-col-before = Vorher
web-officer-col-now = Jetzt
web-officer-field-itinerary = Abschnitt
web-officer-field-vehicles = Fahrzeug
web-officer-field-cargo = Ladungsposition
web-officer-field-axles = Achse
web-officer-field-departure_at = Abmarsch
web-officer-field-arrival_at = Ankunft
web-officer-field-entry_at = Einfahrtzeit
web-officer-field-exit_at = Ausfahrtzeit
web-officer-field-entry_point = Grenzübergang Einfahrt
web-officer-field-exit_point = Grenzübergang Ausfahrt
web-officer-field-nation = Staat
web-officer-field-priority = Dringlichkeit
web-officer-field-personnel = Personal
web-officer-field-count = Anzahl
web-officer-field-label = Fahrzeugtyp
web-officer-field-category = Art
web-officer-field-gross_mass_kg = Gesamtmasse (kg)
web-officer-field-mlc = MLC
web-officer-field-un_number = UN-Nummer
web-officer-field-quantity_kg = Menge (kg)
web-officer-field-net_explosive_mass_kg = Explosivstoffmasse netto (kg)
web-officer-field-description = Bezeichnung
web-officer-field-tunnel_categories = Tunnelkategorien
web-officer-field-min_bridge_mlc = Niedrigste Brückenklasse (MLC)
web-officer-field-load_kg = Achslast (kg)
web-officer-field-requester = Antragsteller
web-officer-field-contact = Kontakt
web-officer-field-unit = Einheit
web-officer-field-vehicle = Auf Fahrzeug
web-officer-field-length_mm = Länge (mm)
web-officer-field-width_mm = Breite (mm)
web-officer-field-height_mm = Höhe (mm)
web-officer-waiver = Sperrbefunde freistellen
web-officer-waiver-hint = Als Koordinator können Sie die Sperrbefunde ({ $rules }) freistellen, damit die Stufen genehmigt werden können.
web-officer-waiver-reason = Begründung der Freistellung
web-officer-waiver-send = Sperrbefunde freistellen
web-officer-waiver-done = Sperrbefunde von { $nation } freigestellt.
web-officer-escalations = Eskalationen
web-officer-escalation-times = fällig { $due } · ausgelöst { $fired }
web-officer-acknowledged-by = bestätigt von { $by } am { $at }
web-officer-acknowledge = Bestätigen
web-officer-acknowledge-label = Eskalation der Stufe { $level } für { $stage } bestätigen
web-officer-acknowledged = Eskalationsstufe { $level } bestätigt.
web-officer-changed-notice = Diese Anmeldung wurde geändert, seit Sie sie geöffnet haben.
web-officer-changed-show = Änderungen anzeigen
web-officer-changed-title = Seit dem Öffnen geändert
web-officer-changed-body = Das hat sich geändert; die Seite zeigt jetzt den aktuellen Stand.
