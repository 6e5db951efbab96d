//! Query-string parameters, read as text and checked here so that every bad value gets a
//! JSON error that names it (axum's own rejections are plain text).

use axum::extract::FromRequestParts;
use axum::extract::Query;
use axum::http::request::Parts;
use serde::Deserialize;
use serde::de::DeserializeOwned;

use super::ApiError;
use crate::{SearchRequest, SortOrder};

/// The most hits one page of `/api/search` returns.
pub(crate) const MAX_LIMIT: usize = 1000;
/// The most values a facet or a stats list returns.
pub(crate) const MAX_TOP: usize = 100;
/// Hits a page returns when the request does not say.
const DEFAULT_LIMIT: usize = 20;
/// Departments and persons the facets list when the request does not say.
const DEFAULT_FACET_TOP: usize = 15;

/// `Query<T>` whose rejection (a malformed query string) is an [`ApiError`].
pub(crate) struct Params<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Params(value)),
            Err(rejection) => Err(ApiError::bad_request(rejection.body_text())),
        }
    }
}

/// The parameters of a search, as sent.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SearchParams {
    q: Option<String>,
    limit: Option<String>,
    offset: Option<String>,
    sort: Option<String>,
    facets: Option<String>,
    facet_top: Option<String>,
}

impl SearchParams {
    /// The library's request for a page of hits (with facets if asked).
    pub(crate) fn page_request(&self) -> Result<SearchRequest, ApiError> {
        let limit = number("limit", self.limit.as_deref(), DEFAULT_LIMIT, MAX_LIMIT)?;
        let offset = number("offset", self.offset.as_deref(), 0, usize::MAX)?;
        let mut request = self.base_request()?.limit(limit).offset(offset);
        if flag("facets", self.facets.as_deref())? {
            let top = number(
                "facet_top",
                self.facet_top.as_deref(),
                DEFAULT_FACET_TOP,
                MAX_TOP,
            )?;
            request = request.facets(top);
        }
        Ok(request)
    }

    /// The library's request for every hit, in order (for exports).
    pub(crate) fn all_hits_request(&self) -> Result<SearchRequest, ApiError> {
        Ok(self.base_request()?.limit(usize::MAX))
    }

    fn base_request(&self) -> Result<SearchRequest, ApiError> {
        let query = self.q.as_deref().unwrap_or("");
        let sort = match self.sort.as_deref() {
            None | Some("") | Some("relevance") => SortOrder::Relevance,
            Some("date") => SortOrder::Date,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "sort must be `relevance` or `date`, not `{other}`"
                )));
            }
        };
        Ok(SearchRequest::new(query).sort(sort))
    }
}

/// A count parameter: absent or empty means `default`; otherwise a whole number up to `max`.
pub(crate) fn number(
    name: &str,
    value: Option<&str>,
    default: usize,
    max: usize,
) -> Result<usize, ApiError> {
    let value = match value.map(str::trim) {
        None | Some("") => return Ok(default),
        Some(value) => value,
    };
    match value.parse::<usize>() {
        Ok(n) if n <= max => Ok(n),
        Ok(_) => Err(ApiError::bad_request(format!(
            "{name} must be at most {max}, not {value}"
        ))),
        Err(_) if value.starts_with('-') => Err(ApiError::bad_request(format!(
            "{name} must not be negative: {value}"
        ))),
        Err(_) if value.bytes().all(|b| b.is_ascii_digit()) => Err(ApiError::bad_request(format!(
            "{name} must be at most {max}, not {value}"
        ))),
        Err(_) => Err(ApiError::bad_request(format!(
            "{name} must be a whole number, not `{value}`"
        ))),
    }
}

/// A yes/no parameter: `true`/`1` or `false`/`0`; absent is no.
fn flag(name: &str, value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("") | Some("false") | Some("0") => Ok(false),
        Some("true") | Some("1") => Ok(true),
        Some(other) => Err(ApiError::bad_request(format!(
            "{name} must be `true` or `false`, not `{other}`"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<usize, ApiError>) -> String {
        result.unwrap_err().message
    }

    #[test]
    fn numbers_default_and_stay_in_range() {
        assert_eq!(number("limit", None, 20, 1000).unwrap(), 20);
        assert_eq!(number("limit", Some(""), 20, 1000).unwrap(), 20);
        assert_eq!(number("limit", Some("1000"), 20, 1000).unwrap(), 1000);
        assert_eq!(
            message(number("limit", Some("1001"), 20, 1000)),
            "limit must be at most 1000, not 1001"
        );
        assert_eq!(
            message(number("limit", Some("99999999999999999999999"), 20, 1000)),
            "limit must be at most 1000, not 99999999999999999999999"
        );
        assert_eq!(
            message(number("limit", Some("-5"), 20, 1000)),
            "limit must not be negative: -5"
        );
        assert_eq!(
            message(number("offset", Some("1e3"), 0, usize::MAX)),
            "offset must be a whole number, not `1e3`"
        );
    }

    #[test]
    fn sort_and_facets_take_only_known_values() {
        let params = |sort: &str, facets: &str| SearchParams {
            q: Some("x".into()),
            sort: Some(sort.into()),
            facets: Some(facets.into()),
            ..Default::default()
        };
        let request = params("date", "true").page_request().unwrap();
        assert_eq!(request.sort, SortOrder::Date);
        assert_eq!(request.facets, Some(DEFAULT_FACET_TOP));
        assert!(params("size", "").page_request().is_err());
        assert!(params("", "yes").page_request().is_err());
        assert_eq!(params("", "").all_hits_request().unwrap().limit, usize::MAX);
    }
}
