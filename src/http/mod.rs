//! The HTTP layer (feature `serve`): a JSON API and a search page over one open [`Engine`].
//!
//! Input: an [`Engine`] shared by every request (searches clone its cheap searcher) and the
//! query strings of GET requests. Output: JSON (hits serialised exactly as by
//! `zhsearch search --json`), CSV (from [`crate::export`]), and the page's assets, embedded
//! in the binary. One file per resource: `search.rs` (`/api/search`), `documents.rs`
//! (`/api/documents/{id}`), `export.rs` (`/api/export.csv`), `stats.rs` (`/api/stats`),
//! `assets.rs` (the page, `/` and `/doc/{id}`); `params.rs` reads query strings. Each handler parses its parameters into the library's request type, runs the
//! library on the blocking pool, and maps the library's [`Error`] to a status here, in
//! `ApiError`. The server keeps no state between requests: the URL alone makes a view.
//!
//! Every response carries a Content-Security-Policy that lets the page run only its own
//! script and style ([`CONTENT_SECURITY_POLICY`]). There are no write endpoints.
//!
//! ```no_run
//! #[tokio::main]
//! async fn main() -> std::io::Result<()> {
//!     let engine = std::sync::Arc::new(zhsearch::Engine::open("index").expect("an index"));
//!     let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await?;
//!     zhsearch::http::serve(listener, engine, std::future::pending()).await
//! }
//! ```

mod assets;
mod documents;
mod export;
mod params;
mod search;
mod stats;

use std::future::Future;
use std::sync::Arc;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;

use crate::{Engine, Error};

/// The policy sent with every response: the page's own script, style and API, nothing
/// inline, nothing from elsewhere, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The routes of the API and the page, over `engine`, for mounting in an axum app.
pub fn router(engine: Arc<Engine>) -> Router {
    Router::new()
        .route("/api/search", get(search::search))
        .route("/api/documents/{id}", get(documents::document))
        .route("/api/export.csv", get(export::export_csv))
        .route("/api/stats", get(stats::stats))
        .route("/", get(assets::page))
        .route("/doc/{id}", get(documents::document_page))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/style.css", get(assets::style))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn(security_headers))
        .with_state(engine)
}

/// Serves [`router`] on `listener` until `shutdown` completes, then finishes the requests
/// under way.
pub async fn serve(
    listener: tokio::net::TcpListener,
    engine: Arc<Engine>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(engine))
        .with_graceful_shutdown(shutdown)
        .await
}

/// Adds the security headers to every response.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let fixed = [
        (
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ),
        (
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ),
        (
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ),
        (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            HeaderValue::from_static("same-origin"),
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, value);
    }
    response
}

async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such page or endpoint")
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "only GET is served: this server changes nothing",
    )
}

/// A failed request: a status and `{"error": message}`.
#[derive(Debug)]
pub(crate) struct ApiError {
    status: StatusCode,
    message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: &'a str,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }
}

/// The one place where library errors become statuses: a bad query is the client's
/// fault, anything else the server's.
impl From<Error> for ApiError {
    fn from(error: Error) -> ApiError {
        let status = match error {
            Error::Query { .. } => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            log::warn!("request failed: {error}");
        }
        ApiError::new(status, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: &self.message,
        };
        (self.status, axum::Json(body)).into_response()
    }
}

/// Runs `work` on the engine on tokio's blocking pool: searches are CPU-bound and would
/// stall the threads that accept connections.
pub(crate) async fn on_engine<T, F>(engine: &Arc<Engine>, work: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Engine) -> Result<T, ApiError> + Send + 'static,
{
    let engine = Arc::clone(engine);
    tokio::task::spawn_blocking(move || work(&engine))
        .await
        .map_err(|e| {
            log::warn!("request worker failed: {e}");
            ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "the request failed")
        })?
}
