//! Kansli's search: a Swedish full-text index over the archive's paragraphs, kept in the data directory.
