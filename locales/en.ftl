# Corridor's messages in English (en): the web pages, problem+json titles and details shown to a
# person, and mail. One file per language, every file has every key (a test checks it).
# Keys are prefixed by where they are used: web-* (pages), problem-* (API errors), mail-* (mail).
# Variables are Fluent placeables, e.g. { $reference }; dates and numbers are formatted by the
# caller in the reader's locale, times always with their zone.

## Common to every page

web-title = Corridor
web-brand-sub = movement control
web-nav =
    .aria-label = Pages
web-nav-board = Board
web-nav-queue = My queue
web-nav-plan = Plan a movement
web-language = Language
web-signout = Sign out
web-loading = Loading…
web-back = ← Back to the board
web-none = none
web-by = by { $actor }
web-by-role = by { $actor } ({ $role })
web-level = Level { $level }
web-level-short = L{ $level }
web-permit = permit { $number }
web-due = due { $at }
web-round = round { $round }
web-source = source { $source }
web-condition = condition: { $condition }
web-no-findings = No findings.
web-session-ended = Your session has ended. Sign in again.
web-unreachable = cannot reach Corridor
web-unreachable-why = Cannot reach Corridor: { $why }
web-live-signed-out = signed out
web-live-retrying = connection lost · retrying

## Signing in

web-signin-title = Sign in
web-signin-hint = Liaison cells, movement-control officers, coordinators and requesting units: use your Corridor account.
web-signin-username = User name
web-signin-password = Password
web-signin-button = Sign in
web-signin-wrong = Wrong user name or password.
web-signin-failed = Sign-in failed ({ $status }).

## Columns of tables

web-col-time-left = Time left
web-col-reference = Reference
web-col-nation-stage = Nation · stage
web-col-due = Due
web-col-escalation = Esc.
web-col-nation = Nation
web-col-entry-exit = Entry → exit
web-col-entry-at = Entry
web-col-exit-at = Exit
web-col-route-limits = Route limits
web-col-stage = Stage
web-col-status = Status
web-col-decided-by = Decided by
web-col-conditions-reason = Conditions · reason

## The liaison board

web-board-title = Liaison board
web-board-nations = Nations
web-board-standing = Cleared under standing authorisations (24 h)
web-board-at-risk = At risk
web-board-at-risk-hint = open stages escalated or due within { $hours } h
web-board-at-risk-empty = Nothing at risk.
web-board-escalations = Open escalations
web-board-escalations-empty = No open escalations.
web-board-decisions = Recent decisions
web-board-decisions-empty = No decisions yet.
web-board-activity = Activity
web-board-activity-hint = as it happens
web-board-activity-empty = Waiting for the next change…

## One notification

web-detail-not-found = This notification does not exist or is not in your scope.
web-detail-cannot-load = Cannot load it: { $why }
web-detail-requester = Requester
web-detail-departure = Departure
web-detail-arrival = Arrival
web-detail-due = Due
web-detail-escalation = Escalation
web-detail-version = Version
web-detail-mode-kind = Mode · kind
web-detail-itinerary = Itinerary
web-detail-tunnels = tunnels { $categories }
web-detail-bridges = bridges MLC ≥ { $mlc }
web-detail-vehicles = Vehicles:
web-detail-vehicle = { $count } × { $label } ({ $category }, { $tonnes } t, MLC { $mlc })
web-detail-cargo-title = Cargo:
web-detail-cargo = UN { $un } { $description } · { $kg } kg
web-detail-nem = NEM { $kg } kg
web-detail-reviews = National reviews
web-detail-timeline = Timeline

## Terms: statuses, outcomes, roles, severities, priorities, kinds, modes, actions

web-term-in_review = in review
web-term-approved = approved
web-term-rejected = rejected
web-term-changes_requested = changes requested
web-term-withdrawn = withdrawn
web-term-expired = expired
web-term-pending = pending
web-term-approved_with_conditions = approved with conditions
web-term-auto_cleared = cleared automatically
web-term-deemed_approved = deemed approved
web-term-superseded = superseded
web-term-approve = approve
web-term-approve_with_conditions = approve with conditions
web-term-reject = reject
web-term-request_changes = request changes
web-term-requester = requesting unit
web-term-officer = movement-control officer
web-term-coordinator = coordinator
web-term-liaison = liaison
web-term-admin = administrator
web-term-info = info
web-term-condition = condition
web-term-review = review
web-term-block = block
web-term-routine = routine
web-term-priority = priority
web-term-crisis = crisis
web-term-single = single movement
web-term-standing = standing authorisation
web-term-road = road
web-term-rail = rail
web-term-wheeled = wheeled
web-term-tracked = tracked
web-term-submitted = submitted
web-term-decided = decided
web-term-amended = amended
web-term-escalated = escalated
web-term-acknowledged = acknowledged
web-term-waived = waived
web-term-permit_issued = permit issued
web-term-standing_expired = standing authorisation expired

