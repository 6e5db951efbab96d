//! `GET /api/export.csv?q=&sort=`: every hit of a query as CSV, the same file as
//! `zhsearch search --format csv` writes ([`crate::export`]).

use std::sync::Arc;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;

use super::params::{Params, SearchParams};
use super::{ApiError, on_engine};
use crate::Engine;

pub(crate) async fn export_csv(
    State(engine): State<Arc<Engine>>,
    Params(params): Params<SearchParams>,
) -> Result<impl IntoResponse, ApiError> {
    let request = params.all_hits_request()?;
    let csv = on_engine(&engine, move |engine| {
        let results = engine.search(&request)?;
        crate::export::write_csv(Vec::new(), &results.hits).map_err(|e| {
            ApiError::new(axum::http::StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
        })
    })
    .await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"zhsearch.csv\"",
            ),
        ],
        csv,
    ))
}
