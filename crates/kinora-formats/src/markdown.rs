//! User text as safe HTML: Markdown, spoilers, sanitized.