## lang

# Problem titles (RFC 9457 `title`), one per problem type.
problem-title-validation = Invalid request
problem-title-malformed = Malformed request
problem-title-too-large = Request body too large
problem-title-unsupported-media-type = Unsupported media type
problem-title-unauthorized = Unauthorized
problem-title-forbidden = Forbidden
problem-title-not-found = Not found
problem-title-method-not-allowed = Method not allowed
problem-title-conflict = Conflict
problem-title-precondition-required = Precondition required
problem-title-precondition-failed = Precondition failed
problem-title-unprocessable = Unprocessable request
problem-title-too-many-requests = Too many requests
problem-title-unavailable = Service unavailable
problem-title-internal = Internal server error

# Problem details (RFC 9457 `detail`) and field messages (`errors[].message`).
problem-validation = { $count } field(s) failed validation: { $fields }
problem-too-large = the body is larger than the limit of { $limit } bytes
problem-too-many-requests = too many attempts; try again in { $seconds } s
problem-rate-exceeded = { $limit }; try again in { $seconds } s
problem-submission-rate = at most { $count } submissions per user per minute
problem-sign-ins-busy = too many sign-ins are being checked at once
problem-internal = an unexpected error occurred; it has been logged
problem-unavailable = the database is unavailable; try again shortly
problem-bad-credentials = invalid username or password
problem-token-invalid = the token is invalid or expired; get a new one
problem-token-missing = send an Authorization: Bearer token
problem-token-scheme = the Authorization header must be `Bearer <token>`
problem-forbidden-role-submit = the { $role } role does not submit notifications
problem-forbidden-role-evaluate = the { $role } role does not evaluate movements
problem-forbidden-role-decide = the { $role } role does not decide stages
problem-forbidden-change = only the requesting unit may change its notification
problem-forbidden-decide = you may not decide stage { $stage } of { $nation }
problem-forbidden-waive = only { $nation }'s coordinator may waive its block findings
problem-forbidden-acknowledge = only { $nation }'s coordinator acknowledges its escalations
problem-forbidden-manage-standing = only { $nation }'s coordinator manages the standing authorisations it approved
problem-forbidden-move-clock = only an admin moves the clock
problem-forbidden-reload-policies = only an admin reloads policies
problem-no-notification = no notification { $id }
problem-no-route = no route for { $method } { $path }
problem-method-not-allowed = { $method } is not allowed on { $path }
problem-no-dashboard-file = the dashboard has no file { $name }
problem-not-on-route-of = { $nation } is not on the route of { $reference }
problem-not-on-route = { $nation } is not on the route
problem-no-stage = this review has no stage `{ $stage }`
problem-no-escalation = no escalation { $id } on this notification
problem-no-policy = no policy is loaded for { $nation }
problem-no-movement-policy = no movement policy is loaded for { $nation }; nations with a policy: { $nations }
problem-no-standing = no standing authorisation { $id }
problem-no-record = no such record
problem-record-exists = a record with that identity already exists
problem-concurrent-change = a concurrent change won; read again and retry
problem-final = notification { $reference } is { $status }; nothing can change it
problem-policy-gone = no policy is loaded for { $nation } any more; reload policies
problem-already-acknowledged = this escalation is already acknowledged
problem-nothing-to-waive = { $nation } has no block findings to waive
problem-blocked = stage `{ $stage }` cannot complete the approval while block findings stand ({ $rules }); the requester must amend, or the coordinator record a waiver
problem-stage-not-pending = stage `{ $stage }` is { $status }, not pending
problem-stage-waiting = earlier stages are not approved yet: { $stages }
problem-no-permit-yet = { $reference } has no permit yet: every nation must approve first; still open: { $open }
problem-no-valid-permit = { $reference } is { $status }; it has no valid permit
problem-standing-final = standing authorisation { $permit } is { $status }; it cannot be { $action }
problem-clock-not-manual = this server runs on the system clock; it cannot be moved
problem-clock-out-of-range = would move the clock outside the years 1970-9999
problem-clock-one-of = give exactly one of `advance` (ISO 8601 duration) or `set` (RFC 3339 time)
problem-stale-if-match = If-Match { $sent } is stale: the notification is now at { $current }; read it again and retry
problem-if-match-required = send If-Match with the ETag you read, so two people cannot both change it
problem-idempotency-key-reused = this Idempotency-Key was used for a different request; use a new key for a new notification
problem-idempotency-key-ascii = visible ASCII characters only
problem-idempotency-key-length = 1 to 200 characters
problem-send-json = send the body as application/json
problem-send-json-got = send the body as application/json (got { $got })
problem-send-json-none = send the body as application/json (got no Content-Type)
problem-body-unreadable = could not read the body: { $error }
problem-body-empty = the body is empty; a JSON object is expected
problem-body-not-json = the body is not valid JSON: { $error }
problem-body-trailing = the body has data after its JSON value: { $error }
problem-bad-path = bad path parameter: { $error }
problem-bad-query = bad query parameter: { $error }
problem-field-nul = must not contain the NUL character (U+0000)
problem-field-nul-escaped = must not contain the NUL character (%00)
problem-field-range = must be between { $min } and { $max }
problem-field-min = must be at least { $min }
problem-field-max = must be at most { $max }
problem-field-out-of-range = out of range
problem-field-length-exactly = length must be exactly { $equal }
problem-field-length-range = length must be between { $min } and { $max }
problem-field-length-min = length must be at least { $min }
problem-field-length-max = length must be at most { $max }
problem-field-length-wrong = wrong length
problem-field-invalid = invalid ({ $code })
problem-unknown-parameter = unknown query parameter
problem-true-or-false = true or false
problem-limit-range = a whole number from 1 to { $max }
problem-bad-cursor = not a cursor this list gave out
problem-bad-after = a cursor: a whole number from 0, as next_cursor or the board's cursor gave
problem-bad-wait = whole seconds from 0 to { $max }
problem-one-of = one of { $values }
problem-own-nation = must be your own nation
problem-own-unit = must be your own unit
problem-departure-past = is more than 24 hours in the past; give the planned departure
problem-reason-too-long = at most 4000 characters
problem-conditions-too-long = at most 50 conditions of 1000 characters; reason at most 4000
problem-conditions-required = approve_with_conditions needs at least one condition
problem-reason-required = { $outcome } needs a reason
problem-waiver-reason = a waiver needs a reason (up to 4000 characters)
problem-holders-required = required: `unit` or `nation`
problem-language = one of { $values }
problem-nation-code = `{ $value }` is not an assigned upper-case ISO 3166-1 alpha-2 code
problem-not-one-of = `{ $value }` is not one of { $values }
problem-after-departure = must be after departure_at
problem-validity-required = a standing authorisation needs a validity window
problem-validity-single = a single movement has no validity window; use kind `standing`
problem-validity-order = must be after validity.from
problem-exit-before-entry = must not be before entry_at
problem-entry-before-departure = must not be before departure_at
problem-exit-after-arrival = must not be after arrival_at
problem-region-elsewhere = { $region } is not a region of { $nation }; give the ISO 3166-2 codes of this leg's nation ({ $nation }-…)
problem-one-way-below = { $one } is below the two-way class { $two }; a one-way class is never lower
problem-legs-order = legs must be in time order: before itinerary[{ $previous }].exit_at
problem-same-nation = the same nation as the leg before; give one leg per nation crossing
problem-spacing-required = required on every axle but the last (distance to the next axle)
problem-spacing-last = the last axle has no next axle; leave spacing_mm out
problem-rigid-towing = a rigid vehicle has no towing unit; leave towing_unit_axles out or give the combination's configuration
problem-towing-axles = must be fewer than the { $axles } axles of the whole combination (the trailer has at least one)
problem-axle-sum = axle loads add up to { $sum } kg, more than { $tolerance } % away from gross_mass_kg { $gross } kg
problem-no-vehicle = no vehicle at index { $index } (there are { $count })
problem-nem-over-quantity = must not exceed quantity_kg
problem-un-required = required when a net explosive mass is given
problem-title-too-many-connections = Too many connections
problem-title-body-timeout = Request body too slow
problem-title-too-many-long-polls = Too many long polls
problem-connections-address = this address holds { $count } open connections, the most allowed; reuse one or try again shortly
problem-connections-total = the server holds as many connections as it serves; try again shortly
problem-body-timeout = the request body did not arrive within { $seconds } s of its head
problem-long-polls-caller = you hold { $count } waiting change-feed requests, the most allowed; wait for one to answer, or poll without `wait`
problem-long-polls-total = { $count } change-feed requests are waiting, the most this server holds; try again shortly

