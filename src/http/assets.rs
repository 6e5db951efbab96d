//! The search page: one HTML file for `/` and `/doc/{id}`, its script and its style,
//! embedded at build time (no CDN, no build step, works offline).

use axum::http::header;
use axum::response::IntoResponse;

const PAGE: &str = include_str!("assets/page.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/style.css");

/// The page; its script reads the URL and asks the API.
pub(crate) async fn page() -> impl IntoResponse {
    asset("text/html; charset=utf-8", PAGE)
}

pub(crate) async fn script() -> impl IntoResponse {
    asset("text/javascript; charset=utf-8", SCRIPT)
}

pub(crate) async fn style() -> impl IntoResponse {
    asset("text/css; charset=utf-8", STYLE)
}

fn asset(content_type: &'static str, body: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            // Assets change with the binary: always revalidate.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
}
