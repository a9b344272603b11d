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

## planner
web-planner-title = Planifier un mouvement
web-planner-intro = Remplissez la notification de mouvement. La réglementation de chaque nation est vérifiée pendant la saisie ; envoyez quand rien ne bloque.
web-planner-requesters-only = Seuls les planificateurs d'une unité demandeuse planifient des mouvements ici.
web-planner-cannot-load = Impossible de charger le formulaire : { $why }
web-planner-failed = Échec : { $why }
web-planner-choose = — choisir —
web-planner-not-given = non renseigné
web-planner-movement = Mouvement
web-planner-priority = Priorité
web-planner-kind = Nature
web-planner-mode = Mode de transport
web-planner-requester-nation = Nation demandeuse
web-planner-requester-unit = Unité demandeuse
web-planner-contact = Point de contact (nom, téléphone ou courriel)
web-planner-departure = Départ (UTC)
web-planner-arrival = Arrivée (UTC)
web-planner-validity-from = Valable du (UTC)
web-planner-validity-until = Valable jusqu'au (UTC)
web-planner-personnel = Personnel transporté
web-planner-form-302 = Numéro du formulaire UE 302 (18 caractères)
web-planner-time-placeholder = AAAA-MM-JJ hh:mm
web-planner-times-utc = Toutes les heures sont en UTC (Zoulou).
web-planner-route = Itinéraire
web-planner-leg = Tronçon { $n }
web-planner-leg-nation = Nation
web-planner-entry-point = Point d'entrée
web-planner-exit-point = Point de sortie
web-planner-entry-at = Entrée (UTC)
web-planner-exit-at = Sortie (UTC)
web-planner-min-bridge-mlc = MLC de pont la plus basse sur l'itinéraire
web-planner-tunnels = Catégories de tunnels sur l'itinéraire
web-planner-add-leg = Ajouter un tronçon
web-planner-remove-leg = Supprimer le tronçon { $n }
web-planner-leg-up = Monter le tronçon { $n }
web-planner-vehicles = Véhicules
web-planner-vehicle = Véhicule { $n } : { $label }
web-planner-vehicle-option = Véhicule { $n } : { $label }
web-planner-label = Véhicule (désignation)
web-planner-category = Catégorie
web-planner-count = Nombre de véhicules
web-planner-gross-mass = Masse en charge d'un véhicule (kg)
web-planner-length = Longueur (mm)
web-planner-width = Largeur (mm)
web-planner-height = Hauteur (mm)
web-planner-mlc = MLC
web-planner-permissible-mass = Masse maximale autorisée (kg)
web-planner-configuration = Configuration
web-planner-config-rigid = véhicule isolé
web-planner-config-articulated = véhicule articulé
web-planner-config-road-train = train routier
web-planner-towing-axles = Essieux du véhicule tracteur
web-planner-adr-type = Type de véhicule ADR
web-planner-axles-caption = Essieux du véhicule { $n }, de l'avant vers l'arrière
web-planner-axle = Essieu
web-planner-axle-load-col = Charge (kg)
web-planner-axle-spacing-col = Distance à l'essieu suivant (mm)
web-planner-axle-driven = Moteur
web-planner-axle-load = Charge de l'essieu { $n } (kg)
web-planner-axle-spacing = Distance de l'essieu { $n } au suivant (mm)
web-planner-axle-driven-n = L'essieu { $n } est moteur
web-planner-add-axle = Ajouter un essieu
web-planner-remove-axle = Supprimer l'essieu { $n }
web-planner-vehicle-summary = { $axles } essieux portant { $sum } kg sur { $gross } kg de masse en charge · { $length } m de long, { $width } m de large, { $height } m de haut
web-planner-add-vehicle = Ajouter un véhicule
web-planner-remove-vehicle = Supprimer le véhicule { $n }
web-planner-saved-types = Types de véhicules enregistrés
web-planner-add-from-type = Ajouter un véhicule de ce type
web-planner-choose-type-first = Choisissez d'abord un type de véhicule enregistré.
web-planner-type-added = Type de véhicule { $name } ajouté.
web-planner-type-name = Enregistrer comme type de véhicule sous le nom
web-planner-save-type = Enregistrer le type de véhicule
web-planner-type-saved = Type de véhicule { $name } enregistré.
web-planner-type-not-saved = Type de véhicule non enregistré : { $why }
web-planner-name-needed = Indiquez d'abord un nom.
web-planner-cargo = Chargement
web-planner-no-cargo = Aucune ligne de chargement.
web-planner-cargo-line = Ligne de chargement { $n }
web-planner-description = Description
web-planner-un-number = Numéro ONU (chiffres ou désignation)
web-planner-un-results = Marchandises dangereuses trouvées
web-planner-un-entry = ONU { $un } { $name } · classe { $class } · GE { $pg } · tunnel { $tunnel }
web-planner-un-found = { $n ->
    [one] Une rubrique trouvée ; choisissez-la avec les flèches et validez avec Entrée.
   *[other] { $n } rubriques trouvées ; choisissez avec les flèches et validez avec Entrée.
}
web-planner-un-none = Absent de la liste des marchandises dangereuses.
web-planner-quantity = Quantité (kg)
web-planner-litres = Volume (litres)
web-planner-nem = Masse nette de matière explosive (kg)
web-planner-on-vehicle = Transporté sur
web-planner-add-cargo = Ajouter une ligne de chargement
web-planner-remove-cargo = Supprimer la ligne de chargement { $n }
web-planner-bulk = Saisie groupée (CSV)
web-planner-csv-vehicles = Véhicules depuis un CSV
web-planner-csv-cargo = Lignes de chargement depuis un CSV
web-planner-csv-columns = Ligne d'en-tête avec les colonnes
web-planner-csv-optional = et au choix
web-planner-csv-vehicles-hint = Charges par essieu de l'avant vers l'arrière séparées par des points-virgules (au moins deux), les distances entre essieux de même (une de moins). Ajoutés aux véhicules ci-dessus.
web-planner-csv-cargo-hint = vehicle est le numéro du véhicule dans ce formulaire (1 pour le premier) ; un_number peut rester vide. Ajoutées aux lignes de chargement ci-dessus.
web-planner-csv-paste = Coller le CSV
web-planner-csv-file = ou choisir un fichier CSV
web-planner-csv-apply = Vérifier et appliquer
web-planner-csv-rejected = { $n ->
    [one] Rien n'a été appliqué : une erreur.
   *[other] Rien n'a été appliqué : { $n } erreurs.
}
web-planner-csv-applied = { $n ->
    [one] Une ligne appliquée.
   *[other] { $n } lignes appliquées.
}
web-planner-csv-row-error = Ligne { $row }, colonne { $column } : { $why }
web-planner-csv-empty = le texte est vide
web-planner-csv-missing-column = colonne manquante (requises : { $columns })
web-planner-csv-unknown-column = colonne inconnue
web-planner-csv-too-many-rows = plus de { $max } lignes
web-planner-csv-no-rows = aucune ligne sous l'en-tête
web-planner-csv-required = obligatoire
web-planner-csv-number = un nombre entier de { $min } à { $max }
web-planner-csv-too-long = au plus { $max } caractères
web-planner-csv-one-of = l'une des valeurs { $values }
web-planner-csv-axle-count = indiquez 2 à 24 charges par essieu séparées par des points-virgules
web-planner-csv-spacing-count = indiquez { $n } distances (une de moins que d'essieux)
web-planner-csv-axle-number = essieu { $axle } : un nombre entier de { $min } à { $max }
web-planner-csv-axle-sum = la somme des charges par essieu est de { $sum } kg, à plus de 3 % de la masse en charge { $gross } kg
web-planner-csv-un-number = pas un numéro ONU à quatre chiffres
web-planner-csv-vehicle = aucun véhicule de ce numéro (le formulaire en compte { $n })
web-planner-csv-nem-above-quantity = ne doit pas dépasser quantity_kg
web-planner-csv-un-for-nem = obligatoire lorsqu'une masse nette de matière explosive est indiquée
web-planner-templates = Modèles
web-planner-saved-templates = Modèles enregistrés
web-planner-load-template = Charger le modèle
web-planner-delete-template = Supprimer le modèle
web-planner-template-name = Enregistrer ce formulaire comme modèle sous le nom
web-planner-save-template = Enregistrer le modèle
web-planner-template-saved = Modèle { $name } enregistré.
web-planner-template-loaded = Modèle { $name } chargé.
web-planner-template-deleted = Modèle { $name } supprimé.
web-planner-choose-template-first = Choisissez d'abord un modèle enregistré.
web-planner-dry-run = Vérification préalable de la réglementation
web-planner-dry-waiting = En attente du formulaire.
web-planner-dry-checking = Vérification…
web-planner-dry-incomplete = { $n ->
    [one] Pas encore vérifié : un champ à compléter ou corriger.
   *[other] Pas encore vérifié : { $n } champs à compléter ou corriger.
}
web-planner-dry-clear = Rien ne bloque dans les { $n } nations (vérifié { $at }).
web-planner-dry-blocked = Serait bloqué en { $nations } (vérifié { $at }).
web-planner-dry-stages = Étapes : { $stages }
web-planner-would-block = bloquerait
web-planner-would-pass = rien ne bloque
web-planner-finding-meta = règle { $rule } · source { $source } · concerne { $subject }
web-planner-submit = Envoyer la notification
web-planner-send-amendment = Envoyer la modification
web-planner-cancel-amend = Annuler la modification
web-planner-clear = Vider le formulaire
web-planner-sending = Envoi…
web-planner-send-failed = Non envoyé : { $why }. Appuyez à nouveau sur le bouton ; la même demande sera renvoyée.
web-planner-refused = Refusé ({ $status }) : { $why }
web-planner-amend-stale = La notification a changé depuis son ouverture. Revenez-y, relisez-la et modifiez-la de nouveau.
web-planner-amend-title = Modifier { $reference }
web-planner-back-to-follow = ← Retour à la notification
web-planner-follow-title = Votre notification
web-planner-follow-heading = Notification { $reference }
web-planner-follow-status = État : { $status } · version { $version } · mise à jour { $at }
web-planner-due = Échéance
web-planner-vehicles-count = { $n ->
    [one] Un véhicule, { $mass } kg au total
   *[other] { $n } véhicules, { $mass } kg au total
}
web-planner-per-nation = Examen par nation
web-planner-col-nation = Nation
web-planner-col-status = État
web-planner-col-stages = Étapes
web-planner-col-findings = Constats
web-planner-col-due = Échéance
web-planner-col-permit = Autorisation
web-planner-final = Cette notification est définitive ; elle ne peut plus être modifiée ni retirée.
web-planner-amend = Modifier
web-planner-withdraw = Retirer
web-planner-withdraw-reason = Motif du retrait
web-planner-withdrawn = Retirée.
web-planner-not-found = Cette notification n'existe pas ou n'appartient pas à votre unité.
web-planner-open-notification = Ouvrir la notification complète
web-planner-plan-another = Planifier un autre mouvement
