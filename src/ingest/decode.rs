//! Bytes to text: BOM, then a declared HTML charset checked against the bytes, then UTF-8,
//! then a statistical guess; text that decodes with errors is refused, never indexed as
//! mojibake.

use encoding_rs::{Encoding, UTF_8};

/// Decodes a file's bytes; `html` turns on `<meta charset>` sniffing. The error says why
/// the bytes were refused.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, String> {
    if bytes.is_empty() {
        return Err("empty file".into());
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return decode_strict(encoding, &bytes[bom_len..]);
    }
    if bytes.contains(&0) {
        return Err("binary file (contains NUL bytes)".into());
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok(text.to_string());
    }
    if html
        && let Some(encoding) = declared_charset(bytes)
        && encoding != UTF_8
        && let Ok(text) = decode_strict(encoding, bytes)
    {
        return Ok(text);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    decode_strict(guess, bytes)
}

fn decode_strict(encoding: &'static Encoding, bytes: &[u8]) -> Result<String, String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        Err(format!(
            "cannot decode as {} (invalid byte sequences)",
            encoding.name()
        ))
    } else {
        Ok(text.into_owned())
    }
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

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("二十大".as_bytes(), false).unwrap(), "二十大");
        assert_eq!(decode(b"\xEF\xBB\xBFok", false).unwrap(), "ok");
    }

    #[test]
    fn gbk_page_with_declared_charset() {
        let (bytes, _, _) = encoding_rs::GBK.encode("<meta charset=\"gbk\"><p>学习二十大精神</p>");
        assert!(decode(&bytes, true).unwrap().contains("学习二十大精神"));
    }

    #[test]
    fn gb18030_text_without_declaration_is_detected() {
        let text =
            "市科协召开党组扩大会议传达学习市委十二届二次全会精神，会议指出，要认真学习领会。";
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        assert_eq!(decode(&bytes, false).unwrap(), text);
    }

    #[test]
    fn empty_and_binary_files_are_refused() {
        assert_eq!(decode(b"", false).unwrap_err(), "empty file");
        assert!(
            decode(b"PK\x03\x04\0\0", false)
                .unwrap_err()
                .starts_with("binary file")
        );
    }
}