# Mail (subjects get "[Corridor] " in front). Times come formatted in the reader's locale, in UTC.
mail-signature = Corridor movement permits (automatic message)
mail-label-notification = Notification
mail-label-nation = Nation
mail-label-movement = Movement
mail-label-link = Open
mail-label-stage = Stage
mail-label-deadline = Deadline
mail-label-permit = Permit
mail-label-conditions = Conditions
mail-label-reason = Reason
mail-label-standing = Standing authorisation
mail-label-ends = Ends
mail-movement = { $unit } · { $vehicles ->
    [one] { $vehicles } vehicle
   *[other] { $vehicles } vehicles
} · { $from } → { $to } ({ $nations }) · departs { $departure }
mail-time-left = { $hours } h { $minutes } min left
mail-time-overdue = overdue by { $hours } h { $minutes } min
mail-time-due-now = due now
mail-time-under-a-minute = less than 1 min left
mail-audience-officers = the stage's officers
mail-audience-coordinator = the national coordinator
mail-audience-liaison = the multinational liaison
mail-audience-other = the escalation contacts
mail-escalation-subject = Escalation L{ $level }: { $reference } { $nation } { $stages } - { $left }
mail-escalation-heading = Escalation level { $level } - for { $audience }
mail-escalation-stages = { $count ->
    [one] Stage at risk:
   *[other] { $count } stages at risk:
}
mail-escalation-stage = { $stage }: due { $due }, { $left }
mail-escalation-reason = Reason: { $reason }
mail-why-share = { $percent } % of the stage's time used
mail-why-review-breach = breach predicted: the remaining stages finish by { $finish }, after the review's due time { $due }
mail-why-stage-due = the stage's due time has passed
mail-why-overall-within = the overall due time is within { $hours } h { $minutes } min
mail-why-overall-breach = breach predicted: the remaining stages finish by { $finish }, after the overall due time { $due }
mail-why-raised = raised with level { $level }
mail-escalation-action-officers = { $count ->
    [one] Please decide this stage before it is due.
   *[other] Please decide these stages before they are due.
}
mail-escalation-action-coordinator = { $count ->
    [one] Please decide this stage or have an officer decide it now.
   *[other] Please decide these stages or have officers decide them now.
}
mail-escalation-action-liaison = The convoy's overall due time is at risk. Please follow up with the nation.
mail-escalation-action-other = Please follow up.
mail-deemed-subject = Deemed approved: { $reference } { $nation } { $stage }
mail-deemed-intro =
    Stage { $stage } of { $nation }'s review received no decision by its hard deadline and is
    now deemed approved, as { $nation }'s policy provides for { $priority } priority.
