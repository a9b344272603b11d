# Corridor's messages in French (fr): the web pages, problem+json titles and details shown to a
# person, and mail. One file per language, every file has every key (a test checks it).
# Keys are prefixed by where they are used: web-* (pages), problem-* (API errors), mail-* (mail).
# Variables are Fluent placeables, e.g. { $reference }; dates and numbers are formatted by the
# caller in the reader's locale, times always with their zone.

## Common to every page

web-title = Corridor
web-brand-sub = contrôle des mouvements
web-nav =
    .aria-label = Pages
web-nav-board = Tableau
web-nav-queue = Mes dossiers
web-nav-plan = Planifier un mouvement
web-language = Langue
web-signout = Se déconnecter
web-loading = Chargement…
web-back = ← Retour au tableau
web-none = aucune
web-by = par { $actor }
web-by-role = par { $actor } ({ $role })
web-level = Niveau { $level }
web-level-short = N{ $level }
web-permit = autorisation { $number }
web-due = échéance { $at }
web-round = tour { $round }
web-source = source { $source }
web-condition = condition : { $condition }
web-no-findings = Aucune constatation.
web-session-ended = Votre session a expiré. Reconnectez-vous.
web-unreachable = Corridor injoignable
web-unreachable-why = Corridor injoignable : { $why }
web-live-signed-out = déconnecté
web-live-retrying = connexion perdue · nouvelle tentative

## Signing in

web-signin-title = Connexion
web-signin-hint = Cellules de liaison, officiers de contrôle des mouvements, coordinateurs et unités demandeuses : utilisez votre compte Corridor.
web-signin-username = Nom d’utilisateur
web-signin-password = Mot de passe
web-signin-button = Se connecter
web-signin-wrong = Nom d’utilisateur ou mot de passe incorrect.
web-signin-failed = Échec de la connexion ({ $status }).

## Columns of tables

web-col-time-left = Temps restant
web-col-reference = Référence
web-col-nation-stage = Nation · étape
web-col-due = Échéance
web-col-escalation = Escal.
web-col-nation = Nation
web-col-entry-exit = Entrée → sortie
web-col-entry-at = Entrée
web-col-exit-at = Sortie
web-col-route-limits = Restrictions d’itinéraire
web-col-stage = Étape
web-col-status = Statut
web-col-decided-by = Décidé par
web-col-conditions-reason = Conditions · motif

## The liaison board

web-board-title = Tableau de liaison
web-board-nations = Nations
web-board-standing = Autorisés au titre d’autorisations permanentes (24 h)
web-board-at-risk = À risque
web-board-at-risk-hint = étapes ouvertes escaladées ou échues sous { $hours } h
web-board-at-risk-empty = Rien à risque.
web-board-escalations = Escalades ouvertes
web-board-escalations-empty = Aucune escalade ouverte.
web-board-decisions = Décisions récentes
web-board-decisions-empty = Aucune décision pour l’instant.
web-board-activity = Activité
web-board-activity-hint = en direct
web-board-activity-empty = En attente du prochain changement…

## One notification

web-detail-not-found = Cette notification n’existe pas ou sort de votre périmètre.
web-detail-cannot-load = Chargement impossible : { $why }
web-detail-requester = Demandeur
web-detail-departure = Départ
web-detail-arrival = Arrivée
web-detail-due = Échéance
web-detail-escalation = Escalade
web-detail-version = Version
web-detail-mode-kind = Mode · type
web-detail-itinerary = Itinéraire
web-detail-tunnels = tunnels { $categories }
web-detail-bridges = ponts MLC ≥ { $mlc }
web-detail-vehicles = Véhicules :
web-detail-vehicle = { $count } × { $label } ({ $category }, { $tonnes } t, MLC { $mlc })
web-detail-cargo-title = Chargement :
web-detail-cargo = ONU { $un } { $description } · { $kg } kg
web-detail-nem = MNE { $kg } kg
web-detail-reviews = Examens nationaux
web-detail-timeline = Chronologie

## Terms: statuses, outcomes, roles, severities, priorities, kinds, modes, actions

web-term-in_review = en examen
web-term-approved = approuvé
web-term-rejected = refusé
web-term-changes_requested = modifications demandées
web-term-withdrawn = retiré
web-term-expired = expiré
web-term-pending = en attente
web-term-approved_with_conditions = approuvé sous conditions
web-term-auto_cleared = autorisé automatiquement
web-term-deemed_approved = réputé approuvé
web-term-superseded = remplacé
web-term-approve = approuver
web-term-approve_with_conditions = approuver sous conditions
web-term-reject = refuser
web-term-request_changes = demander des modifications
web-term-requester = unité demandeuse
web-term-officer = officier de contrôle des mouvements
web-term-coordinator = coordinateur
web-term-liaison = liaison
web-term-admin = administrateur
web-term-info = information
web-term-condition = condition
web-term-review = examen
web-term-block = blocage
web-term-routine = routine
web-term-priority = prioritaire
web-term-crisis = crise
web-term-single = mouvement unique
web-term-standing = autorisation permanente
web-term-road = route
web-term-rail = rail
web-term-wheeled = à roues
web-term-tracked = chenillé
web-term-submitted = soumis
web-term-decided = décidé
web-term-amended = modifié
web-term-escalated = escaladé
web-term-acknowledged = pris en compte
web-term-waived = blocage levé
web-term-permit_issued = autorisation délivrée
web-term-standing_expired = autorisation permanente expirée

## lanes

web-lanes-filter-nation = Nation
web-lanes-all-nations = Toutes les nations
web-lanes-filter-priority = Priorité
web-lanes-all-priorities = Toutes les priorités
web-lanes-filter-status = État de l'examen
web-lanes-all-statuses = Tous les états
web-lanes-filter-level = Escalade
web-lanes-any-level = Tout niveau
web-lanes-level-at-least = Niveau { $level } ou plus
web-lanes-search = Référence ou unité
web-lanes-search-input =
    .placeholder = p. ex. CRD-2026-000123 ou 43 Bde
web-lanes-clear = Effacer les filtres
web-lanes-failed = Les colonnes n'ont pas pu être lues : { $why }
web-lanes-with-requester = chez le demandeur
web-lanes-no-open-stage = aucune étape ouverte
web-lanes-show-more = Afficher plus ({ $shown } restantes)
web-lanes-total = { $count ->
    [one] { $shown } notification
   *[other] { $shown } notifications
}
web-lanes-empty = Rien ne correspond dans cette colonne.
web-lanes-none = Aucune notification dans votre périmètre pour l'instant.
web-lanes-summary = Colonnes : { $lanes } · entrées : { $shown } · les plus urgentes d'abord
web-lanes-stages = { $count ->
    [one] { $shown } étape
   *[other] { $shown } étapes
}
web-lanes-fired = déclenchée { $at }
