//! Tauri commands, one module per core area. Each is a few lines: take the state and a typed
//! input, call core (which checks the role), map the error. No logic lives here.

pub mod accounts;
pub mod audit;
pub mod backup;
pub mod calendar_print;
pub mod clinic;
pub mod data_rights;
pub mod handouts;
pub mod intake;
pub mod people;
pub mod planning;
pub mod relationships;
pub mod scheduling;
pub mod session;
