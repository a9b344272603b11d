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
