//! Prints the text Kansli extracts from a file (a development aid for the round trip).
fn main() {
    let p = std::env::args().nth(1).unwrap();
    let t = kansli_import::extract_text(&std::fs::read(p).unwrap()).unwrap();
    print!("{}", t.text);
}
