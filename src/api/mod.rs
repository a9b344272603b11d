//! HTTP: the route table, shared state, and the server.

mod board;
mod body;
mod caller;
mod changes;
mod connections;
mod dashboard;
mod etag;
mod lanes;
mod metrics;
mod notifications;
mod ops;
mod permits;
mod policies;
mod problem;
mod queue;
mod scrape;
mod session;
mod spec;
mod standing;
mod submission_rate;
mod units;

use crate::i18n::msg;
use std::net::TcpListener;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::Service;
use actix_web::dev::ServiceResponse;
use actix_web::http::header;
use actix_web::middleware::{ErrorHandlerResponse, ErrorHandlers};
use actix_web::HttpMessage;
use actix_web::{web, App, HttpRequest, HttpResponse, HttpServer, ResponseError};

pub use body::{parse_json, Body};
pub use caller::Caller;
pub use connections::{size_caps, Caps};
pub use policies::dry_run;
pub use problem::{ApiError, Problem, PROBLEM_JSON};
pub use session::identity_of;

use crate::auth::{Accounts, LoginThrottle, TokenKeys};
use crate::clock::Clock;
use crate::config::Settings;
use crate::policy::{PoliciesInForce, PolicyError, PolicySet};
use crate::store::Store;

/// What every handler shares.
pub struct AppState {
    /// Settings in force.
    pub settings: Arc<Settings>,
    /// The database.
    pub store: Store,
    /// The one source of "now".
    pub clock: Clock,
    /// Token signing and checking.
    pub tokens: TokenKeys,
    /// Failed-login counters and the bound on passwords checked at once.
    pub throttle: LoginThrottle,
    /// Accounts read recently for tokens (who a token still speaks for).
    pub accounts: Accounts,
    /// The policy set in force; replaced whole on a successful reload.
    policies: Arc<PoliciesInForce>,
    /// Wakes change-feed requests that wait for the next event.
    feed: changes::ChangeFeed,
    /// Request counts and latencies for `/metrics`.
    metrics: metrics::RequestMetrics,
    /// Board computations shared by the polls of one scope.
    boards: board::SharedBoards,
    /// Each user's submission allowance in this instance.
    pub submissions: submission_rate::SubmissionRate,
}

impl AppState {
    /// State for these settings over this store and clock.
    pub fn new(settings: Settings, store: Store, clock: Clock, policies: PolicySet) -> Self {
        let tokens = TokenKeys::new(
            &settings.jwt_secret,
            settings.jwt_previous_secret.as_deref(),
            &settings.jwt_issuer,
            &settings.jwt_audience,
            settings.jwt_ttl_seconds,
        );
        let throttle = LoginThrottle::new(
            settings.login_attempts,
            settings.login_address_attempts,
            settings.login_concurrency,
        );
        let accounts = Accounts::new(settings.access_cache_ms);
        let feed = changes::ChangeFeed::new(&settings.limits);
        AppState {
            settings: Arc::new(settings),
            store,
            clock,
            tokens,
            throttle,
            accounts,
            policies: Arc::new(PoliciesInForce::new(policies)),
            feed,
            metrics: metrics::RequestMetrics::default(),
            boards: board::SharedBoards::default(),
            submissions: submission_rate::SubmissionRate::default(),
        }
    }

    /// Tells waiting change-feed requests that something was written (call after commit).
    pub fn notify_change(&self) {
        self.feed.poke();
    }

    /// How many nation policies are loaded.
    pub fn policy_count(&self) -> usize {
        self.policies().nations().len()
    }

    /// The policy set in force (a snapshot: a reload does not change it under a request).
    pub fn policies(&self) -> Arc<PolicySet> {
        self.policies.current()
    }

    /// What the background runners share with the handlers: store, clock, policies, and the
    /// change signal that wakes this instance's long polls.
    pub fn runners(self: &Arc<Self>) -> crate::jobs::Runners {
        let state = self.clone();
        crate::jobs::Runners {
            store: self.store.clone(),
            clock: self.clock.clone(),
            policies: self.policies.clone(),
            public_url: self.settings.public_url.clone(),
            changed: Arc::new(move || state.notify_change()),
        }
    }

    /// Reads the policy directory again; a set that fails validation is refused whole and the
    /// loaded set stays in force.
    pub fn reload_policies(&self) -> Result<Arc<PolicySet>, Vec<PolicyError>> {
        let fresh = Arc::new(PolicySet::load_dir(&self.settings.policies)?);
        self.policies.replace(fresh.clone());
        tracing::info!(version = %fresh.version(), nations = fresh.nations().len(), "policies reloaded");
        Ok(fresh)
    }
}