mail-deemed-audit = This is recorded in the notification's audit trail.
mail-approved-subject = Approved by { $nation }: { $reference }, permit { $permit }
mail-approved-intro = { $nation } has approved notification { $reference }.
mail-conditions-none = none
mail-conditions-heading = Conditions (part of the permit):
mail-rejected-subject = Rejected by { $nation }: { $reference }
mail-rejected-intro = { $nation } has rejected notification { $reference }.
mail-changes-subject = Changes requested by { $nation }: { $reference }
mail-changes-intro = { $nation } asks for changes to notification { $reference }.
mail-changes-action = Amend the notification in Corridor; it is then reviewed again.
mail-standing-subject = Standing authorisation { $permit } of { $nation } ends { $until }
mail-standing-intro =
    The standing authorisation { $permit } that { $nation } approved for { $unit } ends at
    { $until }. Movements after that are reviewed one by one again; submit a new standing
    notification in time if the routine movements go on.
## officer

web-officer-overdue = overdue { $time }
web-officer-cannot-load = Cannot load it: { $why }
web-officer-queue-title = My queue
web-officer-queue-scope-all = Every open stage of { $nation }, the soonest due first.
web-officer-queue-scope-stages = Open stages of { $nation } assigned to you ({ $stages }), the soonest due first.
web-officer-queue-caption = Stages you may decide, the soonest due first
web-officer-queue-count = { $count ->
    [one] One stage to decide
   *[other] { $count } stages to decide
  } · updated { $at }
