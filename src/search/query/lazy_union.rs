//! A lazy union: documents matching any of its queries, evaluated only at the documents
//! an enclosing intersection asks about.
//!
//! An unquoted word matches its jieba word *or* its exact characters (a phrase over the
//! bigram fields). tantivy's `BooleanQuery` unions score every document of a window of
//! 4,096 ids even when an intersection only asks about a few of them, so inside
//! `习近平 会见` the phrase `习近平` was checked on every document holding its bigrams.
//! [`LazyUnionQuery`] is lazy: it seeks each part to the asked document and no further,
//! so positions are read only where the other words already match. Scores are the same
//! sum, in the same order, as a `BooleanQuery` of `Should` clauses gives.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SegmentReader, TERMINATED, TantivyError, Term};

/// Documents matching any of the queries; the score is the sum of the matching ones'.
/// Lazy: a part is advanced only to the document asked for, so inside an intersection it
/// costs work only where the other parts match (walked on its own, a `BooleanQuery` of
/// `Should` clauses is faster).
#[derive(Debug)]
pub(crate) struct LazyUnionQuery {
    queries: Vec<Box<dyn Query>>,
}

impl Clone for LazyUnionQuery {
    fn clone(&self) -> LazyUnionQuery {
        LazyUnionQuery::new(self.queries.iter().map(|q| q.box_clone()).collect())
    }
}

impl LazyUnionQuery {
    pub(crate) fn new(queries: Vec<Box<dyn Query>>) -> LazyUnionQuery {
        LazyUnionQuery { queries }
    }
}

impl Query for LazyUnionQuery {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = self
            .queries
            .iter()
            .map(|query| query.weight(enable_scoring))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for query in &self.queries {
            query.query_terms(visitor);
        }
    }
}

struct LazyUnionWeight {
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for LazyUnionWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let scorers = self
            .weights
            .iter()
            .map(|weight| weight.scorer(reader, boost))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Box::new(LazyUnionScorer::new(scorers)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #({doc}) does not match"
            )));
        }
        let mut explanation = Explanation::new("sum of the matching alternatives", scorer.score());
        for weight in &self.weights {
            if let Ok(part) = weight.explain(reader, doc) {
                explanation.add_detail(part);
            }
        }
        Ok(explanation)
    }
}

struct LazyUnionScorer {
    scorers: Vec<Box<dyn Scorer>>,
    doc: DocId,
}

impl LazyUnionScorer {
    fn new(scorers: Vec<Box<dyn Scorer>>) -> LazyUnionScorer {
        let doc = scorers.iter().map(|s| s.doc()).min().unwrap_or(TERMINATED);
        LazyUnionScorer { scorers, doc }
    }
}

impl DocSet for LazyUnionScorer {
    fn advance(&mut self) -> DocId {
        let mut next = TERMINATED;
        for scorer in &mut self.scorers {
            let doc = if scorer.doc() == self.doc {
                scorer.advance()
            } else {
                scorer.doc()
            };
            next = next.min(doc);
        }
        self.doc = next;
        next
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        let mut next = TERMINATED;
        for scorer in &mut self.scorers {
            let doc = if scorer.doc() < target {
                scorer.seek(target)
            } else {
                scorer.doc()
            };
            next = next.min(doc);
        }
        self.doc = next;
        next
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.scorers
            .iter()
            .map(|s| s.size_hint())
            .max()
            .unwrap_or(0)
    }

    fn cost(&self) -> u64 {
        self.scorers.iter().map(|s| s.cost()).sum()
    }
}

impl Scorer for LazyUnionScorer {
    fn score(&mut self) -> Score {
        let doc = self.doc;
        let mut sum = 0.0;
        for scorer in &mut self.scorers {
            if scorer.doc() == doc {
                sum += scorer.score();
            }
        }
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{BooleanQuery, Occur, TermQuery};
    use tantivy::schema::{IndexRecordOption, STRING, Schema};
    use tantivy::{Index, TantivyDocument, doc};

    #[test]
    fn matches_and_scores_as_a_boolean_union() {
        let mut schema = Schema::builder();
        let word = schema.add_text_field("word", STRING);
        let index = Index::create_in_ram(schema.build());
        let mut writer = index.writer(crate::index::MIN_MEMORY_PER_THREAD).unwrap();
        for i in 0..3000u32 {
            let mut document = TantivyDocument::default();
            for (modulus, value) in [(3, "a"), (7, "b"), (11, "c")] {
                for _ in 0..i % modulus {
                    document.add_text(word, value);
                }
            }
            document.add_text(word, "x");
            writer.add_document(document).unwrap();
        }
        writer.add_document(doc!(word => "z")).unwrap();
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let term = |value: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(word, value),
                IndexRecordOption::WithFreqs,
            ))
        };
        let lazy = LazyUnionQuery::new(vec![term("a"), term("b")]);
        let boolean =
            BooleanQuery::new(vec![(Occur::Should, term("a")), (Occur::Should, term("b"))]);
        let top = || TopDocs::with_limit(50).order_by_score();
        let ours = searcher.search(&lazy, &(Count, top())).unwrap();
        let theirs = searcher.search(&boolean, &(Count, top())).unwrap();
        assert_eq!(ours, theirs);
        assert!(ours.0 > 0);
        // Inside an intersection, where it is asked about documents rather than walked.
        let and =
            |q: Box<dyn Query>| BooleanQuery::new(vec![(Occur::Must, term("c")), (Occur::Must, q)]);
        let ours = searcher
            .search(&and(Box::new(lazy)), &(Count, top()))
            .unwrap();
        let theirs = searcher
            .search(&and(Box::new(boolean)), &(Count, top()))
            .unwrap();
        assert_eq!(ours, theirs);
        assert!(ours.0 > 0);
    }
}
