//! The HTTP ceiling: an actix-web hello-world endpoint with the same worker count as Corridor.
//!
//! `CORRIDOR_BIND` (default `127.0.0.1:0`) and `CORRIDOR_WORKERS` (default 2) as for Corridor;
//! the first stdout line is `hello listening on http://ADDR`.

use actix_web::{web, App, HttpResponse, HttpServer};

#[actix_web::main]
async fn main() -> std::io::Result<()> {
    let bind = std::env::var("CORRIDOR_BIND").unwrap_or_else(|_| "127.0.0.1:0".into());
    let workers: usize = std::env::var("CORRIDOR_WORKERS")
        .ok()
        .and_then(|w| w.parse().ok())
        .unwrap_or(2);
    let listener = std::net::TcpListener::bind(&bind)?;
    println!("hello listening on http://{}", listener.local_addr()?);
    HttpServer::new(|| {
        App::new().route(
            "/",
            web::get().to(|| async {
                HttpResponse::Ok()
                    .content_type("application/json")
                    .body(r#"{"hello":"world"}"#)
            }),
        )
    })
    .workers(workers)
    .listen(listener)?
    .run()
    .await
}
