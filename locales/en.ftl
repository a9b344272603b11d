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
