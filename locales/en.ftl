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
