//! No input makes the readers or extractors panic: property tests over arbitrary bytes
//! and HTML-, text- and JSON-like strings. (The query parser has its own in `phrases.rs`.)

use std::ops::ControlFlow;
use std::path::Path;

use proptest::prelude::*;
use zhsearch::extract::extract;
use zhsearch::ingest::{InputKind, decode, split};

/// Tags, attributes, entities, dates and Chinese text, in any order and nesting.
const HTML_LIKE: &str = "(<(/?)(html|head|title|meta charset=gbk|body|div class=\"text\"|p|h1|script|style|a href=x|br|!--)>|&(nbsp|amp|#x4e2d|#99999999|);|来源：[南湖市科协]{0,6}|20[0-9]{2}(-|年)[0-9]{1,2}(-|月)[0-9]{1,2}日?|[会议强调指出，。、\n ]{0,20}|[^<]{0,12})*";

/// Lines of plain-text page dumps: menus, title, date and byline lines, paragraphs.
const TEXT_LIKE: &str = "((首页|网站地图|编辑：|来源：|作者：|发布时间：)?[ \t]*(20[0-9]{2}-[0-9]{2}-[0-9]{2} ?[0-9:]{0,8})?[^\n]{0,30}\n{0,3})*";

/// JSON objects with the fields zhsearch reads, well- or ill-typed, plus junk.
const JSON_LIKE: &str = "(\\{(\"(id|title|body|date|url|department|persons|meeting_date)\": ?(\"[^\"\n]{0,10}\"|[0-9]{1,3}|null|\\[\\]|\\[\"[甲乙]\"\\]|\\{\\}),? ?){0,6}\\}?|[^\n]{0,10})\n";

fn read_all(kind: InputKind, bytes: &[u8]) -> usize {
    let mut emitted = 0;
    split(Path::new("fuzz"), kind, bytes, &mut |input| {
        emitted += 1;
        if let Ok(input) = input {
            let _ = extract(&input);
        }
        ControlFlow::Continue(())
    });
    emitted
}

/// Decoded text holds a replacement character only if the bytes spelled one.
fn clean(bytes: &[u8], text: &str) -> bool {
    let spelled = |b: &[u8]| bytes.windows(b.len()).any(|w| w == b);
    !text.contains('\u{FFFD}')
        || spelled("\u{FFFD}".as_bytes())
        || spelled(&[0xFD, 0xFF])
        || spelled(&[0xFF, 0xFD])
        || spelled(&[0x84, 0x31, 0xA4, 0x37])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

    #[test]
    fn decoding_any_bytes_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..3000), html in any::<bool>()) {
        if let Ok(text) = decode(&bytes, html) {
            prop_assert!(clean(&bytes, &text), "replacement characters in {:?}", text);
        }
    }

    #[test]
    fn html_extraction_never_panics(page in HTML_LIKE, junk in any::<String>()) {
        prop_assert_eq!(read_all(InputKind::Html, page.as_bytes()), 1);
        read_all(InputKind::Html, junk.as_bytes());
    }

    #[test]
    fn text_page_extraction_never_panics(page in TEXT_LIKE, junk in any::<String>()) {
        read_all(InputKind::TextPage, page.as_bytes());
        read_all(InputKind::TextPage, junk.as_bytes());
    }

    #[test]
    fn json_lines_give_one_input_or_error_per_nonblank_line(
        lines in proptest::collection::vec(JSON_LIKE, 0..12),
        bytes in proptest::collection::vec(any::<u8>(), 0..500),
    ) {
        let text = lines.concat();
        // A byte-order mark opening the file is not part of its first line.
        let lines_read = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let nonblank = lines_read.lines().filter(|l| !l.trim().is_empty()).count();
        prop_assert_eq!(read_all(InputKind::JsonLines, text.as_bytes()), nonblank);
        read_all(InputKind::JsonLines, &bytes);
    }
}
