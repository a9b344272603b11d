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

## officer

web-officer-overdue = en retard de { $time }
web-officer-cannot-load = Chargement impossible : { $why }
web-officer-queue-title = Mes dossiers
web-officer-queue-scope-all = Toutes les étapes ouvertes de { $nation }, les plus urgentes d'abord.
web-officer-queue-scope-stages = Étapes ouvertes de { $nation } qui vous sont attribuées ({ $stages }), les plus urgentes d'abord.
web-officer-queue-caption = Étapes sur lesquelles vous pouvez statuer, les plus urgentes d'abord
web-officer-queue-count = { $count ->
    [one] Une étape à décider
   *[other] { $count } étapes à décider
  } · mis à jour { $at }
web-officer-queue-empty = Rien à décider : votre liste est vide.
web-officer-queue-more = Afficher plus
web-officer-col-unit = Unité
web-officer-col-route = Itinéraire
web-officer-col-escalation = Escalade
web-officer-back-to-queue = ← Retour à mes dossiers
web-officer-not-on-route = { $nation } n'est pas sur l'itinéraire de ce mouvement.
web-officer-movement = Mouvement
web-officer-priority = Priorité
web-officer-personnel = Personnel
web-officer-vehicles = Véhicules
web-officer-cargo = Chargement
web-officer-col-number = N°
web-officer-col-label = Type de véhicule
web-officer-col-count = Nombre
web-officer-col-category = Catégorie
web-officer-col-gross = Masse totale
web-officer-col-axles = Essieux
web-officer-col-mlc = MLC
web-officer-col-un = Numéro ONU
web-officer-col-description = Désignation
web-officer-col-quantity = Quantité
web-officer-col-nem = Masse nette d'explosif
web-officer-col-vehicle = Sur véhicule
web-officer-findings = Constats de { $nation }
web-officer-other-findings = Constats des autres nations ({ $count })
web-officer-rule = règle { $rule }
web-officer-subject = concerne { $subject }
web-officer-finding-stage = pour l'étape { $stage }
web-officer-source = Base juridique :
web-officer-waived = Constats bloquants levés par { $by } le { $at } ({ $rules }) :
web-officer-stages = Étapes et tours précédents
web-officer-decision = Décision
web-officer-nothing-to-decide = Aucune étape ouverte de cette nation ne relève de vous.
web-officer-outcome = Issue
web-officer-conditions = Conditions
web-officer-conditions-hint = Une condition par ligne ; obligatoire pour une approbation sous conditions.
web-officer-conditions-suggested = Conditions prévues par la réglementation : { $conditions }
web-officer-reason = Motif
web-officer-reason-hint = Obligatoire pour refuser ou demander des modifications.
web-officer-send = Envoyer la décision
web-officer-decided = Décision enregistrée : { $stage } — { $outcome }.
web-officer-conflict-title = Modifié pendant votre décision
web-officer-conflict-body = Cette notification a été modifiée après son ouverture ; votre décision n'a donc pas été enregistrée. Voici ce qui a changé ; la page affiche maintenant la version actuelle. Vérifiez-la et décidez à nouveau.
web-officer-conflict-none = Rien de visible ici n'a changé ; décidez à nouveau.
web-officer-change-status = Notification : { $from } → { $to }
web-officer-change-version = L'unité demandeuse a modifié le mouvement : version { $from } → { $to }
web-officer-change-review = Examen de { $nation } : { $from } → { $to }
web-officer-change-stage = { $nation } · { $stage } : { $from } → { $to } (par { $by })
web-officer-change-waiver = { $nation } : constats bloquants levés par { $by } (« { $reason } »)
web-officer-change-escalation = { $nation } : escalade de niveau { $level } déclenchée ({ $reason })
web-officer-change-acknowledged = { $nation } : escalade de niveau { $level } prise en compte par { $by }
web-officer-changes = Versions et modifications
web-officer-changes-since-decision = Modifications depuis la dernière décision de cette nation, par { $by } le { $at } (version { $version }) :
web-officer-changes-since-version = Aucune décision de cette nation pour l'instant. Modifications depuis la version { $version } :
web-officer-changes-first = La version { $version } est la première ; rien n'a changé depuis la soumission.
web-officer-no-changes = Aucun champ du mouvement n'a changé.
web-officer-versions = Versions
web-officer-version-line = Version { $version }, { $at }, par { $by }
web-officer-col-field = Champ
web-officer-col-before = Avant
web-officer-col-now = Maintenant
web-officer-field-itinerary = Tronçon
web-officer-field-vehicles = Véhicule
web-officer-field-cargo = Ligne de chargement
web-officer-field-axles = Essieu
web-officer-field-departure_at = Départ
web-officer-field-arrival_at = Arrivée
web-officer-field-entry_at = Heure d'entrée
web-officer-field-exit_at = Heure de sortie
web-officer-field-entry_point = Point d'entrée
web-officer-field-exit_point = Point de sortie
web-officer-field-nation = Nation
web-officer-field-priority = Priorité
web-officer-field-personnel = Personnel
web-officer-field-count = Nombre
web-officer-field-label = Type de véhicule
web-officer-field-category = Catégorie
web-officer-field-gross_mass_kg = Masse totale (kg)
web-officer-field-mlc = MLC
web-officer-field-un_number = Numéro ONU
web-officer-field-quantity_kg = Quantité (kg)
web-officer-field-net_explosive_mass_kg = Masse nette d'explosif (kg)
web-officer-field-description = Désignation
web-officer-field-tunnel_categories = Catégories de tunnel
web-officer-field-min_bridge_mlc = Classe de pont la plus basse (MLC)
web-officer-field-load_kg = Charge à l'essieu (kg)
web-officer-field-requester = Demandeur
web-officer-field-contact = Contact
web-officer-field-unit = Unité
web-officer-field-vehicle = Sur véhicule
web-officer-field-length_mm = Longueur (mm)
web-officer-field-width_mm = Largeur (mm)
web-officer-field-height_mm = Hauteur (mm)
web-officer-waiver = Lever les constats bloquants
web-officer-waiver-hint = En tant que coordinateur, vous pouvez lever les constats bloquants ({ $rules }) afin que les étapes puissent être approuvées.
web-officer-waiver-reason = Motif de la levée
web-officer-waiver-send = Lever les constats bloquants
web-officer-waiver-done = Constats bloquants de { $nation } levés.
web-officer-escalations = Escalades
web-officer-escalation-times = échéance { $due } · déclenchée { $fired }
web-officer-acknowledged-by = prise en compte par { $by } le { $at }
web-officer-acknowledge = Prendre en compte
web-officer-acknowledge-label = Prendre en compte l'escalade de niveau { $level } pour { $stage }
web-officer-acknowledged = Escalade de niveau { $level } prise en compte.
web-officer-changed-notice = Cette notification a été modifiée depuis son ouverture.
web-officer-changed-show = Afficher les modifications
web-officer-changed-title = Modifié depuis l'ouverture
web-officer-changed-body = Voici ce qui a changé ; la page affiche maintenant la version actuelle.
