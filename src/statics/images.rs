//! Images of `static/` rewritten to what is needed to show them.
//!
//! Each format is walked structure by structure and copied by an **allow
//! list**: the parts a browser needs to draw the pixels are kept, every
//! other part is dropped, whatever it is called, so that metadata a
//! deny list does not know (a PNG `caBX` or private chunk, a JPEG APP4
//! segment, a second image after the end marker) cannot pass. Nothing is
//! decoded or re-encoded: pixels stay byte for byte as they were (no JPEG
//! generation loss), and no image codec is compiled in. A file that does
//! not parse as its extension says is refused.
//!
//! - PNG: `IHDR PLTE IDAT IEND tRNS gAMA cHRM sRGB sBIT pHYs bKGD cICP`
//!   and the APNG chunks `acTL fcTL fdAT`; checksums verified; nothing
//!   after `IEND`. `iCCP` is dropped (an ICC profile has a free-text name
//!   and text tags); images fall back to sRGB.
//! - JPEG: SOI, SOFn, DHT, DAC, DQT, DRI, DNL, SOS with its entropy-coded
//!   data, EOI; a JFIF APP0 rewritten to its 16 fixed bytes (no
//!   thumbnail); Adobe's 12-byte APP14 (it says how to read CMYK colour);
//!   every other APPn and COM dropped; nothing after EOI.
//! - GIF: header, screen descriptor, colour tables, image descriptors with
//!   their data, graphic control extensions and the standard 3-byte
//!   looping block (NETSCAPE2.0); comment, plain-text and other
//!   application extensions dropped; nothing after the trailer.
//! - WebP: `VP8 `, `VP8L`, `VP8X` (its ICC, EXIF and XMP flags cleared),
//!   `ALPH`, `ANIM` and `ANMF` (whose frame chunks are filtered the same
//!   way); everything else dropped.
//! - ICO: each image rewritten (PNG images as above; BMP images cut to
//!   exactly their pixels and mask, their spare header fields zeroed).

/// Why an image was refused, in words for the finding's message.
pub type Refusal = String;

const PNG_SIGNATURE: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];

/// PNG chunks needed to show the image.
const PNG_KEEP: [&[u8; 4]; 15] = [
    b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"gAMA", b"cHRM", b"sRGB", b"sBIT", b"pHYs",
    b"bKGD", b"cICP", b"acTL", b"fcTL", b"fdAT",
];

/// A PNG with only the chunks in `PNG_KEEP`.
pub fn png(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if !bytes.starts_with(&PNG_SIGNATURE) {
        return Err("it is not a PNG (its first bytes are not the PNG signature)".into());
    }
    let mut out = PNG_SIGNATURE.to_vec();
    let mut pos = PNG_SIGNATURE.len();
    let mut first = true;
    let mut seen_data = false;
    loop {
        let header = bytes
            .get(pos..pos + 8)
            .ok_or("the PNG ends before its IEND chunk")?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind: [u8; 4] = [header[4], header[5], header[6], header[7]];
        let end = pos
            .checked_add(12)
            .and_then(|p| p.checked_add(length))
            .filter(|&e| e <= bytes.len())
            .ok_or("a PNG chunk runs past the end of the file")?;
        let chunk = &bytes[pos..end];
        let crc = u32::from_be_bytes([
            chunk[8 + length],
            chunk[9 + length],
            chunk[10 + length],
            chunk[11 + length],
        ]);
        if crc32fast::hash(&chunk[4..8 + length]) != crc {
            return Err("the PNG is damaged (a chunk's checksum is wrong)".into());
        }
        if first && &kind != b"IHDR" {
            return Err("the PNG does not start with its IHDR chunk".into());
        }
        first = false;
        if PNG_KEEP.contains(&&kind) {
            out.extend_from_slice(chunk);
        } else if kind[0].is_ascii_uppercase() {
            return Err(format!(
                "the PNG has a critical chunk no browser knows ({})",
                String::from_utf8_lossy(&kind).escape_default()
            ));
        }
        seen_data |= &kind == b"IDAT";
        pos = end;
        if &kind == b"IEND" {
            break;
        }
    }
    if !seen_data {
        return Err("the PNG has no image data (IDAT)".into());
    }
    Ok(out)
}

