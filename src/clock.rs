//! The one source of "now".
