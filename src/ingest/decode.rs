//! Bytes to text: a byte-order mark, else UTF-8, else the page's declared charset and the
//! encoding its content suggests, each checked against the bytes. Text that decodes with
//! errors, or decodes to implausible Chinese, is refused: never indexed as mojibake.

use std::sync::LazyLock;

use encoding_rs::{BIG5, Encoding, GB18030, GBK, UTF_8};

use crate::Problem;
use crate::text::chars::is_han;

/// Share of Han characters that must be common ones for a legacy-encoded text to be
/// believed. Real text, simplified or traditional, sits near 1.0; bytes decoded with the
/// wrong double-byte table, or noise, land far below (GBK read as Big5 or the reverse
/// yields rare characters for about half the pairs).
const MIN_COMMON_HAN: f64 = 0.8;

/// Share of non-ASCII characters allowed in text decoded with a single-byte encoding: a
/// European page has a few accents, Chinese read as Latin-1 is all high bytes.
const MAX_SINGLE_BYTE_NON_ASCII: f64 = 0.2;

/// Decodes a file's bytes; `html` turns on `<meta charset>` sniffing. The error says why
/// the bytes were refused.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, (Problem, String)> {
    if bytes.is_empty() {
        return Err((Problem::Empty, "empty file".into()));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_len..]).map_err(|e| (Problem::Encoding, e));
    }
    if bytes.contains(&0) {
        return Err((Problem::Binary, "binary file (contains NUL bytes)".into()));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_string()),
        // Cut short inside the last character (a crawl that broke off): keep the rest.
        Err(e) if e.error_len().is_none() && e.valid_up_to() > 0 => {
            return Ok(String::from_utf8_lossy(&bytes[..e.valid_up_to()]).into_owned());
        }
        Err(_) => {}
    }
    let declared = if html { declared_charset(bytes) } else { None };
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    // Not "last": a file cut inside its last character should still count as GBK or Big5.
    detector.feed(bytes, false);
    let guessed = detector.guess(None, chardetng::Utf8Detection::Deny);
    // The content's evidence first: pages that declare one charset and are written in
    // another exist. The declaration still decides when the guess does not hold up.
    let mut candidates = vec![guessed];
    if let Some(declared) = declared.filter(|d| *d != UTF_8 && *d != guessed) {
        candidates.push(declared);
    }
    let mut refusals = Vec::new();
    for encoding in candidates {
        match decode_strict(encoding, bytes).and_then(|text| plausible(encoding, text)) {
            Ok(text) => return Ok(text),
            Err(why) => refusals.push(why),
        }
    }
    Err((
        Problem::Encoding,
        format!("cannot decode with confidence: {}", refusals.join("; ")),
    ))
}

/// Decodes without replacing anything, but forgives a last character cut in half.
fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if !had_errors {
        return Ok(text.into_owned());
    }
    let cut = bytes
        .len()
        .saturating_sub(if encoding == GB18030 { 3 } else { 1 });
    for end in (cut..bytes.len()).rev() {
        if let (text, false) = encoding.decode_without_bom_handling(&bytes[..end]) {
            return Ok(text.into_owned());
        }
    }
    Err(format!("invalid byte sequences for {}", encoding.name()))
}

/// Checks that text decoded with a legacy encoding reads as text of that kind.
fn plausible(encoding: &'static Encoding, text: String) -> Result<String, String> {
    if encoding.is_single_byte() {
        let (non_ascii, all) = text.chars().fold((0usize, 0usize), |(n, a), c| {
            (n + usize::from(!c.is_ascii()), a + 1)
        });
        if non_ascii as f64 > MAX_SINGLE_BYTE_NON_ASCII * all as f64 {
            return Err(format!(
                "as {} it would be {}% accented letters and symbols",
                encoding.name(),
                non_ascii * 100 / all.max(1)
            ));
        }
        return Ok(text);
    }
    if [GBK, GB18030, BIG5].contains(&encoding) {
        let (common, han) = text
            .chars()
            .filter(|c| is_han(*c))
            .fold((0usize, 0usize), |(k, h), c| {
                (k + usize::from(is_common_han(c)), h + 1)
            });
        if han > 0 && (common as f64) < MIN_COMMON_HAN * han as f64 {
            return Err(format!(
                "as {} only {}% of its Chinese characters would be common ones",
                encoding.name(),
                common * 100 / han
            ));
        }
    }
    Ok(text)
}

/// The common Han characters: GB2312's 6,763 (simplified) and Big5's 5,401 frequently
/// used ones (traditional), read off the encoders' own tables rather than a data file.
static COMMON_HAN: LazyLock<Vec<bool>> = LazyLock::new(|| {
    let mut common = vec![false; 0xA000 - 0x4E00];
    let mut mark = |encoding: &'static Encoding, lead: u8, trail: u8| {
        let pair = [lead, trail];
        let (text, _) = encoding.decode_without_bom_handling(&pair);
        for c in text.chars() {
            if ('\u{4E00}'..='\u{9FFF}').contains(&c) {
                common[c as usize - 0x4E00] = true;
            }
        }
    };
    for lead in 0xB0..=0xF7 {
        for trail in 0xA1..=0xFE {
            mark(GBK, lead, trail);
        }
    }
    for lead in 0xA4..=0xC6 {
        for trail in (0x40..=0x7E).chain(0xA1..=0xFE) {
            mark(BIG5, lead, trail);
        }
    }
    common
});