/// A JPEG with only what a decoder needs (see the module comment).
pub fn jpeg(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err("it is not a JPEG (it does not start with the JPEG start marker)".into());
    }
    let mut out = vec![0xFF, 0xD8];
    let mut pos = 2;
    let (mut frame, mut scan) = (false, false);
    loop {
        if bytes.get(pos) != Some(&0xFF) {
            return Err("the JPEG is damaged (a marker was expected)".into());
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes
            .get(pos)
            .ok_or("the JPEG ends before its end marker")?;
        pos += 1;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                break;
            }
            0xD8 => return Err("the JPEG has a second start marker".into()),
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                continue;
            }
            _ => {}
        }
        let len_bytes = bytes
            .get(pos..pos + 2)
            .ok_or("the JPEG ends inside a segment")?;
        let length = u16::from_be_bytes([len_bytes[0], len_bytes[1]]) as usize;
        if length < 2 || pos + length > bytes.len() {
            return Err("a JPEG segment runs past the end of the file".into());
        }
        let segment = &bytes[pos..pos + length];
        let payload = &segment[2..];
        pos += length;
        match marker {
            0xE0 => {
                if payload.starts_with(b"JFIF\0") && payload.len() >= 14 {
                    // Version, density units and densities; no thumbnail.
                    out.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x10]);
                    out.extend_from_slice(&payload[..12]);
                    out.extend_from_slice(&[0, 0]);
                }
            }
            0xEE if payload.starts_with(b"Adobe") && payload.len() == 12 => {
                out.extend_from_slice(&[0xFF, 0xEE]);
                out.extend_from_slice(segment);
            }
            0xE1..=0xEF | 0xFE => {}
            0xC0..=0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF => {
                frame = true;
                out.extend_from_slice(&[0xFF, marker]);
                out.extend_from_slice(segment);
            }
            0xC4 | 0xCC | 0xDB | 0xDD | 0xDC => {
                out.extend_from_slice(&[0xFF, marker]);
                out.extend_from_slice(segment);
            }
            0xDA => {
                if !frame {
                    return Err("the JPEG has image data before its frame header".into());
                }
                scan = true;
                out.extend_from_slice(&[0xFF, 0xDA]);
                out.extend_from_slice(segment);
                let data_end = entropy_end(bytes, pos);
                out.extend_from_slice(&bytes[pos..data_end]);
                pos = data_end;
            }
            other => {
                return Err(format!(
                    "the JPEG uses a kind of segment clearhouse does not publish (marker 0x{other:02X}); export it again as a baseline or progressive JPEG"
                ))
            }
        }
    }
    if !(frame && scan) {
        return Err("the JPEG has no image data".into());
    }
    Ok(out)
}

/// Where the entropy-coded data starting at `pos` ends: at the first
/// marker that is neither a stuffed zero nor a restart marker.
fn entropy_end(bytes: &[u8], mut pos: usize) -> usize {
    while pos + 1 < bytes.len() {
        if bytes[pos] == 0xFF {
            let next = bytes[pos + 1];
            if next != 0x00 && !(0xD0..=0xD7).contains(&next) && next != 0xFF {
                return pos;
            }
            pos += if next == 0xFF { 1 } else { 2 };
        } else {
            pos += 1;
        }
    }
    bytes.len()
}

