//! Reading a Word draft (`.docx`): the paragraphs of `word/document.xml`,
//! each with what its style makes it (title, heading, list item, text), so
//! that `anonymise` can start a Markdown item from the report a CPC
//! already has.
//!
//! Only the document's text is read: deleted text of tracked changes,
//! field codes, comments, headers, footers and footnotes are not (they are
//! other parts of the package or other elements), and nothing is ever
//! written back to the `.docx`.

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

/// Parts of a package larger than this are refused: a real report's
/// `document.xml` is a few MB, and a zip can expand far beyond its size.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// What a paragraph's style makes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Block {
    /// Word's "Title" style.
    Title,
    /// "Heading 1" is 1, and so on (or a paragraph with an outline level).
    Heading(u8),
    /// A numbered or bulleted paragraph.
    ListItem,
    Text,
}

/// One paragraph of the document, in document order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Paragraph {
    /// 1-based, counting every paragraph of the body (empty ones and those
    /// in tables too): where a finding in it is reported.
    pub number: usize,
    pub block: Block,
    /// The text as Word holds it; tabs and line breaks as spaces.
    pub text: String,
}

/// The paragraphs of the `.docx` at `path`.
pub fn read(path: &Path) -> Result<Vec<Paragraph>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    parse(file).map_err(|e| format!("{}: {e}", path.display()))
}

/// The paragraphs of a `.docx` package.
pub fn parse<R: Read + std::io::Seek>(package: R) -> Result<Vec<Paragraph>, String> {
    let mut zip = zip::ZipArchive::new(package)
        .map_err(|e| format!("not a Word document (.docx is a zip package): {e}"))?;
    let styles = match part(&mut zip, "word/styles.xml")? {
        Some(xml) => styles(&xml)?,
        None => HashMap::new(),
    };
    let document = part(&mut zip, "word/document.xml")?
        .ok_or("not a Word document: the package has no word/document.xml")?;
    paragraphs(&document, &styles)
}

fn part<R: Read + std::io::Seek>(
    zip: &mut zip::ZipArchive<R>,
    name: &str,
) -> Result<Option<String>, String> {
    let entry = match zip.by_name(name) {
        Ok(entry) => entry,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(format!("cannot read {name}: {e}")),
    };
    let mut bytes = Vec::new();
    entry
        .take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(format!(
            "{name} is larger than {} MB: not a report clearhouse can read",
            MAX_PART_BYTES / (1024 * 1024)
        ));
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| format!("{name} is not UTF-8 XML"))
}