web-officer-queue-empty = Nothing to decide: your queue is empty.
web-officer-queue-more = Show more
web-officer-col-unit = Unit
web-officer-col-route = Route
web-officer-col-escalation = Escalation
web-officer-back-to-queue = ← Back to my queue
web-officer-not-on-route = { $nation } is not on this movement's route.
web-officer-movement = Movement
web-officer-priority = Priority
web-officer-personnel = Personnel
web-officer-vehicles = Vehicles
web-officer-cargo = Cargo
web-officer-col-number = No.
web-officer-col-label = Vehicle type
web-officer-col-count = Count
web-officer-col-category = Category
web-officer-col-gross = Gross mass
web-officer-col-axles = Axles
web-officer-col-mlc = MLC
web-officer-col-un = UN number
web-officer-col-description = Description
web-officer-col-quantity = Quantity
web-officer-col-nem = Net explosive mass
web-officer-col-vehicle = On vehicle
web-officer-findings = Findings of { $nation }
web-officer-other-findings = Other nations' findings ({ $count })
web-officer-rule = rule { $rule }
web-officer-subject = concerns { $subject }
web-officer-finding-stage = for stage { $stage }
web-officer-source = Legal source:
web-officer-waived = Block findings waived by { $by } on { $at } ({ $rules }):
web-officer-stages = Stages and earlier rounds
web-officer-decision = Decision
web-officer-nothing-to-decide = No open stage of this nation is yours to decide.
web-officer-outcome = Outcome
web-officer-conditions = Conditions
web-officer-conditions-hint = One condition per line; required to approve with conditions.
web-officer-conditions-suggested = The policy's conditions: { $conditions }
web-officer-reason = Reason
web-officer-reason-hint = Required to reject or to request changes.
web-officer-send = Send decision
web-officer-decided = Decision recorded: { $stage } — { $outcome }.
web-officer-conflict-title = Changed while you were deciding
web-officer-conflict-body = Someone changed this notification after you opened it, so your decision was not recorded. This is what changed; the page now shows the current version. Check it and decide again.
web-officer-conflict-none = Nothing you can see here changed; decide again.
web-officer-change-status = Notification: { $from } → { $to }
web-officer-change-version = The requesting unit amended the movement: version { $from } → { $to }
web-officer-change-review = Review of { $nation }: { $from } → { $to }
web-officer-change-stage = { $nation } · { $stage }: { $from } → { $to } (by { $by })
web-officer-change-waiver = { $nation }: block findings waived by { $by } ("{ $reason }")
web-officer-change-escalation = { $nation }: escalation level { $level } fired ({ $reason })
web-officer-change-acknowledged = { $nation }: escalation level { $level } acknowledged by { $by }
web-officer-changes = Versions and changes
web-officer-changes-since-decision = Changes since the last decision of this nation, by { $by } on { $at } (version { $version }):
web-officer-changes-since-version = No decision by this nation yet. Changes since version { $version }:
web-officer-changes-first = Version { $version } is the first; nothing has changed since it was submitted.
web-officer-no-changes = No field of the movement changed.
web-officer-versions = Versions
web-officer-version-line = Version { $version }, { $at }, by { $by }
web-officer-col-field = Field
web-officer-col-before = Before
web-officer-col-now = Now
web-officer-field-itinerary = Leg
web-officer-field-vehicles = Vehicle
web-officer-field-cargo = Cargo line
web-officer-field-axles = Axle
web-officer-field-departure_at = Departure
web-officer-field-arrival_at = Arrival
web-officer-field-entry_at = Entry time
web-officer-field-exit_at = Exit time
web-officer-field-entry_point = Entry point
web-officer-field-exit_point = Exit point
web-officer-field-nation = Nation
web-officer-field-priority = Priority
web-officer-field-personnel = Personnel
web-officer-field-count = Count
web-officer-field-label = Vehicle type
web-officer-field-category = Category
web-officer-field-gross_mass_kg = Gross mass (kg)
web-officer-field-mlc = MLC
web-officer-field-un_number = UN number
web-officer-field-quantity_kg = Quantity (kg)
web-officer-field-net_explosive_mass_kg = Net explosive mass (kg)
web-officer-field-description = Description
web-officer-field-tunnel_categories = Tunnel categories
web-officer-field-min_bridge_mlc = Lowest bridge class (MLC)
web-officer-field-load_kg = Axle load (kg)
web-officer-field-requester = Requester
web-officer-field-contact = Contact
web-officer-field-unit = Unit
web-officer-field-vehicle = On vehicle
web-officer-field-length_mm = Length (mm)
web-officer-field-width_mm = Width (mm)
web-officer-field-height_mm = Height (mm)
web-officer-waiver = Waive block findings
web-officer-waiver-hint = As coordinator you may waive the block findings ({ $rules }) so that the stages can be approved.
web-officer-waiver-reason = Reason for the waiver
web-officer-waiver-send = Waive block findings
web-officer-waiver-done = Block findings of { $nation } waived.
web-officer-escalations = Escalations
web-officer-escalation-times = due { $due } · fired { $fired }
web-officer-acknowledged-by = acknowledged by { $by } on { $at }
web-officer-acknowledge = Acknowledge
web-officer-acknowledge-label = Acknowledge the level { $level } escalation of { $stage }
web-officer-acknowledged = Escalation level { $level } acknowledged.
web-officer-changed-notice = This notification has changed since you opened it.
web-officer-changed-show = Show what changed
web-officer-changed-title = Changed since you opened it
web-officer-changed-body = This is what changed; the page now shows the current version.
## planner
web-planner-title = Plan a movement
web-planner-intro = Fill in the movement notification. Each nation's policy is checked as you type; submit when nothing blocks.
web-planner-requesters-only = Only a requesting unit's planners plan movements here.
web-planner-cannot-load = Cannot load the form: { $why }
web-planner-failed = Failed: { $why }
web-planner-choose = — choose —
web-planner-not-given = not given
web-planner-movement = Movement
web-planner-priority = Priority
web-planner-kind = Kind
web-planner-mode = Mode
web-planner-requester-nation = Requesting nation
web-planner-requester-unit = Requesting unit
web-planner-contact = Point of contact (name, phone or e-mail)
web-planner-departure = Departure (UTC)
web-planner-arrival = Arrival (UTC)
web-planner-validity-from = Valid from (UTC)
web-planner-validity-until = Valid until (UTC)
web-planner-personnel = Personnel travelling
web-planner-form-302 = EU Form 302 serial (18 characters)
web-planner-time-placeholder = YYYY-MM-DD hh:mm
web-planner-times-utc = All times are UTC (Zulu).
web-planner-route = Route
web-planner-leg = Leg { $n }
web-planner-leg-nation = Nation
web-planner-entry-point = Entry point
web-planner-exit-point = Exit point
web-planner-entry-at = Entry (UTC)
web-planner-exit-at = Exit (UTC)
web-planner-min-bridge-mlc = Lowest bridge MLC on the route
web-planner-tunnels = Tunnel categories on the route
web-planner-add-leg = Add a leg
web-planner-remove-leg = Remove leg { $n }
web-planner-leg-up = Move leg { $n } up
web-planner-vehicles = Vehicles
web-planner-vehicle = Vehicle { $n }: { $label }
web-planner-vehicle-option = Vehicle { $n }: { $label }
web-planner-label = Vehicle (what it is)
web-planner-category = Category
web-planner-count = Number of vehicles
web-planner-gross-mass = Gross mass of one, laden (kg)
web-planner-length = Length (mm)
web-planner-width = Width (mm)
web-planner-height = Height (mm)
web-planner-mlc = MLC
web-planner-permissible-mass = Permissible maximum mass (kg)
web-planner-configuration = Configuration
web-planner-config-rigid = rigid vehicle
web-planner-config-articulated = articulated vehicle
web-planner-config-road-train = road train
web-planner-towing-axles = Axles of the towing unit
web-planner-adr-type = ADR vehicle type
web-planner-axles-caption = Axles of vehicle { $n }, front to back
web-planner-axle = Axle
web-planner-axle-load-col = Load (kg)
web-planner-axle-spacing-col = Distance to the next axle (mm)
web-planner-axle-driven = Driven
web-planner-axle-load = Load of axle { $n } (kg)
web-planner-axle-spacing = Distance from axle { $n } to the next (mm)
web-planner-axle-driven-n = Axle { $n } is driven
web-planner-add-axle = Add an axle
web-planner-remove-axle = Remove axle { $n }
web-planner-vehicle-summary = { $axles } axles carrying { $sum } kg of { $gross } kg gross · { $length } m long, { $width } m wide, { $height } m high
web-planner-add-vehicle = Add a vehicle
web-planner-remove-vehicle = Remove vehicle { $n }
web-planner-saved-types = Saved vehicle types
web-planner-add-from-type = Add vehicle of this type
web-planner-choose-type-first = Choose a saved vehicle type first.
web-planner-type-added = Vehicle type { $name } added.
web-planner-type-name = Save as vehicle type named
web-planner-save-type = Save vehicle type
web-planner-type-saved = Vehicle type { $name } saved.
web-planner-type-not-saved = Vehicle type not saved: { $why }
web-planner-name-needed = Give a name first.
web-planner-cargo = Cargo
web-planner-no-cargo = No cargo lines.
web-planner-cargo-line = Cargo line { $n }
web-planner-description = Description
web-planner-un-number = UN number (type digits or a name)
web-planner-un-results = Dangerous goods found
web-planner-un-entry = UN { $un } { $name } · class { $class } · PG { $pg } · tunnel { $tunnel }
web-planner-un-found = { $n ->
    [one] One entry found; use the arrow keys and Enter to take it.
   *[other] { $n } entries found; use the arrow keys and Enter to take one.
}
web-planner-un-none = Not in the dangerous-goods list.
web-planner-quantity = Quantity (kg)
web-planner-litres = Volume (litres)
web-planner-nem = Net explosive mass (kg)
web-planner-on-vehicle = Carried on
web-planner-add-cargo = Add a cargo line
web-planner-remove-cargo = Remove cargo line { $n }
web-planner-bulk = Bulk entry (CSV)
web-planner-csv-vehicles = Vehicles from CSV
web-planner-csv-cargo = Cargo lines from CSV
web-planner-csv-columns = Header row with the columns
web-planner-csv-optional = and optionally
web-planner-csv-vehicles-hint = Axle loads front to back separated by semicolons (at least two), the distances between them likewise (one fewer). Added to the vehicles above.
web-planner-csv-cargo-hint = vehicle is the vehicle's number in this form (1 for the first); un_number may be empty. Added to the cargo lines above.
web-planner-csv-paste = Paste CSV
web-planner-csv-file = or choose a CSV file
web-planner-csv-apply = Check and apply
web-planner-csv-rejected = { $n ->
    [one] Nothing applied: one error.
   *[other] Nothing applied: { $n } errors.
}
web-planner-csv-applied = { $n ->
    [one] One row applied.
   *[other] { $n } rows applied.
}
web-planner-csv-row-error = Row { $row }, column { $column }: { $why }
web-planner-csv-empty = the text is empty
web-planner-csv-missing-column = missing column (needed: { $columns })
web-planner-csv-unknown-column = unknown column
web-planner-csv-too-many-rows = more than { $max } rows
web-planner-csv-no-rows = no rows below the header
web-planner-csv-required = required
web-planner-csv-number = a whole number from { $min } to { $max }
web-planner-csv-too-long = at most { $max } characters
web-planner-csv-one-of = one of { $values }
web-planner-csv-axle-count = give 2 to 24 axle loads separated by semicolons
web-planner-csv-spacing-count = give { $n } distances (one fewer than the axles)
web-planner-csv-axle-number = axle { $axle }: a whole number from { $min } to { $max }
web-planner-csv-axle-sum = axle loads add up to { $sum } kg, more than 3 % away from the gross mass { $gross } kg
web-planner-csv-un-number = not a UN number of four digits
web-planner-csv-vehicle = no vehicle with that number (the form has { $n })
web-planner-csv-nem-above-quantity = must not exceed quantity_kg
web-planner-csv-un-for-nem = required when a net explosive mass is given
web-planner-templates = Templates
web-planner-saved-templates = Saved templates
web-planner-load-template = Load template
web-planner-delete-template = Delete template
web-planner-template-name = Save this form as template named
web-planner-save-template = Save template
web-planner-template-saved = Template { $name } saved.
web-planner-template-loaded = Template { $name } loaded.
web-planner-template-deleted = Template { $name } deleted.
web-planner-choose-template-first = Choose a saved template first.
web-planner-dry-run = Policy dry run
web-planner-dry-waiting = Waiting for the form.
web-planner-dry-checking = Checking…
web-planner-dry-incomplete = { $n ->
    [one] Not checked yet: one field to complete or correct.
   *[other] Not checked yet: { $n } fields to complete or correct.
}
web-planner-dry-clear = Nothing blocks in the { $n } nations (checked { $at }).
web-planner-dry-blocked = Would be blocked in { $nations } (checked { $at }).
web-planner-dry-stages = Stages: { $stages }
web-planner-would-block = would block
web-planner-would-pass = nothing blocks
web-planner-finding-meta = rule { $rule } · source { $source } · concerns { $subject }
web-planner-submit = Submit notification
web-planner-send-amendment = Send amendment
web-planner-cancel-amend = Cancel amendment
web-planner-clear = Clear the form
web-planner-sending = Sending…
web-planner-send-failed = Not sent: { $why }. Press the button again to retry; it is sent as the same submission.
web-planner-refused = Refused ({ $status }): { $why }
web-planner-amend-stale = The notification changed since you opened it. Go back to it, read it again and amend once more.
web-planner-amend-title = Amend { $reference }
web-planner-back-to-follow = ← Back to the notification
web-planner-follow-title = Your notification
web-planner-follow-heading = Notification { $reference }
web-planner-follow-status = Status: { $status } · version { $version } · updated { $at }
web-planner-due = Due
web-planner-vehicles-count = { $n ->
    [one] One vehicle, { $mass } kg in all
   *[other] { $n } vehicles, { $mass } kg in all
}
web-planner-per-nation = Each nation's review
web-planner-col-nation = Nation
web-planner-col-status = Status
web-planner-col-stages = Stages
web-planner-col-findings = Findings
web-planner-col-due = Due
web-planner-col-permit = Permit
web-planner-final = This notification is final; it can no longer be amended or withdrawn.
web-planner-amend = Amend
web-planner-withdraw = Withdraw
web-planner-withdraw-reason = Reason for withdrawing
web-planner-withdrawn = Withdrawn.
web-planner-not-found = This notification does not exist or is not your unit's.
web-planner-open-notification = Open the full notification
web-planner-plan-another = Plan another movement
## lanes