/// A GIF without comment, plain-text or application extensions (but the
/// standard looping block).
pub fn gif(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if !(bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a")) {
        return Err("it is not a GIF (it does not start with GIF87a or GIF89a)".into());
    }
    let short = || "the GIF ends before its trailer".to_string();
    let screen = bytes.get(6..13).ok_or_else(short)?;
    let mut pos = 13 + colour_table(screen[4]);
    let mut out = bytes.get(..pos).ok_or_else(short)?.to_vec();
    let mut images = 0;
    loop {
        let block = *bytes.get(pos).ok_or_else(short)?;
        match block {
            0x3B => {
                out.push(0x3B);
                break;
            }
            0x2C => {
                let descriptor = bytes.get(pos..pos + 10).ok_or_else(short)?;
                let head = 10 + colour_table(descriptor[9]) + 1;
                let data_start = pos + head;
                let end = sub_blocks_end(bytes, data_start).ok_or_else(short)?;
                out.extend_from_slice(bytes.get(pos..end).ok_or_else(short)?);
                pos = end;
                images += 1;
            }
            0x21 => {
                let label = *bytes.get(pos + 1).ok_or_else(short)?;
                let end = sub_blocks_end(bytes, pos + 2).ok_or_else(short)?;
                let keep = match label {
                    0xF9 => true,
                    0xFF => is_loop_block(&bytes[pos + 2..end]),
                    _ => false,
                };
                if keep {
                    out.extend_from_slice(&bytes[pos..end]);
                }
                pos = end;
            }
            other => {
                return Err(format!(
                    "the GIF is damaged (an unknown block 0x{other:02X})"
                ))
            }
        }
    }
    if images == 0 {
        return Err("the GIF has no image".into());
    }
    Ok(out)
}

/// The size of a colour table announced by a packed-fields byte.
fn colour_table(packed: u8) -> usize {
    if packed & 0x80 != 0 {
        3 << ((packed & 0x07) + 1)
    } else {
        0
    }
}

/// The end of a run of GIF sub-blocks starting at `pos` (after the
/// zero-length terminator).
fn sub_blocks_end(bytes: &[u8], mut pos: usize) -> Option<usize> {
    loop {
        let size = *bytes.get(pos)? as usize;
        pos += 1 + size;
        if size == 0 {
            return (pos <= bytes.len()).then_some(pos);
        }
    }
}

/// `NETSCAPE2.0` (or `ANIMEXTS1.0`) with its one 3-byte loop-count block:
/// the only application extension kept, since it holds no text.
fn is_loop_block(blocks: &[u8]) -> bool {
    blocks.len() == 1 + 11 + 1 + 3 + 1
        && blocks[0] == 11
        && (&blocks[1..12] == b"NETSCAPE2.0" || &blocks[1..12] == b"ANIMEXTS1.0")
        && blocks[12] == 3
        && blocks[13] == 1
        && blocks[16] == 0
}

/// A WebP with only the chunks needed to show it.
pub fn webp(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err("it is not a WebP (no RIFF WEBP header)".into());
    }
    let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    let end = declared
        .checked_add(8)
        .filter(|&e| e <= bytes.len())
        .ok_or("the WebP is shorter than its header says")?;
    let mut chunks = Vec::new();
    let mut image = false;
    for (fourcc, data) in riff_chunks(&bytes[12..end])? {
        match &fourcc {
            b"VP8 " | b"VP8L" => {
                image = true;
                push_chunk(&mut chunks, &fourcc, data);
            }
            b"ALPH" | b"ANIM" => push_chunk(&mut chunks, &fourcc, data),
            b"VP8X" => {
                let mut data = data.to_vec();
                if let Some(flags) = data.first_mut() {
                    // ICC profile, EXIF and XMP: their chunks are dropped.
                    *flags &= !(0x20 | 0x08 | 0x04);
                }
                push_chunk(&mut chunks, &fourcc, &data);
            }
            b"ANMF" => {
                let header = data
                    .get(..16)
                    .ok_or("a WebP animation frame is cut short")?;
                let mut frame = header.to_vec();
                for (inner, inner_data) in riff_chunks(&data[16..])? {
                    if matches!(&inner, b"ALPH" | b"VP8 " | b"VP8L") {
                        image = true;
                        push_chunk(&mut frame, &inner, inner_data);
                    }
                }
                push_chunk(&mut chunks, &fourcc, &frame);
            }
            _ => {}
        }
    }
    if !image {
        return Err("the WebP has no image data".into());
    }
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&((chunks.len() + 4) as u32).to_le_bytes());
    out.extend_from_slice(b"WEBP");
    out.extend_from_slice(&chunks);
    Ok(out)
}

