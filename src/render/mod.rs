//! (being written)
use crate::output::OutputFile;
use crate::site::Site;

#[derive(Debug, thiserror::Error)]
#[error("rendering is not available in this version")]
pub struct RenderError;

pub fn render_site(_site: &Site) -> Result<Vec<OutputFile>, RenderError> {
    Err(RenderError)
}
