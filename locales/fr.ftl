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

## lang

# Titres des problèmes (RFC 9457 `title`), un par type de problème.
problem-title-validation = Requête invalide
problem-title-malformed = Requête mal formée
problem-title-too-large = Corps de requête trop volumineux
problem-title-unsupported-media-type = Type de média non pris en charge
problem-title-unauthorized = Non authentifié
problem-title-forbidden = Interdit
problem-title-not-found = Introuvable
problem-title-method-not-allowed = Méthode non autorisée
problem-title-conflict = Conflit
problem-title-precondition-required = Précondition requise
problem-title-precondition-failed = Précondition non remplie
problem-title-unprocessable = Requête impossible à traiter
problem-title-too-many-requests = Trop de requêtes
problem-title-unavailable = Service indisponible
problem-title-internal = Erreur interne du serveur

# Détails des problèmes (RFC 9457 `detail`) et messages par champ (`errors[].message`).
problem-validation = { $count ->
    [one] { $count } champ invalide : { $fields }
   *[other] { $count } champs invalides : { $fields }
}
problem-too-large = le corps dépasse la limite de { $limit } octets
problem-too-many-requests = trop de tentatives ; réessayez dans { $seconds } s
problem-rate-exceeded = { $limit } ; réessayez dans { $seconds } s
problem-submission-rate = au plus { $count } notifications par utilisateur et par minute
problem-sign-ins-busy = trop de connexions sont en cours de vérification en même temps
problem-internal = une erreur inattendue s'est produite ; elle a été journalisée
problem-unavailable = la base de données est indisponible ; réessayez dans un instant
problem-bad-credentials = nom d'utilisateur ou mot de passe invalide
problem-token-invalid = le jeton est invalide ou expiré ; obtenez-en un nouveau
problem-token-missing = envoyez un jeton Authorization: Bearer
problem-token-scheme = l'en-tête Authorization doit être `Bearer <token>`
problem-forbidden-role-submit = le rôle { $role } ne soumet pas de notifications
problem-forbidden-role-evaluate = le rôle { $role } n'évalue pas de mouvements
problem-forbidden-role-decide = le rôle { $role } ne statue pas sur les étapes
problem-forbidden-change = seule l'unité demanderesse peut modifier sa notification
problem-forbidden-decide = vous ne pouvez pas statuer sur l'étape { $stage } de { $nation }
problem-forbidden-waive = seul le coordinateur de { $nation } peut lever ses constats bloquants
problem-forbidden-acknowledge = seul le coordinateur de { $nation } accuse réception de ses escalades
problem-forbidden-manage-standing = seul le coordinateur de { $nation } gère les autorisations permanentes qu'il a accordées
problem-forbidden-move-clock = seul un administrateur règle l'horloge
problem-forbidden-reload-policies = seul un administrateur recharge les règlements
problem-no-notification = aucune notification { $id }
problem-no-route = aucune route pour { $method } { $path }
problem-method-not-allowed = { $method } n'est pas autorisé sur { $path }
problem-no-dashboard-file = le tableau de bord n'a pas de fichier { $name }
problem-not-on-route-of = { $nation } n'est pas sur l'itinéraire de { $reference }
problem-not-on-route = { $nation } n'est pas sur l'itinéraire
problem-no-stage = cet examen n'a pas d'étape `{ $stage }`
problem-no-escalation = aucune escalade { $id } sur cette notification
problem-no-policy = aucun règlement n'est chargé pour { $nation }
problem-no-movement-policy = aucun règlement de mouvement n'est chargé pour { $nation } ; nations avec règlement : { $nations }
problem-no-standing = aucune autorisation permanente { $id }
problem-no-record = enregistrement introuvable
problem-record-exists = un enregistrement avec cet identifiant existe déjà
problem-concurrent-change = une modification concurrente l'a emporté ; relisez et réessayez
problem-final = la notification { $reference } est { $status } ; elle ne peut plus être modifiée
problem-policy-gone = aucun règlement n'est plus chargé pour { $nation } ; rechargez les règlements
problem-already-acknowledged = cette escalade a déjà fait l'objet d'un accusé de réception
problem-nothing-to-waive = { $nation } n'a aucun constat bloquant à lever
problem-blocked = l'étape `{ $stage }` ne peut pas conclure l'approbation tant que des constats bloquants subsistent ({ $rules }) ; le demandeur doit modifier, ou le coordinateur enregistrer une levée
problem-stage-not-pending = l'étape `{ $stage }` est { $status }, pas en attente
problem-stage-waiting = des étapes antérieures ne sont pas encore approuvées : { $stages }
problem-no-permit-yet = { $reference } n'a pas encore d'autorisation : chaque nation doit d'abord approuver ; encore ouvertes : { $open }
problem-no-valid-permit = { $reference } est { $status } ; aucune autorisation valide
problem-standing-final = l'autorisation permanente { $permit } est { $status } ; action impossible : { $action }
problem-clock-not-manual = ce serveur fonctionne sur l'horloge système ; elle ne peut pas être réglée
problem-clock-out-of-range = placerait l'horloge hors des années 1970-9999
problem-clock-one-of = indiquez exactement l'un de `advance` (durée ISO 8601) ou `set` (heure RFC 3339)
problem-stale-if-match = If-Match { $sent } est périmé : la notification est maintenant à { $current } ; relisez-la et réessayez
problem-if-match-required = envoyez If-Match avec l'ETag lu, afin que deux personnes ne puissent pas modifier en même temps
problem-idempotency-key-reused = cet Idempotency-Key a servi pour une autre requête ; utilisez une nouvelle clé pour une nouvelle notification
problem-idempotency-key-ascii = caractères ASCII visibles uniquement
problem-idempotency-key-length = 1 à 200 caractères
problem-send-json = envoyez le corps en application/json
problem-send-json-got = envoyez le corps en application/json (reçu : { $got })
problem-send-json-none = envoyez le corps en application/json (aucun Content-Type reçu)
problem-body-unreadable = le corps n'a pas pu être lu : { $error }
problem-body-empty = le corps est vide ; un objet JSON est attendu
problem-body-not-json = le corps n'est pas du JSON valide : { $error }
problem-body-trailing = le corps contient des données après sa valeur JSON : { $error }
problem-bad-path = paramètre de chemin invalide : { $error }
problem-bad-query = paramètre de requête invalide : { $error }
problem-field-nul = ne doit pas contenir le caractère NUL (U+0000)
problem-field-nul-escaped = ne doit pas contenir le caractère NUL (%00)
problem-field-range = doit être compris entre { $min } et { $max }
problem-field-min = doit être au moins { $min }
problem-field-max = doit être au plus { $max }
problem-field-out-of-range = hors limites
problem-field-length-exactly = la longueur doit être exactement { $equal }
problem-field-length-range = la longueur doit être comprise entre { $min } et { $max }
problem-field-length-min = la longueur doit être d'au moins { $min }
problem-field-length-max = la longueur doit être d'au plus { $max }
problem-field-length-wrong = longueur incorrecte
problem-field-invalid = invalide ({ $code })
problem-unknown-parameter = paramètre de requête inconnu
problem-true-or-false = true ou false
problem-limit-range = un nombre entier de 1 à { $max }
problem-bad-cursor = pas un curseur fourni par cette liste
problem-bad-after = un curseur : un nombre entier à partir de 0, tel que donné par next_cursor ou le tableau de situation
problem-bad-wait = secondes entières de 0 à { $max }
problem-one-of = l'une des valeurs : { $values }
problem-own-nation = doit être votre propre nation
problem-own-unit = doit être votre propre unité
problem-departure-past = est plus de 24 heures dans le passé ; indiquez le départ prévu
problem-reason-too-long = au plus 4000 caractères
problem-conditions-too-long = au plus 50 conditions de 1000 caractères ; motif d'au plus 4000
problem-conditions-required = approve_with_conditions exige au moins une condition
problem-reason-required = { $outcome } exige un motif
problem-waiver-reason = une levée exige un motif (jusqu'à 4000 caractères)
problem-holders-required = requis : `unit` ou `nation`
problem-language = l'une des valeurs : { $values }
problem-nation-code = `{ $value }` n'est pas un code ISO 3166-1 alpha-2 attribué, en majuscules
problem-not-one-of = `{ $value }` n'est pas l'une des valeurs : { $values }
problem-after-departure = doit être postérieur à departure_at
problem-validity-required = une autorisation permanente exige une période de validité
problem-validity-single = un mouvement unique n'a pas de période de validité ; utilisez kind `standing`
problem-validity-order = doit être postérieur à validity.from
problem-exit-before-entry = ne doit pas être antérieur à entry_at
problem-entry-before-departure = ne doit pas être antérieur à departure_at
problem-exit-after-arrival = ne doit pas être postérieur à arrival_at
problem-region-elsewhere = { $region } n'est pas une région de { $nation } ; indiquez les codes ISO 3166-2 de la nation de ce tronçon ({ $nation }-…)
problem-one-way-below = { $one } est inférieur à la classe à double sens { $two } ; une classe à sens unique n'est jamais inférieure
problem-legs-order = les tronçons doivent être dans l'ordre chronologique : avant itinerary[{ $previous }].exit_at
problem-same-nation = même nation que le tronçon précédent ; un tronçon par traversée de nation
problem-spacing-required = requis sur chaque essieu sauf le dernier (distance à l'essieu suivant)
problem-spacing-last = le dernier essieu n'a pas d'essieu suivant ; omettez spacing_mm
problem-rigid-towing = un porteur n'a pas de tracteur ; omettez towing_unit_axles ou indiquez la configuration de l'ensemble
problem-towing-axles = doit être inférieur aux { $axles } essieux de l'ensemble (la remorque en a au moins un)
problem-axle-sum = les charges par essieu totalisent { $sum } kg, à plus de { $tolerance } % de gross_mass_kg { $gross } kg
problem-no-vehicle = aucun véhicule à l'indice { $index } (il y en a { $count })
problem-nem-over-quantity = ne doit pas dépasser quantity_kg
problem-un-required = requis lorsqu'une masse nette explosive est indiquée
problem-title-too-many-connections = Trop de connexions
problem-title-body-timeout = Corps de requête trop lent
problem-title-too-many-long-polls = Trop de requêtes en attente
problem-connections-address = cette adresse tient { $count } connexions ouvertes, le maximum autorisé ; réutilisez-en une ou réessayez dans un instant
problem-connections-total = le serveur tient autant de connexions qu'il peut en servir ; réessayez dans un instant
problem-body-timeout = le corps de la requête n'est pas arrivé dans les { $seconds } s suivant son en-tête
problem-long-polls-caller = vous tenez { $count } requêtes en attente sur le flux des changements, le maximum autorisé ; attendez qu'une réponde, ou interrogez sans `wait`
problem-long-polls-total = { $count } requêtes attendent sur le flux des changements, le maximum de ce serveur ; réessayez dans un instant

# Courriel (les objets commencent par « [Corridor] »). Heures au format du lecteur, en UTC.
mail-signature = Corridor, autorisations de mouvement (message automatique)
mail-label-notification = Notification
mail-label-nation = Nation
mail-label-movement = Mouvement
mail-label-link = Ouvrir
mail-label-stage = Étape
mail-label-deadline = Échéance
mail-label-permit = Autorisation
mail-label-conditions = Conditions
mail-label-reason = Motif
mail-label-standing = Autorisation permanente
mail-label-ends = Fin
mail-movement = { $unit } · { $vehicles ->
    [one] { $vehicles } véhicule
   *[other] { $vehicles } véhicules
} · { $from } → { $to } ({ $nations }) · départ { $departure }
mail-time-left = reste { $hours } h { $minutes } min
mail-time-overdue = en retard de { $hours } h { $minutes } min
mail-time-due-now = échéance maintenant
mail-time-under-a-minute = reste moins d'1 min
mail-audience-officers = les officiers de l'étape
mail-audience-coordinator = le coordinateur national
mail-audience-liaison = la liaison multinationale
mail-audience-other = les contacts d'escalade
mail-escalation-subject = Escalade N{ $level } : { $reference } { $nation } { $stages } - { $left }
mail-escalation-heading = Escalade de niveau { $level } - pour { $audience }
mail-escalation-stages = { $count ->
    [one] Étape menacée :
   *[other] { $count } étapes menacées :
}
mail-escalation-stage = { $stage } : échéance { $due }, { $left }
mail-escalation-reason = Motif : { $reason }
mail-why-share = { $percent } % du délai de l'étape écoulé
mail-why-review-breach = dépassement prévu : les étapes restantes finissent le { $finish }, après l'échéance de l'examen { $due }
mail-why-stage-due = l'échéance de l'étape est dépassée
mail-why-overall-within = l'échéance globale est dans moins de { $hours } h { $minutes } min
mail-why-overall-breach = dépassement prévu : les étapes restantes finissent le { $finish }, après l'échéance globale { $due }
mail-why-raised = déclenchée avec le niveau { $level }
mail-escalation-action-officers = { $count ->
    [one] Veuillez statuer sur cette étape avant son échéance.
   *[other] Veuillez statuer sur ces étapes avant leur échéance.
}
mail-escalation-action-coordinator = { $count ->
    [one] Veuillez statuer sur cette étape ou la faire trancher par un officier dès maintenant.
   *[other] Veuillez statuer sur ces étapes ou les faire trancher par des officiers dès maintenant.
}
mail-escalation-action-liaison = L'échéance globale du convoi est menacée. Veuillez assurer le suivi avec la nation.
mail-escalation-action-other = Veuillez assurer le suivi.
mail-deemed-subject = Réputée approuvée : { $reference } { $nation } { $stage }
mail-deemed-intro =
    L'étape { $stage } de l'examen de { $nation } n'a reçu aucune décision avant son échéance
    impérative et est désormais réputée approuvée, comme le prévoit le règlement de { $nation }
    pour la priorité { $priority }.
mail-deemed-audit = Ceci est consigné dans le journal d'audit de la notification.
mail-approved-subject = Approuvée par { $nation } : { $reference }, autorisation { $permit }
mail-approved-intro = { $nation } a approuvé la notification { $reference }.
mail-conditions-none = aucune
mail-conditions-heading = Conditions (partie de l'autorisation) :
mail-rejected-subject = Refusée par { $nation } : { $reference }
mail-rejected-intro = { $nation } a refusé la notification { $reference }.
mail-changes-subject = Modifications demandées par { $nation } : { $reference }
mail-changes-intro = { $nation } demande des modifications de la notification { $reference }.
mail-changes-action = Modifiez la notification dans Corridor ; elle sera alors réexaminée.
mail-standing-subject = L'autorisation permanente { $permit } de { $nation } prend fin le { $until }
mail-standing-intro =
    L'autorisation permanente { $permit } accordée par { $nation } à { $unit } prend fin le
    { $until }. Les mouvements ultérieurs seront de nouveau examinés un par un ; soumettez à temps
    une nouvelle notification permanente si les mouvements courants se poursuivent.
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

## board (lead)

web-live-checked = en direct · vérifié { $time }
web-live-updated = en direct · mis à jour { $time }
web-due-fired = échéance { $due } · déclenchée { $fired }
web-overdue = en retard { $time }
web-standing-share = { $nation } : { $cleared } sur { $total } mouvements uniques
web-standing-none = aucun mouvement unique au cours des dernières 24 heures

## verify (lead)

web-verify-title = Corridor · vérifier une autorisation
web-verify-sub = vérifier une autorisation
web-verify-loading = chargement des clés
web-verify-heading = Vérifier une autorisation
web-verify-hint = Collez le jeton de l’autorisation ou scannez le code QR de l’autorisation imprimée. La vérification se fait dans ce navigateur, avec les clés et révocations enregistrées lors de la dernière visite connectée : aucun réseau n’est nécessaire.
web-verify-token = Jeton d’autorisation
web-verify-button = Vérifier
web-verify-scan = Scanner le code QR
web-verify-not-jws = pas un JWS compact
web-verify-bad-signature = signature invalide
web-verify-keys-updated = clés mises à jour { $at }
web-verify-keys-offline = hors ligne : clés enregistrées { $at }
web-verify-revocations = , révocations nº { $seq }
web-verify-no-revocations = , aucune liste de révocation
web-verify-no-keys = aucune clé enregistrée : ouvrez cette page une fois avec une connexion
web-verify-no-keys-short = aucune clé enregistrée
web-verify-revoked = révoquée le { $at } : { $reason }
web-verify-not-yet = valable à partir du { $at }
web-verify-expired = expirée le { $at }
web-verify-valid = VALABLE
web-verify-valid-checkpoint = VALABLE (jeton de point de contrôle)
web-verify-refused = REFUSÉE { $code } : { $message }
web-verify-reference = Référence
web-verify-reference-value = { $ref } (version { $version })
web-verify-valid-window = Validité
web-verify-permit = Autorisation { $nation }
web-verify-route = Itinéraire { $nation }
web-verify-convoy = Convoi
web-verify-convoy-value = { $vehicles } véhicules, { $personnel } personnes
web-verify-vehicles = { $vehicles } véhicules
web-verify-vehicle = Véhicule
web-verify-dg = Marchandises dangereuses
web-verify-dg-value = ONU { $un }, { $kg } kg sur { $vehicle }