/// A RIFF chunk: its four-character code and its data.
type RiffChunk<'a> = ([u8; 4], &'a [u8]);

fn riff_chunks(mut bytes: &[u8]) -> Result<Vec<RiffChunk<'_>>, Refusal> {
    let mut chunks = Vec::new();
    while !bytes.is_empty() {
        let header = bytes.get(..8).ok_or("a WebP chunk is cut short")?;
        let fourcc = [header[0], header[1], header[2], header[3]];
        let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let data = bytes
            .get(8..8 + size)
            .ok_or("a WebP chunk runs past the end of the file")?;
        chunks.push((fourcc, data));
        let padded = (8 + size + (size & 1)).min(bytes.len());
        bytes = &bytes[padded..];
    }
    Ok(chunks)
}

fn push_chunk(out: &mut Vec<u8>, fourcc: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(fourcc);
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out.extend_from_slice(data);
    if data.len() % 2 == 1 {
        out.push(0);
    }
}

/// An icon rewritten image by image.
pub fn ico(bytes: &[u8]) -> Result<Vec<u8>, Refusal> {
    let header = bytes.get(..6).ok_or("it is not an icon (too short)")?;
    if header[..4] != [0, 0, 1, 0] {
        return Err("it is not an icon (no ICO header)".into());
    }
    let count = u16::from_le_bytes([header[4], header[5]]) as usize;
    if count == 0 {
        return Err("the icon holds no image".into());
    }
    let mut images = Vec::with_capacity(count);
    for i in 0..count {
        let entry = bytes
            .get(6 + 16 * i..6 + 16 * (i + 1))
            .ok_or("the icon's directory is cut short")?;
        let size = u32::from_le_bytes([entry[8], entry[9], entry[10], entry[11]]) as usize;
        let offset = u32::from_le_bytes([entry[12], entry[13], entry[14], entry[15]]) as usize;
        let data = offset
            .checked_add(size)
            .and_then(|end| bytes.get(offset..end))
            .ok_or("an icon image runs past the end of the file")?;
        let clean = if data.starts_with(&PNG_SIGNATURE) {
            png(data)?
        } else {
            bmp_in_icon(data)?
        };
        images.push((entry[..8].to_vec(), clean));
    }
    let mut out = header.to_vec();
    let mut offset = 6 + 16 * count;
    for (entry, data) in &images {
        out.extend_from_slice(entry);
        out.extend_from_slice(&(data.len() as u32).to_le_bytes());
        out.extend_from_slice(&(offset as u32).to_le_bytes());
        offset += data.len();
    }
    for (_, data) in images {
        out.extend_from_slice(&data);
    }
    Ok(out)
}

