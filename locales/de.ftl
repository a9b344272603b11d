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

## lang

# Problemtitel (RFC 9457 `title`), einer je Problemtyp.
problem-title-validation = Ungültige Anfrage
problem-title-malformed = Fehlerhafte Anfrage
problem-title-too-large = Anfrage zu groß
problem-title-unsupported-media-type = Nicht unterstützter Medientyp
problem-title-unauthorized = Nicht angemeldet
problem-title-forbidden = Nicht erlaubt
problem-title-not-found = Nicht gefunden
problem-title-method-not-allowed = Methode nicht erlaubt
problem-title-conflict = Konflikt
problem-title-precondition-required = Vorbedingung erforderlich
problem-title-precondition-failed = Vorbedingung nicht erfüllt
problem-title-unprocessable = Anfrage nicht verarbeitbar
problem-title-too-many-requests = Zu viele Anfragen
problem-title-unavailable = Dienst nicht verfügbar
problem-title-internal = Interner Serverfehler

# Problemdetails (RFC 9457 `detail`) und Feldmeldungen (`errors[].message`).
problem-validation = { $count ->
    [one] { $count } Feld ist ungültig: { $fields }
   *[other] { $count } Felder sind ungültig: { $fields }
}
problem-too-large = der Inhalt ist größer als die Grenze von { $limit } Byte
problem-too-many-requests = zu viele Versuche; bitte in { $seconds } s erneut versuchen
problem-rate-exceeded = { $limit }; bitte in { $seconds } s erneut versuchen
problem-submission-rate = höchstens { $count } Meldungen je Benutzer und Minute
problem-sign-ins-busy = zu viele Anmeldungen werden gerade gleichzeitig geprüft
problem-internal = ein unerwarteter Fehler ist aufgetreten; er wurde protokolliert
problem-unavailable = die Datenbank ist nicht erreichbar; bitte gleich erneut versuchen
problem-bad-credentials = Benutzername oder Passwort ungültig
problem-token-invalid = das Token ist ungültig oder abgelaufen; bitte neu anmelden
problem-token-missing = bitte ein Token als Authorization: Bearer senden
problem-token-scheme = der Authorization-Header muss `Bearer <token>` lauten
problem-forbidden-role-submit = die Rolle { $role } reicht keine Meldungen ein
problem-forbidden-role-evaluate = die Rolle { $role } prüft keine Marschbewegungen
problem-forbidden-role-decide = die Rolle { $role } entscheidet keine Prüfschritte
problem-forbidden-change = nur die meldende Einheit darf ihre Meldung ändern
problem-forbidden-decide = Sie dürfen den Prüfschritt { $stage } von { $nation } nicht entscheiden
problem-forbidden-waive = nur der Koordinator von { $nation } darf dessen Sperrbefunde aufheben
problem-forbidden-acknowledge = nur der Koordinator von { $nation } bestätigt dessen Eskalationen
problem-forbidden-manage-standing = nur der Koordinator von { $nation } verwaltet die von { $nation } erteilten Dauergenehmigungen
problem-forbidden-move-clock = nur ein Administrator stellt die Uhr
problem-forbidden-reload-policies = nur ein Administrator lädt die Regelwerke neu
problem-no-notification = keine Meldung { $id }
problem-no-route = keine Route für { $method } { $path }
problem-method-not-allowed = { $method } ist auf { $path } nicht erlaubt
problem-no-dashboard-file = das Dashboard hat keine Datei { $name }
problem-not-on-route-of = { $nation } liegt nicht auf der Route von { $reference }
problem-not-on-route = { $nation } liegt nicht auf der Route
problem-no-stage = diese Prüfung hat keinen Prüfschritt `{ $stage }`
problem-no-escalation = keine Eskalation { $id } zu dieser Meldung
problem-no-policy = für { $nation } ist kein Regelwerk geladen
problem-no-movement-policy = für { $nation } ist kein Regelwerk geladen; Nationen mit Regelwerk: { $nations }
problem-no-standing = keine Dauergenehmigung { $id }
problem-no-record = kein solcher Datensatz
problem-record-exists = ein Datensatz mit dieser Kennung besteht bereits
problem-concurrent-change = eine gleichzeitige Änderung war schneller; bitte neu lesen und erneut versuchen
problem-final = die Meldung { $reference } ist { $status }; sie kann nicht mehr geändert werden
problem-policy-gone = für { $nation } ist kein Regelwerk mehr geladen; bitte Regelwerke neu laden
problem-already-acknowledged = diese Eskalation ist bereits bestätigt
problem-nothing-to-waive = { $nation } hat keine Sperrbefunde, die aufgehoben werden könnten
problem-blocked = der Prüfschritt `{ $stage }` kann die Genehmigung nicht abschließen, solange Sperrbefunde bestehen ({ $rules }); die meldende Einheit muss ändern oder der Koordinator eine Aufhebung erfassen
problem-stage-not-pending = der Prüfschritt `{ $stage }` ist { $status }, nicht offen
problem-stage-waiting = frühere Prüfschritte sind noch nicht genehmigt: { $stages }
problem-no-permit-yet = { $reference } hat noch keine Genehmigung: jede Nation muss zuerst genehmigen; noch offen: { $open }
problem-no-valid-permit = { $reference } ist { $status }; es gibt keine gültige Genehmigung
problem-standing-final = die Dauergenehmigung { $permit } ist { $status }; Aktion nicht möglich: { $action }
problem-clock-not-manual = dieser Server läuft auf der Systemuhr; sie kann nicht gestellt werden
problem-clock-out-of-range = würde die Uhr außerhalb der Jahre 1970–9999 stellen
problem-clock-one-of = genau eines angeben: `advance` (ISO-8601-Dauer) oder `set` (RFC-3339-Zeit)
problem-stale-if-match = If-Match { $sent } ist veraltet: die Meldung steht jetzt bei { $current }; bitte neu lesen und erneut versuchen
problem-if-match-required = bitte If-Match mit dem gelesenen ETag senden, damit nicht zwei Personen gleichzeitig ändern
problem-idempotency-key-reused = dieser Idempotency-Key wurde für eine andere Anfrage verwendet; für eine neue Meldung einen neuen Schlüssel verwenden
problem-idempotency-key-ascii = nur sichtbare ASCII-Zeichen
problem-idempotency-key-length = 1 bis 200 Zeichen
problem-send-json = den Inhalt bitte als application/json senden
problem-send-json-got = den Inhalt bitte als application/json senden (erhalten: { $got })
problem-send-json-none = den Inhalt bitte als application/json senden (kein Content-Type erhalten)
problem-body-unreadable = der Inhalt konnte nicht gelesen werden: { $error }
problem-body-empty = der Inhalt ist leer; ein JSON-Objekt wird erwartet
problem-body-not-json = der Inhalt ist kein gültiges JSON: { $error }
problem-body-trailing = nach dem JSON-Wert folgen weitere Daten: { $error }
problem-bad-path = ungültiger Pfadparameter: { $error }
problem-bad-query = ungültiger Abfrageparameter: { $error }
problem-field-nul = darf das NUL-Zeichen (U+0000) nicht enthalten
problem-field-nul-escaped = darf das NUL-Zeichen (%00) nicht enthalten
problem-field-range = muss zwischen { $min } und { $max } liegen
problem-field-min = muss mindestens { $min } sein
problem-field-max = darf höchstens { $max } sein
problem-field-out-of-range = außerhalb des zulässigen Bereichs
problem-field-length-exactly = Länge muss genau { $equal } sein
problem-field-length-range = Länge muss zwischen { $min } und { $max } liegen
problem-field-length-min = Länge muss mindestens { $min } sein
problem-field-length-max = Länge darf höchstens { $max } sein
problem-field-length-wrong = falsche Länge
problem-field-invalid = ungültig ({ $code })
problem-unknown-parameter = unbekannter Abfrageparameter
problem-true-or-false = true oder false
problem-limit-range = eine ganze Zahl von 1 bis { $max }
problem-bad-cursor = kein Cursor, den diese Liste ausgegeben hat
problem-bad-after = ein Cursor: eine ganze Zahl ab 0, wie von next_cursor oder dem Lagebild ausgegeben
problem-bad-wait = ganze Sekunden von 0 bis { $max }
problem-one-of = einer von: { $values }
problem-own-nation = muss Ihre eigene Nation sein
problem-own-unit = muss Ihre eigene Einheit sein
problem-departure-past = liegt mehr als 24 Stunden in der Vergangenheit; bitte den geplanten Abmarsch angeben
problem-reason-too-long = höchstens 4000 Zeichen
problem-conditions-too-long = höchstens 50 Auflagen zu je 1000 Zeichen; Begründung höchstens 4000
problem-conditions-required = approve_with_conditions braucht mindestens eine Auflage
problem-reason-required = { $outcome } braucht eine Begründung
problem-waiver-reason = eine Aufhebung braucht eine Begründung (bis 4000 Zeichen)
problem-holders-required = erforderlich: `unit` oder `nation`
problem-language = eine von: { $values }
problem-nation-code = `{ $value }` ist kein vergebener ISO-3166-1-Alpha-2-Code in Großbuchstaben
problem-not-one-of = `{ $value }` ist keiner von: { $values }
problem-after-departure = muss nach departure_at liegen
problem-validity-required = eine Dauergenehmigung braucht einen Gültigkeitszeitraum
problem-validity-single = eine Einzelbewegung hat keinen Gültigkeitszeitraum; kind `standing` verwenden
problem-validity-order = muss nach validity.from liegen
problem-exit-before-entry = darf nicht vor entry_at liegen
problem-entry-before-departure = darf nicht vor departure_at liegen
problem-exit-after-arrival = darf nicht nach arrival_at liegen
problem-region-elsewhere = { $region } ist keine Region von { $nation }; die ISO-3166-2-Codes der Nation dieses Abschnitts angeben ({ $nation }-…)
problem-one-way-below = { $one } liegt unter der Zweirichtungsklasse { $two }; eine Einrichtungsklasse ist nie niedriger
problem-legs-order = Abschnitte müssen zeitlich geordnet sein: liegt vor itinerary[{ $previous }].exit_at
problem-same-nation = dieselbe Nation wie im Abschnitt davor; einen Abschnitt je Nationsdurchfahrt angeben
problem-spacing-required = erforderlich an jeder Achse außer der letzten (Abstand zur nächsten Achse)
problem-spacing-last = die letzte Achse hat keine nächste Achse; spacing_mm weglassen
problem-rigid-towing = ein Solofahrzeug hat keine Zugmaschine; towing_unit_axles weglassen oder die Konfiguration der Kombination angeben
problem-towing-axles = muss kleiner sein als die { $axles } Achsen der ganzen Kombination (der Anhänger hat mindestens eine)
problem-axle-sum = die Achslasten ergeben zusammen { $sum } kg, mehr als { $tolerance } % abweichend von gross_mass_kg { $gross } kg
problem-no-vehicle = kein Fahrzeug mit Index { $index } (es gibt { $count })
problem-nem-over-quantity = darf quantity_kg nicht übersteigen
problem-un-required = erforderlich, wenn eine Nettoexplosivstoffmasse angegeben ist
problem-title-too-many-connections = Zu viele Verbindungen
problem-title-body-timeout = Anfrageinhalt zu langsam
problem-title-too-many-long-polls = Zu viele wartende Abfragen
problem-connections-address = diese Adresse hält { $count } offene Verbindungen, die Höchstzahl; bitte eine wiederverwenden oder gleich erneut versuchen
problem-connections-total = der Server hält so viele Verbindungen, wie er bedienen kann; bitte gleich erneut versuchen
problem-body-timeout = der Anfrageinhalt kam nicht innerhalb von { $seconds } s nach dem Kopf an
problem-long-polls-caller = Sie halten { $count } wartende Abfragen des Änderungsstroms, die Höchstzahl; warten Sie eine Antwort ab oder fragen Sie ohne `wait` ab
problem-long-polls-total = { $count } Abfragen des Änderungsstroms warten, die Höchstzahl dieses Servers; bitte gleich erneut versuchen

