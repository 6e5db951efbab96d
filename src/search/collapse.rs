//! Collapsed results: one hit per group of near-duplicates (a report and its reposts).
//!
//! Every match is collected with its sketch and day, the matches are grouped
//! ([`crate::analysis::near_duplicates::group`]), and each group is represented by its
//! best member in the requested order. The page, the total and the facets are then those
//! of the representatives, so every count counts a story once however often it was
//! reposted.

use std::cell::OnceCell;
use std::cmp::Ordering;

use tantivy::query::TermSetQuery;
use tantivy::{DocAddress, Searcher, Term};

use super::Caches;
use super::collector::{AllMatches, FacetCollector, Match};
use super::execute::hit;
use super::query::Compiled;
use super::{HitGroup, SearchRequest, SearchResults, SortOrder};
use crate::Result;
use crate::analysis::near_duplicates;
use crate::index::{Fields, stored_id};

/// Runs `compiled` for `request` with near-duplicates collapsed.
pub(crate) fn execute_collapsed(
    searcher: &Searcher,
    fields: &Fields,
    caches: &Caches,
    compiled: &Compiled,
    request: &SearchRequest,
) -> Result<SearchResults> {
    let statistics = caches.statistics.for_searcher(searcher);
    let mut matches = searcher.search_with_statistics_provider(
        compiled.query.as_ref(),
        &AllMatches,
        &statistics,
    )?;
    // Grouping is the sketches' last use: take them rather than copy them.
    let sketches: Vec<Vec<u32>> = matches
        .iter_mut()
        .map(|m| std::mem::take(&mut m.sketch))
        .collect();
    let days: Vec<Option<i64>> = matches.iter().map(Match::day).collect();
    let group_of = near_duplicates::group(&sketches, &days);
    let groups = group_of.iter().max().map_or(0, |g| *g as usize + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (i, &g) in group_of.iter().enumerate() {
        members[g as usize].push(i);
    }
    // Ids are read only for matches that tie, and once each.
    let ids: Vec<OnceCell<String>> = vec![OnceCell::new(); matches.len()];
    let id = |i: usize| {
        ids[i]
            .get_or_init(|| id_of(searcher, matches[i].address).unwrap_or_default())
            .as_str()
    };
    let order = |a: &usize, b: &usize| {
        before(&matches[*a], &matches[*b], request.sort).then_with(|| id(*a).cmp(id(*b)))
    };
    for group in &mut members {
        group.sort_by(order);
    }
    members.sort_by(|a, b| order(&a[0], &b[0]));

    let facets = match request.facets {
        Some(top) => {
            let ids = members
                .iter()
                .map(|group| id_of(searcher, matches[group[0]].address))
                .collect::<Result<Vec<_>>>()?;
            let representatives =
                TermSetQuery::new(ids.iter().map(|id| Term::from_field_text(fields.id, id)));
            let collector = FacetCollector::new(&*caches.ordinals.for_searcher(searcher)?, top);
            Some(searcher.search(&representatives, &collector)?)
        }
        None => None,
    };
    let mut hits = Vec::new();
    for group in members.iter().skip(request.offset).take(request.limit) {
        let best = &matches[group[0]];
        let mut found = hit(searcher, fields, compiled, best.score, best.address)?;
        let mut others = group[1..]
            .iter()
            .map(|&i| id_of(searcher, matches[i].address))
            .collect::<Result<Vec<_>>>()?;
        others.sort();
        let mut ids = vec![found.id.clone()];
        ids.extend(others);
        found.group = Some(HitGroup {
            size: group.len(),
            members: ids,
        });
        hits.push(found);
    }
    Ok(SearchResults {
        total: members.len(),
        hits,
        facets,
        expansions: compiled.expansions.clone(),
        relaxation: None,
        suggestions: Vec::new(),
    })
}

/// The order of hits: best first, or newest first (undated last, then best first); the
/// caller breaks ties by id, as uncollapsed results do, so that a group's representative
/// depends neither on the order of collection nor on how documents fell into segments
/// or shards.
fn before(a: &Match, b: &Match, sort: SortOrder) -> Ordering {
    let by_score = b.score.total_cmp(&a.score);
    match sort {
        SortOrder::Relevance => by_score,
        SortOrder::Date => b
            .date
            .unwrap_or(i64::MIN)
            .cmp(&a.date.unwrap_or(i64::MIN))
            .then(by_score),
    }
}

/// The id of the document at `address`.
fn id_of(searcher: &Searcher, address: DocAddress) -> Result<String> {
    stored_id(searcher.segment_reader(address.segment_ord), address.doc_id)
}