/// A BMP image inside an icon (a BITMAPINFOHEADER, its palette, the
/// colour pixels and the transparency mask), cut to exactly that size.
fn bmp_in_icon(data: &[u8]) -> Result<Vec<u8>, Refusal> {
    let head = data
        .get(..40)
        .ok_or("an icon image is neither PNG nor a BMP")?;
    let field =
        |at: usize| u32::from_le_bytes([head[at], head[at + 1], head[at + 2], head[at + 3]]);
    if field(0) != 40 {
        return Err("an icon image uses a BMP header clearhouse does not read; save the icon again (or use a PNG favicon)".into());
    }
    let width = field(4) as i32;
    let height = field(8) as i32;
    let bits = u16::from_le_bytes([head[14], head[15]]) as usize;
    let compression = field(16);
    let colours_used = field(32) as usize;
    if width <= 0 || width > 1024 || height == 0 || height.abs() > 2048 || compression != 0 {
        return Err("an icon image has a size or compression clearhouse does not read".into());
    }
    if !matches!(bits, 1 | 4 | 8 | 24 | 32) {
        return Err("an icon image has an unusual colour depth".into());
    }
    let width = width as usize;
    let rows = (height.unsigned_abs() / 2) as usize;
    let palette = if bits <= 8 {
        if colours_used == 0 {
            1 << bits
        } else {
            colours_used.min(1 << bits)
        }
    } else {
        0
    };
    let colour_row = (width * bits).div_ceil(32) * 4;
    let mask_row = width.div_ceil(32) * 4;
    let needed = 40 + palette * 4 + (colour_row + mask_row) * rows;
    let body = data
        .get(..needed)
        .ok_or("an icon image is shorter than its header says")?;
    let mut out = body.to_vec();
    // Image size, resolution and "important colours": free numbers a
    // decoder does not need.
    out[20..24].fill(0);
    out[24..32].fill(0);
    out[36..40].fill(0);
    let used = if bits <= 8 && colours_used != 0 {
        palette as u32
    } else {
        0
    };
    out[32..36].copy_from_slice(&used.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = (data.len() as u32).to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        let mut crc_input = kind.to_vec();
        crc_input.extend_from_slice(data);
        c.extend_from_slice(&crc32fast::hash(&crc_input).to_be_bytes());
        c
    }

    fn tiny_png(extra: &[Vec<u8>]) -> Vec<u8> {
        let mut png = PNG_SIGNATURE.to_vec();
        png.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
        for e in extra {
            png.extend_from_slice(e);
        }
        png.extend(chunk(b"IDAT", &[0x78, 0x9c, 0x63, 0, 0, 0, 1, 0, 1]));
        png.extend(chunk(b"IEND", &[]));
        png
    }

    #[test]
    fn png_keeps_only_what_draws_the_image() {
        let mut input = tiny_png(&[
            chunk(b"tEXt", b"Author\0Jamie"),
            chunk(b"prVt", b"12 Heatherbank Road"),
            chunk(b"iCCP", b"Balgarrow scanner\0\0xx"),
            chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]),
        ]);
        input.extend_from_slice(b"trailing Corrigan");
        let out = png(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in [
            "tEXt",
            "Jamie",
            "prVt",
            "Heatherbank",
            "iCCP",
            "Balgarrow",
            "Corrigan",
        ] {
            assert!(!text.contains(gone), "{gone} survived");
        }
        assert!(text.contains("gAMA") && text.contains("IDAT"));
        assert_eq!(out, png(&out).unwrap(), "stripping is idempotent");
        let mut bad = tiny_png(&[]);
        let last = bad.len() - 1;
        bad[last] ^= 1;
        assert!(png(&bad).unwrap_err().contains("checksum"));
        assert!(png(b"not a png").is_err());
    }

    #[test]
    fn jpeg_drops_application_segments_comments_and_what_follows_the_end() {
        let seg = |marker: u8, payload: &[u8]| {
            let mut s = vec![0xFF, marker];
            s.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
            s.extend_from_slice(payload);
            s
        };
        let mut input = vec![0xFF, 0xD8];
        input.extend(seg(
            0xE0,
            b"JFIF\0\x01\x01\x00\x00\x01\x00\x01\x02\x02thumbnail",
        ));
        input.extend(seg(0xE1, b"http://ns.adobe.com/xap/1.0/\0Corrigan"));
        input.extend(seg(0xE4, b"Heatherbank"));
        input.extend(seg(0xFE, b"07700 900941"));
        input.extend(seg(0xDB, &[0; 65]));
        input.extend(seg(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
        input.extend(seg(0xC4, &[0; 17]));
        input.extend(seg(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        input.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        input.extend_from_slice(&[0xFF, 0xD9]);
        input.extend_from_slice(&[0xFF, 0xD8, 0xFF, 0xFE, 0x00, 0x0A]);
        input.extend_from_slice(b"Corrigan");
        let out = jpeg(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["Corrigan", "Heatherbank", "900941", "thumbnail", "adobe"] {
            assert!(!text.contains(gone), "{gone} survived");
        }
        assert!(out.ends_with(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56, 0xFF, 0xD9]));
        assert!(text.contains("JFIF"));
        assert_eq!(out, jpeg(&out).unwrap());
    }

    #[test]
    fn gif_drops_comments_and_unknown_application_blocks() {
        let mut input = b"GIF89a".to_vec();
        input.extend_from_slice(&[1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 255, 255, 255]);
        input.extend_from_slice(&[0x21, 0xFE, 8]);
        input.extend_from_slice(b"Corrigan");
        input.push(0);
        input.extend_from_slice(&[0x21, 0xFF, 11]);
        input.extend_from_slice(b"XMP DataXMP");
        input.extend_from_slice(&[5, b'Q', b'u', b'i', b'n', b'n', 0]);
        input.extend_from_slice(&[0x21, 0xFF, 11]);
        input.extend_from_slice(b"NETSCAPE2.0");
        input.extend_from_slice(&[3, 1, 0, 0, 0]);
        input.extend_from_slice(&[0x21, 0xF9, 4, 0, 0, 0, 0, 0]);
        input.extend_from_slice(&[0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x4C, 0x01, 0]);
        input.push(0x3B);
        input.extend_from_slice(b"after the end");
        let out = gif(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["Corrigan", "XMP", "Quinn", "after the end"] {
            assert!(!text.contains(gone), "{gone} survived");
        }
        assert!(text.contains("NETSCAPE2.0"));
        assert_eq!(out, gif(&out).unwrap());
    }

    #[test]
    fn webp_keeps_image_chunks_and_clears_metadata_flags() {
        let mut body = Vec::new();
        push_chunk(&mut body, b"VP8X", &[0x2C, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        push_chunk(&mut body, b"ICCP", b"Balgarrow");
        push_chunk(&mut body, b"VP8L", &[0x2F, 0, 0, 0, 0]);
        push_chunk(&mut body, b"EXIF", b"Corrigan");
        push_chunk(&mut body, b"XMP ", b"Quinn");
        let mut input = b"RIFF".to_vec();
        input.extend_from_slice(&((body.len() + 4) as u32).to_le_bytes());
        input.extend_from_slice(b"WEBP");
        input.extend_from_slice(&body);
        let out = webp(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        for gone in ["Balgarrow", "Corrigan", "Quinn", "ICCP", "EXIF"] {
            assert!(!text.contains(gone), "{gone} survived");
        }
        assert_eq!(out[20] & (0x20 | 0x08 | 0x04), 0, "metadata flags cleared");
        assert_eq!(out, webp(&out).unwrap());
    }

    #[test]
    fn icons_are_rewritten_image_by_image() {
        // One 1×1 32-bit BMP image, with a name hidden after it.
        let mut bmp = vec![0u8; 40];
        bmp[0] = 40;
        bmp[4] = 1;
        bmp[8] = 2;
        bmp[12] = 1;
        bmp[14] = 32;
        bmp[24..28].copy_from_slice(b"Quin");
        bmp.extend_from_slice(&[1, 2, 3, 4]);
        bmp.extend_from_slice(&[0, 0, 0, 0]);
        bmp.extend_from_slice(b"Corrigan");
        let mut input = vec![0, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 32, 0];
        input.extend_from_slice(&(bmp.len() as u32).to_le_bytes());
        input.extend_from_slice(&22u32.to_le_bytes());
        input.extend_from_slice(&bmp);
        let out = ico(&input).unwrap();
        let text = String::from_utf8_lossy(&out);
        assert!(
            !text.contains("Corrigan") && !text.contains("Quin"),
            "{text:?}"
        );
        assert_eq!(out.len(), 22 + 48);
        assert_eq!(out, ico(&out).unwrap());
        assert!(ico(b"\0\0\x01\0\x01\0").is_err());
    }
}