/// The route table: every path of the v1 contract, each answering 405 to other methods.
///
/// Paths are tried in this order, and a path with a `{segment}` is a regular expression run on
/// the request's path: what dashboards poll many times a second comes first (in the storm
/// profile the expressions of the notification paths before `/v1/board` took a twelfth of the
/// HTTP workers). No two paths here match the same request, so the order changes no answer.
pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(resource("/healthz").route(web::get().to(ops::healthz)))
        .service(resource("/v1/board").route(web::get().to(board::board)))
        .service(resource("/v1/changes").route(web::get().to(changes::changes)))
        .service(resource("/v1/board/lanes").route(web::get().to(lanes::lanes)))
        .service(resource("/v1/queue").route(web::get().to(queue::queue)))
        .service(resource("/readyz").route(web::get().to(ops::readyz)))
        .service(resource("/openapi.yaml").route(web::get().to(spec::openapi)))
        .service(resource("/v1/auth/token").route(web::post().to(session::token)))
        .service(resource("/v1/me").route(web::get().to(session::me)))
        .service(resource("/v1/me/language").route(web::put().to(session::set_language)))
        .service(
            resource("/v1/notifications")
                .route(web::post().to(notifications::submit))
                .route(web::get().to(notifications::list)),
        )
        .service(
            resource("/v1/notifications/{id}")
                .route(web::get().to(notifications::get))
                .route(web::put().to(notifications::amend)),
        )
        .service(
            resource("/v1/notifications/{id}/withdraw")
                .route(web::post().to(notifications::withdraw)),
        )
        .service(
            resource("/v1/notifications/{id}/events").route(web::get().to(notifications::events)),
        )
        .service(
            resource("/v1/notifications/{id}/versions")
                .route(web::get().to(notifications::versions)),
        )
        .service(
            resource("/v1/notifications/{id}/nations/{nation}/stages/{key}/decision")
                .route(web::post().to(notifications::decide)),
        )
        .service(
            resource("/v1/notifications/{id}/nations/{nation}/waiver")
                .route(web::post().to(notifications::waive)),
        )
        .service(
            resource("/v1/notifications/{id}/escalations/{escalation_id}/acknowledge")
                .route(web::post().to(notifications::acknowledge)),
        )
        // issue 14: signed permit bundles
        .service(resource("/v1/notifications/{id}/permit").route(web::get().to(permits::get)))
        .service(
            resource("/v1/notifications/{id}/permit/document")
                .route(web::get().to(permits::document)),
        )
        .service(resource("/v1/permits/keys").route(web::get().to(permits::keys)))
        .service(resource("/.well-known/jwks.json").route(web::get().to(permits::keys)))
        .service(resource("/v1/permits/revocations").route(web::get().to(permits::revocations)))
        .service(resource("/v1/admin/clock").route(web::post().to(ops::set_clock)))
        .service(resource("/v1/evaluate").route(web::post().to(policies::evaluate)))
        .service(resource("/v1/dangerous-goods").route(web::get().to(policies::dangerous_goods)))
        // issue 16: a unit's saved vehicle types and templates (the planner's form)
        .service(
            resource("/v1/units/{nation}/{unit}/vehicle-types")
                .route(web::get().to(units::list_vehicle_types)),
        )
        .service(
            resource("/v1/units/{nation}/{unit}/vehicle-types/{name}")
                .route(web::get().to(units::get_vehicle_type))
                .route(web::put().to(units::put_vehicle_type))
                .route(web::delete().to(units::delete_vehicle_type)),
        )
        .service(
            resource("/v1/units/{nation}/{unit}/templates")
                .route(web::get().to(units::list_templates)),
        )
        .service(
            resource("/v1/units/{nation}/{unit}/templates/{name}")
                .route(web::get().to(units::get_template))
                .route(web::put().to(units::put_template))
                .route(web::delete().to(units::delete_template)),
        )
        .service(resource("/v1/policies").route(web::get().to(policies::list)))
        .service(resource("/v1/policies/{nation}").route(web::get().to(policies::one)))
        .service(resource("/v1/admin/policies/reload").route(web::post().to(policies::reload)))
        .service(resource("/v1/standing").route(web::get().to(standing::list)))
        .service(resource("/v1/standing/{id}/holders").route(web::post().to(standing::holders)))
        .service(resource("/v1/standing/{id}/suspend").route(web::post().to(standing::suspend)))
        .service(resource("/v1/standing/{id}/resume").route(web::post().to(standing::resume)))
        .service(resource("/v1/standing/{id}/revoke").route(web::post().to(standing::revoke)))
        .service(resource("/metrics").route(web::get().to(metrics::metrics)))
        .service(resource("/dashboard").route(web::get().to(dashboard::to_index)))
        .service(resource("/dashboard/").route(web::get().to(dashboard::index)))
        .service(resource("/dashboard/{asset:.+}").route(web::get().to(dashboard::asset)));
}

fn resource(path: &str) -> actix_web::Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

async fn method_not_allowed(req: HttpRequest) -> HttpResponse {
    ApiError::MethodNotAllowed(msg!(
        "problem-method-not-allowed",
        method = req.method().as_str(),
        path = req.path()
    ))
    .error_response()
}