# E-Mail (Betreffzeilen beginnen mit "[Corridor] "). Zeiten kommen im Format des Lesers, in UTC.
mail-signature = Corridor Marschgenehmigungen (automatische Nachricht)
mail-label-notification = Meldung
mail-label-nation = Nation
mail-label-movement = Bewegung
mail-label-link = Öffnen
mail-label-stage = Prüfschritt
mail-label-deadline = Frist
mail-label-permit = Genehmigung
mail-label-conditions = Auflagen
mail-label-reason = Begründung
mail-label-standing = Dauergenehmigung
mail-label-ends = Endet
mail-movement = { $unit } · { $vehicles ->
    [one] { $vehicles } Fahrzeug
   *[other] { $vehicles } Fahrzeuge
} · { $from } → { $to } ({ $nations }) · Abmarsch { $departure }
mail-time-left = noch { $hours } h { $minutes } min
mail-time-overdue = überfällig seit { $hours } h { $minutes } min
mail-time-due-now = jetzt fällig
mail-time-under-a-minute = noch weniger als 1 min
mail-audience-officers = die Sachbearbeiter des Prüfschritts
mail-audience-coordinator = den nationalen Koordinator
mail-audience-liaison = die multinationale Verbindungsstelle
mail-audience-other = die Eskalationskontakte
mail-escalation-subject = Eskalation S{ $level }: { $reference } { $nation } { $stages } - { $left }
mail-escalation-heading = Eskalationsstufe { $level } - für { $audience }
mail-escalation-stages = { $count ->
    [one] Gefährdeter Prüfschritt:
   *[other] { $count } gefährdete Prüfschritte:
}
mail-escalation-stage = { $stage }: fällig { $due }, { $left }
mail-escalation-reason = Grund: { $reason }
mail-why-share = { $percent } % der Bearbeitungszeit des Prüfschritts verbraucht
mail-why-review-breach = Fristüberschreitung vorhergesagt: die verbleibenden Prüfschritte enden am { $finish }, nach der Prüffrist { $due }
mail-why-stage-due = die Frist des Prüfschritts ist abgelaufen
mail-why-overall-within = die Gesamtfrist liegt innerhalb von { $hours } h { $minutes } min
mail-why-overall-breach = Fristüberschreitung vorhergesagt: die verbleibenden Prüfschritte enden am { $finish }, nach der Gesamtfrist { $due }
mail-why-raised = mit Stufe { $level } ausgelöst
mail-escalation-action-officers = { $count ->
    [one] Bitte entscheiden Sie diesen Prüfschritt vor Fristablauf.
   *[other] Bitte entscheiden Sie diese Prüfschritte vor Fristablauf.
}
mail-escalation-action-coordinator = { $count ->
    [one] Bitte entscheiden Sie diesen Prüfschritt jetzt oder lassen Sie ihn von einem Sachbearbeiter entscheiden.
   *[other] Bitte entscheiden Sie diese Prüfschritte jetzt oder lassen Sie sie von Sachbearbeitern entscheiden.
}
mail-escalation-action-liaison = Die Gesamtfrist des Marsches ist gefährdet. Bitte klären Sie dies mit der Nation.
mail-escalation-action-other = Bitte nachfassen.
mail-deemed-subject = Als genehmigt geltend: { $reference } { $nation } { $stage }
mail-deemed-intro =
    Zum Prüfschritt { $stage } der Prüfung durch { $nation } ging bis zur verbindlichen Frist keine
    Entscheidung ein; er gilt nun als genehmigt, wie es das Regelwerk von { $nation } für die
    Priorität { $priority } vorsieht.
