//! Reading minutes in: bytes → text (plain or PDF) → `ParsedProtocol`.
