//! `GET /api/stats?top=`: what the index holds, as `zhsearch stats --json` prints it.

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use serde::Deserialize;

use super::params::{MAX_TOP, Params, number};
use super::{ApiError, on_engine};
use crate::{Engine, Stats};

#[derive(Deserialize)]
pub(crate) struct StatsParams {
    top: Option<String>,
}

pub(crate) async fn stats(
    State(engine): State<Arc<Engine>>,
    Params(params): Params<StatsParams>,
) -> Result<Json<Stats>, ApiError> {
    let top = number("top", params.top.as_deref(), 10, MAX_TOP)?;
    on_engine(&engine, move |engine| Ok(Json(engine.stats(top)?))).await
}
