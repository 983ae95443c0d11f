//! A local emulator of Camunda's Console API.