web-lanes-filter-nation = Nation
web-lanes-all-nations = All nations
web-lanes-filter-priority = Priority
web-lanes-all-priorities = All priorities
web-lanes-filter-status = Review status
web-lanes-all-statuses = All statuses
web-lanes-filter-level = Escalation
web-lanes-any-level = Any level
web-lanes-level-at-least = Level { $level } or higher
web-lanes-search = Reference or unit
web-lanes-search-input =
    .placeholder = e.g. CRD-2026-000123 or 43 Bde
web-lanes-clear = Clear filters
web-lanes-failed = The lanes could not be read: { $why }
web-lanes-with-requester = with requester
web-lanes-no-open-stage = no open stage
web-lanes-show-more = Show more ({ $shown } left)
web-lanes-total = { $count ->
    [one] { $shown } notification
   *[other] { $shown } notifications
}
web-lanes-empty = Nothing matches in this lane.
web-lanes-none = No notifications in your scope yet.
web-lanes-summary = Lanes: { $lanes } · entries: { $shown } · most urgent first
web-lanes-stages = { $count ->
    [one] { $shown } stage
   *[other] { $shown } stages
}
web-lanes-fired = fired { $at }

## board (lead)

web-live-checked = live · checked { $time }
web-live-updated = live · updated { $time }
web-due-fired = due { $due } · fired { $fired }
web-overdue = overdue { $time }
web-standing-share = { $nation }: { $cleared } of { $total } single movements
web-standing-none = no single movements in the last 24 hours

