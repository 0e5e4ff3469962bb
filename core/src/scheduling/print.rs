//! Appointment cards and reception's day sheet, printed through the handouts renderer.
