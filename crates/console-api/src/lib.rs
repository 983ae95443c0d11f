//! Typed client for Camunda's Console (Administration) API.