## verify (lead)

web-verify-title = Corridor · verify a permit
web-verify-sub = verify a permit
web-verify-loading = loading keys
web-verify-heading = Verify a permit
web-verify-hint = Paste the permit token, or scan the QR code of the printed permit. The check runs in this browser against the keys and revocations saved on the last visit with a connection: no network is needed.
web-verify-token = Permit token
web-verify-button = Verify
web-verify-scan = Scan QR code
web-verify-not-jws = not a compact JWS
web-verify-bad-signature = bad signature
web-verify-keys-updated = keys updated { $at }
web-verify-keys-offline = offline: keys saved { $at }
web-verify-revocations = , revocations #{ $seq }
web-verify-no-revocations = , no revocation list
web-verify-no-keys = no keys saved yet: open this page once with a connection
web-verify-no-keys-short = no keys saved yet
web-verify-revoked = revoked at { $at }: { $reason }
web-verify-not-yet = valid from { $at }
web-verify-expired = expired at { $at }
web-verify-valid = VALID
web-verify-valid-checkpoint = VALID (checkpoint token)
web-verify-refused = REFUSED { $code }: { $message }
web-verify-reference = Reference
web-verify-reference-value = { $ref } (version { $version })
web-verify-valid-window = Valid
web-verify-permit = Permit { $nation }
web-verify-route = Route { $nation }
web-verify-convoy = Convoy
web-verify-convoy-value = { $vehicles } vehicles, { $personnel } personnel
web-verify-vehicles = { $vehicles } vehicles
web-verify-vehicle = Vehicle
web-verify-dg = Dangerous goods
web-verify-dg-value = UN { $un }, { $kg } kg on { $vehicle }
