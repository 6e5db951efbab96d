//! `GET /api/documents/{id}?q=`: one stored document, as `zhsearch show --json` prints it;
//! with `q`, also its title and body with the query's matches marked (`highlight`).
//!
//! An id is only ever looked up in the index, never used as a path, so ids holding `/`
//! (URLs are ids when an input states no other) or `..` are safe: they are found or not.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use serde::{Deserialize, Serialize};

use super::params::Params;
use super::{ApiError, on_engine};
use crate::{Document, Engine, Snippet};

/// Longer ids are refused unread.
const MAX_ID_BYTES: usize = 2048;

#[derive(Deserialize)]
pub(crate) struct DocumentParams {
    q: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct DocumentResponse {
    #[serde(flatten)]
    document: Document,
    #[serde(skip_serializing_if = "Option::is_none")]
    highlight: Option<Highlight>,
}

/// The title and the whole body, matches in `<b>` as in hits' snippets.
#[derive(Serialize)]
struct Highlight {
    title: Snippet,
    body: Snippet,
}

/// The page of one document (`/doc/{id}`): the search page, whose script shows the
/// document, with status 404 when the index holds no such id, so that a link checker or
/// a script sees what a reader sees.
pub(crate) async fn document_page(
    State(engine): State<Arc<Engine>>,
    Path(id): Path<String>,
) -> axum::response::Response {
    let known = id.len() <= MAX_ID_BYTES
        && on_engine(&engine, move |engine| Ok(engine.document(&id)?.is_some()))
            .await
            .unwrap_or(true);
    let status = if known {
        StatusCode::OK
    } else {
        StatusCode::NOT_FOUND
    };
    (status, super::assets::page().await).into_response()
}

pub(crate) async fn document(
    State(engine): State<Arc<Engine>>,
    Path(id): Path<String>,
    Params(params): Params<DocumentParams>,
) -> Result<Json<DocumentResponse>, ApiError> {
    if id.len() > MAX_ID_BYTES {
        return Err(ApiError::bad_request(format!(
            "an id has at most {MAX_ID_BYTES} bytes"
        )));
    }
    let query = params.q.filter(|q| !q.trim().is_empty());
    on_engine(&engine, move |engine| {
        let document = engine.document(&id)?.ok_or_else(|| {
            ApiError::new(StatusCode::NOT_FOUND, format!("no document with id `{id}`"))
        })?;
        let highlight = match query {
            Some(query) => Some(Highlight {
                title: engine.highlight(&query, &document.title)?,
                body: engine.highlight(&query, &document.body)?,
            }),
            None => None,
        };
        Ok(Json(DocumentResponse {
            document,
            highlight,
        }))
    })
    .await
}