/// What a style makes a paragraph: from its name ("Title", "heading 2":
/// Word writes English names here whatever the language of its menus) or
/// its outline level.
fn styles(xml: &str) -> Result<HashMap<String, Block>, String> {
    let mut reader = Reader::from_str(xml);
    let mut map = HashMap::new();
    let mut current: Option<(String, Option<Block>)> = None;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) if e.local_name().as_ref() == b"style" => {
                current = attribute(&e, b"styleId").map(|id| (id, None));
            }
            Event::Start(e) | Event::Empty(e) => {
                if let Some((_, block)) = &mut current {
                    match e.local_name().as_ref() {
                        b"name" => {
                            let name = attribute(&e, b"val").unwrap_or_default().to_lowercase();
                            if name == "title" {
                                *block = Some(Block::Title);
                            } else if let Some(level) = name
                                .strip_prefix("heading ")
                                .and_then(|n| n.trim().parse::<u8>().ok())
                            {
                                *block = Some(Block::Heading(level.clamp(1, 9)));
                            }
                        }
                        b"outlineLvl" if block.is_none() => {
                            *block = outline_level(&e);
                        }
                        _ => {}
                    }
                }
            }
            Event::End(e) if e.local_name().as_ref() == b"style" => {
                if let Some((id, Some(block))) = current.take() {
                    map.insert(id, block);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(map)
}

fn outline_level(e: &BytesStart<'_>) -> Option<Block> {
    let level: u8 = attribute(e, b"val")?.parse().ok()?;
    // Level 9 is Word's "body text".
    (level < 9).then_some(Block::Heading(level + 1))
}

/// A paragraph being read.
#[derive(Default)]
struct Open {
    number: usize,
    style: Option<Block>,
    list: bool,
    text: String,
}

fn paragraphs(xml: &str, styles: &HashMap<String, Block>) -> Result<Vec<Paragraph>, String> {
    let mut reader = Reader::from_str(xml);
    let mut done = Vec::new();
    // Paragraphs nest (a text box's paragraphs sit inside a run of
    // another); each is its own paragraph.
    let mut open: Vec<Open> = Vec::new();
    let mut numbered = 0;
    let mut in_text = false;
    let mut in_properties = 0usize;
    loop {
        match reader.read_event().map_err(xml_error)? {
            Event::Start(e) => match e.local_name().as_ref() {
                b"p" => {
                    numbered += 1;
                    open.push(Open {
                        number: numbered,
                        ..Open::default()
                    });
                }
                b"pPr" => in_properties += 1,
                b"t" => in_text = true,
                b"numPr" if in_properties > 0 => {
                    if let Some(p) = open.last_mut() {
                        p.list = true;
                    }
                }
                _ => {}
            },
            Event::Empty(e) => match e.local_name().as_ref() {
                b"p" => numbered += 1,
                b"pStyle" if in_properties > 0 => {
                    if let (Some(p), Some(id)) = (open.last_mut(), attribute(&e, b"val")) {
                        p.style = styles.get(&id).copied().or_else(|| builtin_style(&id));
                    }
                }
                b"outlineLvl" if in_properties > 0 => {
                    if let Some(p) = open.last_mut() {
                        p.style = p.style.or_else(|| outline_level(&e));
                    }
                }
                b"tab" | b"br" | b"cr" if in_properties == 0 => push(&mut open, " "),
                b"noBreakHyphen" => push(&mut open, "-"),
                _ => {}
            },
            Event::Text(t) if in_text => {
                let text = t.decode().map_err(|e| format!("document.xml: {e}"))?;
                push(&mut open, &text);
            }
            Event::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref().map_err(xml_error)? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| format!("document.xml: {e}"))?;
                        quick_xml::escape::resolve_predefined_entity(&name)
                            .unwrap_or_default()
                            .to_string()
                    }
                };
                push(&mut open, &resolved);
            }
            Event::End(e) => match e.local_name().as_ref() {
                b"t" => in_text = false,
                b"pPr" => in_properties = in_properties.saturating_sub(1),
                b"p" => {
                    if let Some(p) = open.pop() {
                        let block = match p.style {
                            Some(block) => block,
                            None if p.list => Block::ListItem,
                            None => Block::Text,
                        };
                        done.push(Paragraph {
                            number: p.number,
                            block,
                            text: p.text,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    done.sort_by_key(|p| p.number);
    Ok(done)
}

/// Word's own style ids, for a package without styles.xml.
fn builtin_style(id: &str) -> Option<Block> {
    if id.eq_ignore_ascii_case("title") {
        return Some(Block::Title);
    }
    let level = id.strip_prefix("Heading")?.parse::<u8>().ok()?;
    Some(Block::Heading(level.clamp(1, 9)))
}

fn push(open: &mut [Open], text: &str) {
    if let Some(p) = open.last_mut() {
        p.text.push_str(text);
    }
}

fn attribute(e: &BytesStart<'_>, local: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

fn xml_error(e: impl std::fmt::Display) -> String {
    format!("document.xml is not well-formed XML: {e}")
}

#[cfg(test)]
pub(crate) mod testing {
    //! Writes small .docx packages, as Word lays them out, for tests.

    use std::io::Write;

    /// A paragraph: `("Heading1", "text")`, `("", "text")` for plain text,
    /// `("list", "text")` for a bulleted one.
    pub fn docx(paragraphs: &[(&str, &str)]) -> Vec<u8> {
        let mut body = String::new();
        for (style, text) in paragraphs {
            let properties = match *style {
                "" => String::new(),
                "list" => "<w:pPr><w:pStyle w:val=\"ListParagraph\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>".to_string(),
                style => format!("<w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"),
            };
            // Word splits text into runs wherever formatting or spelling
            // marks change: split each paragraph in two runs.
            let cut = text
                .char_indices()
                .nth(text.chars().count() / 2)
                .map(|(i, _)| i)
                .unwrap_or(0);
            let (a, b) = text.split_at(cut);
            body.push_str(&format!(
                "<w:p>{properties}<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
                escape(a),
                escape(b)
            ));
        }
        let document = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>"
        );
        let styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style><w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"ListParagraph\"><w:name w:val=\"List Paragraph\"/></w:style></w:styles>";
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, text) in [
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>"),
            ("word/document.xml", document.as_str()),
            ("word/styles.xml", styles),
        ] {
            zip.start_file(name, options).unwrap();
            zip.write_all(text.as_bytes()).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    fn escape(text: &str) -> String {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_come_with_their_styles_and_text_across_runs() {
        let bytes = testing::docx(&[
            ("Title", "Learning from a review of care"),
            ("Heading1", "Background"),
            ("", "Mother & Child A moved <twice>."),
            ("list", "A bullet"),
            ("", ""),
            ("Heading2", "Detail"),
        ]);
        let paragraphs = parse(std::io::Cursor::new(bytes)).unwrap();
        let got: Vec<(usize, Block, &str)> = paragraphs
            .iter()
            .map(|p| (p.number, p.block, p.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (1, Block::Title, "Learning from a review of care"),
                (2, Block::Heading(1), "Background"),
                (3, Block::Text, "Mother & Child A moved <twice>."),
                (4, Block::ListItem, "A bullet"),
                (5, Block::Text, ""),
                (6, Block::Heading(2), "Detail"),
            ]
        );
    }

    #[test]
    fn deleted_text_field_codes_and_breaks_are_read_as_word_shows_them() {
        let document = "<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>One</w:t><w:tab/><w:t>two</w:t><w:br/><w:t>three&#x2014;</w:t></w:r><w:del><w:r><w:delText>Stacey</w:delText></w:r></w:del><w:r><w:instrText> PAGE </w:instrText></w:r></w:p></w:body></w:document>";
        let paragraphs = paragraphs(document, &HashMap::new()).unwrap();
        assert_eq!(paragraphs[0].text, "One two three\u{2014}");
    }

    #[test]
    fn what_is_not_a_word_document_is_refused_with_a_reason() {
        let err = parse(std::io::Cursor::new(b"not a zip".to_vec())).unwrap_err();
        assert!(err.contains("not a Word document"), "{err}");
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let err = parse(std::io::Cursor::new(bytes)).unwrap_err();
        assert!(err.contains("no word/document.xml"), "{err}");
    }
}