mail-deemed-audit = Dies ist im Prüfprotokoll der Meldung festgehalten.
mail-approved-subject = Genehmigt durch { $nation }: { $reference }, Genehmigung { $permit }
mail-approved-intro = { $nation } hat die Meldung { $reference } genehmigt.
mail-conditions-none = keine
mail-conditions-heading = Auflagen (Teil der Genehmigung):
mail-rejected-subject = Abgelehnt durch { $nation }: { $reference }
mail-rejected-intro = { $nation } hat die Meldung { $reference } abgelehnt.
mail-changes-subject = Änderungen verlangt durch { $nation }: { $reference }
mail-changes-intro = { $nation } verlangt Änderungen an der Meldung { $reference }.
mail-changes-action = Ändern Sie die Meldung in Corridor; sie wird dann erneut geprüft.
mail-standing-subject = Dauergenehmigung { $permit } von { $nation } endet { $until }
mail-standing-intro =
    Die Dauergenehmigung { $permit }, die { $nation } für { $unit } erteilt hat, endet am
    { $until }. Bewegungen danach werden wieder einzeln geprüft; reichen Sie rechtzeitig eine
    neue Daueranmeldung ein, wenn die Routinebewegungen weitergehen.
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
## lanes

web-lanes-filter-nation = Nation
web-lanes-all-nations = Alle Nationen
web-lanes-filter-priority = Priorität
web-lanes-all-priorities = Alle Prioritäten
web-lanes-filter-status = Prüfstatus
web-lanes-all-statuses = Alle Status
web-lanes-filter-level = Eskalation
web-lanes-any-level = Jede Stufe
web-lanes-level-at-least = Stufe { $level } oder höher
web-lanes-search = Aktenzeichen oder Einheit
web-lanes-search-input =
    .placeholder = z. B. CRD-2026-000123 oder 43 Bde
