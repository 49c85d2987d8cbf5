//! Kansli HTTP server: public archive pages and JSON API.
