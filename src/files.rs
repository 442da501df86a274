//! The unit every stage that makes output hands on: one file of the built
//! site, in memory. Rendering, static files, search and national pages
//! make them; the gate scans them; `output` writes them.

/// The marker file at the root of every output folder a build made
/// (`output::target`); no other file may take its place.
pub const OUTPUT_MARKER: &str = ".clearhouse-output";

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path under the output folder, `/`-separated, e.g. `learning/ex-2024-01/index.html`.
    pub path: String,
    pub bytes: Vec<u8>,
    /// The source file it was made from, when there is one, so that a
    /// post-render scan hit can name it.
    pub origin: Option<String>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
            origin: None,
        }
    }

    pub fn from(mut self, origin: impl Into<String>) -> OutputFile {
        self.origin = Some(origin.into());
        self
    }
}

/// Why a file of the site was not read.
#[derive(Debug)]
pub enum ReadRefused {
    /// A symbolic link: never followed where clearhouse reads a site's
    /// files, since it could reach outside the site (or into `private/`).
    Symlink,
    /// Not a regular file: a FIFO, socket or device (what kind, in words).
    /// Opening one for reading can block for ever or never end.
    Special(&'static str),
    /// Larger than the limit, in bytes; the file was not read.
    TooLarge {
        size: u64,
    },
    Io(std::io::Error),
}

/// What kind of file system object `file_type` is, in words, for messages.
pub fn describe(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_file() {
        "a file"
    } else {
        "a special file"
    }
}

/// Reads a regular file of the site, refusing before it opens anything
/// else: a symbolic link is not followed, a FIFO, socket or device is not
/// opened (reading one blocks or never ends), and a file larger than
/// `limit` bytes is not read. The file is opened without following links
/// and without blocking, and checked again once open, so that swapping a
/// FIFO in between the two looks cannot hang the build either.
pub fn read_regular(path: &std::path::Path, limit: u64) -> Result<Vec<u8>, ReadRefused> {
    use std::io::Read;
    let meta = std::fs::symlink_metadata(path).map_err(ReadRefused::Io)?;
    check_regular(&meta, limit)?;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let file = options.open(path).map_err(|e| {
        // O_NOFOLLOW on a link that appeared since the look: ELOOP.
        #[cfg(unix)]
        if e.raw_os_error() == Some(libc::ELOOP) {
            return ReadRefused::Symlink;
        }
        ReadRefused::Io(e)
    })?;
    let open_meta = file.metadata().map_err(ReadRefused::Io)?;
    check_regular(&open_meta, limit)?;
    let mut bytes = Vec::with_capacity(open_meta.len() as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(ReadRefused::Io)?;
    if bytes.len() as u64 > limit {
        return Err(ReadRefused::TooLarge {
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

fn check_regular(meta: &std::fs::Metadata, limit: u64) -> Result<(), ReadRefused> {
    let file_type = meta.file_type();
    if file_type.is_symlink() {
        return Err(ReadRefused::Symlink);
    }
    if !file_type.is_file() {
        return Err(ReadRefused::Special(describe(file_type)));
    }
    if meta.len() > limit {
        return Err(ReadRefused::TooLarge { size: meta.len() });
    }
    Ok(())
}

/// `bytes` as megabytes with one decimal, for messages about limits.
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / (1024.0 * 1024.0);
    if mb >= 10.0 || mb.fract() == 0.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_opened() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("item.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        assert!(matches!(
            read_regular(&fifo, 100),
            Err(ReadRefused::Special(what)) if what.contains("FIFO")
        ));
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hello").unwrap();
        assert_eq!(read_regular(&file, 5).unwrap(), b"hello");
        assert!(matches!(
            read_regular(&file, 4),
            Err(ReadRefused::TooLarge { size: 5 })
        ));
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();
        assert!(matches!(
            read_regular(&link, 100),
            Err(ReadRefused::Symlink)
        ));
        assert_eq!(megabytes(2 * 1024 * 1024), "2 MB");
        assert_eq!(megabytes(6_600_000), "6.3 MB");
    }
}
