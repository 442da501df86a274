//! Random texts for the tests that hold a fast search to the plain one it
//! replaced: the same texts on every run, so a failure can be repeated.

/// Endless texts of fewer than `max_len` pieces, each drawn from `pieces`
/// by a xorshift generator started at `seed`.
pub(crate) fn random_texts<'a>(
    pieces: &'a [&'a str],
    mut seed: u64,
    max_len: usize,
) -> impl Iterator<Item = String> + 'a {
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    std::iter::repeat_with(move || {
        let len = next(max_len);
        (0..len).map(|_| pieces[next(pieces.len())]).collect()
    })
}

/// Every group's span of every match, to compare two searches exactly.
pub(crate) fn capture_spans(caps: Vec<regex::Captures<'_>>) -> Vec<Vec<Option<(usize, usize)>>> {
    caps.iter()
        .map(|c| c.iter().map(|m| m.map(|m| (m.start(), m.end()))).collect())
        .collect()
}
