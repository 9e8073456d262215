//! lex rules.

pub mod lex_bot_alias_encrypted_conversation_logs;

#[cfg(test)]
mod tests;