async fn not_found(req: HttpRequest) -> HttpResponse {
    ApiError::NotFound(msg!(
        "problem-no-route",
        method = req.method().as_str(),
        path = req.path()
    ))
    .error_response()
}

/// Turns any error response that is not already problem+json (from actix itself, say) into one.
fn problem_for_plain_errors<B: MessageBody + 'static>(
    res: ServiceResponse<B>,
) -> actix_web::Result<ErrorHandlerResponse<B>> {
    let is_problem = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with(PROBLEM_JSON));
    if is_problem {
        return Ok(ErrorHandlerResponse::Response(res.map_into_left_body()));
    }
    let status = res.status();
    let (req, _) = res.into_parts();
    let problem = serde_json::json!({
        "type": format!("urn:corridor:problem:http-{}", status.as_u16()),
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": status.canonical_reason().unwrap_or("the request failed"),
    });
    let new = HttpResponse::build(status)
        .insert_header((header::CONTENT_TYPE, PROBLEM_JSON))
        .body(problem.to_string());
    Ok(ErrorHandlerResponse::Response(
        ServiceResponse::new(req, new).map_into_right_body::<B>(),
    ))
}

/// Serves HTTP on `listener` until SIGTERM or SIGINT, finishing requests in flight, holding
/// connections, heads, bodies and idle time to `caps` and the settings' limits.
pub async fn serve(
    state: web::Data<AppState>,
    listener: TcpListener,
    caps: Caps,
) -> std::io::Result<()> {
    let workers = state.settings.workers.max(1);
    let limits = state.settings.limits.clone();
    let table = Arc::new(connections::ConnectionTable::behind(
        caps,
        state.settings.trusted_proxies.clone(),
    ));
    let counted = table.clone();
    let table = web::Data::from(table);
    HttpServer::new(move || {
        App::new()
            .app_data(state.clone())
            .app_data(table.clone())
            .app_data(web::PathConfig::default().error_handler(|e, _| {
                ApiError::Malformed(msg!("problem-bad-path", error = e.to_string()), None).into()
            }))
            .app_data(web::QueryConfig::default().error_handler(|e, _| {
                ApiError::Malformed(msg!("problem-bad-query", error = e.to_string()), None).into()
            }))
            .wrap(ErrorHandlers::new().default_handler(problem_for_plain_errors))
            .wrap_fn(|req, srv| {
                // The request id on every log line of a request, returned so a user's report
                // can be matched to the server's log.
                let id = req
                    .extensions()
                    .get::<tracing_actix_web::RequestId>()
                    .map(|r| r.to_string());
                // A NUL in a path id or query value is refused by name before any handler (and
                // any database, which cannot store it) sees it.
                let has_nul = |s: &str| s.to_ascii_lowercase().contains("%00");
                let nul_in = if has_nul(req.uri().path()) {
                    Some("path")
                } else if req.uri().query().is_some_and(has_nul) {
                    Some("query")
                } else {
                    None
                };
                let call = nul_in.is_none().then(|| srv.call(req));
                async move {
                    let Some(call) = call else {
                        let field = nul_in.unwrap_or("path");
                        return Err(ApiError::Validation(vec![crate::domain::FieldError::new(
                            field,
                            msg!("problem-field-nul-escaped"),
                        )])
                        .into());
                    };
                    let mut res = call.await?;
                    if let Some(v) = id.and_then(|id| header::HeaderValue::from_str(&id).ok()) {
                        res.headers_mut()
                            .insert(header::HeaderName::from_static("x-request-id"), v);
                    }
                    Ok(res)
                }
            })
            // Outside the handlers and the NUL check: every problem answer in the reader's language.
            .wrap(actix_web::middleware::from_fn(problem::localize))
            .wrap(tracing_actix_web::TracingLogger::default())
            .wrap(actix_web::middleware::from_fn(changes::wake_on_write))
            .wrap(actix_web::middleware::from_fn(connections::bound))
            .wrap(actix_web::middleware::from_fn(metrics::record))
            .configure(routes)
            .default_service(web::to(not_found))
    })
    .on_connect(move |io, data| {
        let peer = io
            .downcast_ref::<actix_web::rt::net::TcpStream>()
            .and_then(|s| s.peer_addr().ok())
            .map(|a| a.ip());
        data.insert(counted.admit(peer));
    })
    .workers(workers)
    // actix counts per worker; the kernel's backlog holds what is beyond.
    .max_connections(caps.accept.div_ceil(workers).max(1))
    .client_request_timeout(std::time::Duration::from_secs(limits.header_timeout_secs))
    .client_disconnect_timeout(std::time::Duration::from_secs(1))
    .keep_alive(match limits.keep_alive_secs {
        0 => actix_web::http::KeepAlive::Disabled,
        n => actix_web::http::KeepAlive::Timeout(std::time::Duration::from_secs(n)),
    })
    .shutdown_timeout(30)
    .listen(listener)?
    .run()
    .await
}
