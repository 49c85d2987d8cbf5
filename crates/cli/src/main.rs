//! The `kansli` binary.
fn main() {}
