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
