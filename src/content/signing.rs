//! What a sign-off signs, in one place: the digest `clearhouse signoff`
//! writes into `[signoff]` and admission compares with the item as it is
//! now. Today it covers the Markdown body only (CRLF read as LF); a
//! change of scheme (the whole item in a canonical form) is made here and
//! nowhere else.

use sha2::{Digest, Sha256};

use super::frontmatter::Split;

/// Who signs an item off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
pub enum Signatory {
    /// The Child Protection Committee.
    Cpc,
    /// The Chief Officers Group.
    Cog,
}

impl Signatory {
    pub const BOTH: [Signatory; 2] = [Signatory::Cpc, Signatory::Cog];

    /// The key in `[signoff]`.
    pub fn key(self) -> &'static str {
        match self {
            Signatory::Cpc => "cpc",
            Signatory::Cog => "cog",
        }
    }

    /// "CPC" or "COG", as people write them.
    pub fn abbreviation(self) -> &'static str {
        match self {
            Signatory::Cpc => "CPC",
            Signatory::Cog => "COG",
        }
    }
}

/// The digest a sign-off of this item's text must carry (lowercase hex).
pub fn signature(text: &str, split: &Split) -> String {
    body_sha256(&text[split.body_start..])
}

/// sha256 of a body: every byte after the closing `+++` line, CRLF as LF,
/// lowercase hex.
pub fn body_sha256(body: &str) -> String {
    let normalised = body.replace("\r\n", "\n");
    let digest = Sha256::digest(normalised.as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_hash_reads_crlf_as_lf() {
        assert_eq!(body_sha256("a\r\nb\n"), body_sha256("a\nb\n"));
        assert_eq!(
            body_sha256(""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