web-lanes-clear = Filter zurücksetzen
web-lanes-failed = Die Spalten konnten nicht gelesen werden: { $why }
web-lanes-with-requester = beim Antragsteller
web-lanes-no-open-stage = keine offene Stufe
web-lanes-show-more = Mehr anzeigen (noch { $shown })
web-lanes-total = { $count ->
    [one] { $shown } Anmeldung
   *[other] { $shown } Anmeldungen
}
web-lanes-empty = In dieser Spalte passt nichts.
web-lanes-none = Noch keine Anmeldungen in Ihrem Bereich.
web-lanes-summary = Spalten: { $lanes } · Einträge: { $shown } · dringendste zuerst
web-lanes-stages = { $count ->
    [one] { $shown } Stufe
   *[other] { $shown } Stufen
}
web-lanes-fired = ausgelöst { $at }

## board (lead)

web-live-checked = live · geprüft { $time }
web-live-updated = live · aktualisiert { $time }
web-due-fired = fällig { $due } · ausgelöst { $fired }
web-overdue = überfällig { $time }
web-standing-share = { $nation }: { $cleared } von { $total } Einzelmärschen
web-standing-none = keine Einzelmärsche in den letzten 24 Stunden

## verify (lead)

web-verify-title = Corridor · Genehmigung prüfen
web-verify-sub = Genehmigung prüfen
web-verify-loading = Schlüssel werden geladen
web-verify-heading = Genehmigung prüfen
web-verify-hint = Fügen Sie das Genehmigungstoken ein oder scannen Sie den QR-Code der gedruckten Genehmigung. Die Prüfung läuft in diesem Browser gegen die Schlüssel und Widerrufe, die beim letzten Aufruf mit Verbindung gespeichert wurden: kein Netz nötig.
web-verify-token = Genehmigungstoken
web-verify-button = Prüfen
web-verify-scan = QR-Code scannen
web-verify-not-jws = kein kompaktes JWS
web-verify-bad-signature = ungültige Signatur
web-verify-keys-updated = Schlüssel aktualisiert { $at }
web-verify-keys-offline = offline: Schlüssel gespeichert { $at }
web-verify-revocations = , Widerrufsliste Nr. { $seq }
web-verify-no-revocations = , keine Widerrufsliste
web-verify-no-keys = noch keine Schlüssel gespeichert: Seite einmal mit Verbindung öffnen
web-verify-no-keys-short = noch keine Schlüssel gespeichert
web-verify-revoked = widerrufen am { $at }: { $reason }
web-verify-not-yet = gültig ab { $at }
web-verify-expired = abgelaufen am { $at }
web-verify-valid = GÜLTIG
web-verify-valid-checkpoint = GÜLTIG (Kontrollpunkt-Token)
web-verify-refused = ABGELEHNT { $code }: { $message }
web-verify-reference = Aktenzeichen
web-verify-reference-value = { $ref } (Version { $version })
web-verify-valid-window = Gültig
web-verify-permit = Genehmigung { $nation }
web-verify-route = Strecke { $nation }
web-verify-convoy = Marschkolonne
web-verify-convoy-value = { $vehicles } Fahrzeuge, { $personnel } Personen
web-verify-vehicles = { $vehicles } Fahrzeuge
web-verify-vehicle = Fahrzeug
web-verify-dg = Gefahrgut
web-verify-dg-value = UN { $un }, { $kg } kg auf { $vehicle }