fn is_common_han(c: char) -> bool {
    let code = c as usize;
    (0x4E00..0xA000).contains(&code) && COMMON_HAN[code - 0x4E00]
}

/// The charset named by a `<meta charset=..>` or `http-equiv` tag in the first 4 KiB.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    const SIMPLIFIED: &str =
        "市科协召开党组扩大会议传达学习市委十二届二次全会精神，会议指出，要认真学习领会。";
    const TRADITIONAL: &str =
        "本會召開理事會議，傳達學習年度工作報告精神。會議指出，要認真總結經驗，加強會員服務。";

    fn encode(encoding: &'static Encoding, text: &str) -> Vec<u8> {
        let (bytes, _, unmappable) = encoding.encode(text);
        assert!(!unmappable, "{} cannot encode {text}", encoding.name());
        bytes.into_owned()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("二十大".as_bytes(), false).unwrap(), "二十大");
        assert_eq!(decode(b"\xEF\xBB\xBFok", false).unwrap(), "ok");
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in SIMPLIFIED.encode_utf16() {
            le.extend(unit.to_le_bytes());
            be.extend(unit.to_be_bytes());
        }
        assert_eq!(decode(&le, false).unwrap(), SIMPLIFIED);
        assert_eq!(decode(&be, true).unwrap(), SIMPLIFIED);
    }

    #[test]
    fn gbk_page_with_declared_charset() {
        let bytes = encode(GBK, "<meta charset=\"gbk\"><p>学习二十大精神</p>");
        assert!(decode(&bytes, true).unwrap().contains("学习二十大精神"));
    }

    #[test]
    fn legacy_texts_without_declaration_are_detected() {
        for (encoding, text) in [
            (GB18030, SIMPLIFIED),
            (GBK, TRADITIONAL),
            (BIG5, TRADITIONAL),
        ] {
            let bytes = encode(encoding, text);
            assert_eq!(decode(&bytes, false).unwrap(), text, "{}", encoding.name());
        }
    }

    #[test]
    fn a_lying_declaration_loses_to_the_bytes() {
        let page = format!("<meta charset=\"big5\"><p>{SIMPLIFIED}</p>");
        assert!(
            decode(&encode(GBK, &page), true)
                .unwrap()
                .contains(SIMPLIFIED)
        );
        let page = format!(
            "<meta http-equiv=content-type content=\"text/html; charset=gb2312\"><p>{TRADITIONAL}</p>"
        );
        assert!(
            decode(&encode(BIG5, &page), true)
                .unwrap()
                .contains(TRADITIONAL)
        );
        let page = format!("<meta charset=\"utf-8\"><p>{SIMPLIFIED}</p>");
        assert!(
            decode(&encode(GB18030, &page), true)
                .unwrap()
                .contains(SIMPLIFIED)
        );
    }

    #[test]
    fn noise_is_refused_not_indexed_as_mojibake() {
        // High bytes that happen to form valid GBK pairs but no sensible text.
        let mut state = 7u32;
        let noise: Vec<u8> = (0..400)
            .map(|_| {
                state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                0x81 + (state >> 16) as u8 % 0x7E
            })
            .collect();
        let (problem, reason) = decode(&noise, false).unwrap_err();
        assert_eq!(problem, Problem::Encoding, "{reason}");
        assert!(
            reason.starts_with("cannot decode with confidence"),
            "{reason}"
        );
    }

    #[test]
    fn a_file_cut_inside_its_last_character_keeps_the_rest() {
        let bytes = SIMPLIFIED.as_bytes();
        let cut = &bytes[..bytes.len() - 2];
        assert_eq!(
            decode(cut, false).unwrap(),
            SIMPLIFIED.strip_suffix('。').unwrap()
        );
        let gbk = encode(GBK, SIMPLIFIED);
        let text = decode(&gbk[..gbk.len() - 1], false)
            .map_err(|e| e.1)
            .unwrap();
        assert_eq!(text, SIMPLIFIED.strip_suffix('。').unwrap());
    }

    #[test]
    fn common_han_covers_both_scripts() {
        assert!(SIMPLIFIED.chars().filter(|c| is_han(*c)).all(is_common_han));
        assert!(
            TRADITIONAL
                .chars()
                .filter(|c| is_han(*c))
                .all(is_common_han)
        );
        assert!(!is_common_han('龘'));
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b"", false).unwrap_err().0, Problem::Empty);
        let (problem, reason) = decode(b"PK\x03\x04\0\0", false).unwrap_err();
        assert_eq!(problem, Problem::Binary);
        assert!(reason.starts_with("binary file"));
    }
}
