//! Block counting: a segment collector gathers matching documents into blocks and
//! counts each block at once, so that tantivy's batch reads of fast fields decode a block
//! of values without a dynamic call for each.

use tantivy::DocId;

/// How many matching documents a segment collector gathers before it reads their values:
/// tantivy's batch reads then decode a block of values without a dynamic call for each.
pub(super) const BLOCK: usize = 256;

/// A segment collector that counts matching documents a block at a time.
pub(super) trait BlockCounter {
    /// The matching documents not counted yet.
    fn pending(&mut self) -> &mut Vec<DocId>;

    /// Counts `docs`, in increasing order.
    fn count_block(&mut self, docs: &[DocId]);

    /// Adds a matching document, counting the block once it is full.
    fn push(&mut self, doc: DocId) {
        self.pending().push(doc);
        if self.pending().len() == BLOCK {
            self.flush();
        }
    }

    /// Counts the documents not counted yet.
    fn flush(&mut self) {
        let pending = std::mem::take(self.pending());
        self.count_block(&pending);
        *self.pending() = pending;
        self.pending().clear();
    }
}
