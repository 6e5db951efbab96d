//! `GET /api/search?q=&limit=&offset=&sort=&facets=true`: a page of hits, as the CLI gives
//! them, with the request's paging and, if asked, the facets of all matching documents.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde::Serialize;

use super::params::{Params, SearchParams};
use super::{ApiError, on_engine};
use crate::{Engine, SearchResults, SortOrder};

/// The answer: the request as understood, then `total`, `hits` and `facets` serialised
/// by the library's own [`SearchResults`], as `zhsearch search --json` prints them.
#[derive(Serialize)]
pub(crate) struct SearchResponse {
    query: String,
    limit: usize,
    offset: usize,
    sort: &'static str,
    #[serde(flatten)]
    results: SearchResults,
}

pub(crate) async fn search(
    State(engine): State<Arc<Engine>>,
    Params(params): Params<SearchParams>,
) -> Result<Json<SearchResponse>, ApiError> {
    let request = params.page_request()?;
    on_engine(&engine, move |engine| {
        let results = engine.search(&request)?;
        Ok(Json(SearchResponse {
            limit: request.limit,
            offset: request.offset,
            sort: match request.sort {
                SortOrder::Relevance => "relevance",
                SortOrder::Date => "date",
            },
            query: request.query,
            results,
        }))
    })
    .await
}
