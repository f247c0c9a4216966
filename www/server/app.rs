//! The demo server's service: the API under `/api/`, the files everywhere
//! else. `main.rs` serves it on a socket; the `http` fuzz target serves it
//! on in-memory connections through the same code (`connections`).

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::routing::{any, post};
use axum::Router;

use super::{api, files};

/// The router for the repository at `root` (the page's schema is
/// `www/schema/signup.json`); request bodies must arrive within `timeout`.
pub fn app(root: &Path, timeout: Duration) -> Result<Router, String> {
    let api = Arc::new(load_api(root, timeout)?);
    let files = files::Files::new(root);
    Ok(Router::new()
        .route("/api/signup", post(api::signup).fallback(api::post_only))
        .route(
            "/api/token",
            post(api::issue_token).fallback(api::post_only),
        )
        .route("/api/{*rest}", any(api::no_api))
        .route("/api", any(api::no_api))
        .fallback(move |req| files.clone().serve(req))
        .with_state(api))
}

/// The API with the page's schema, `www/schema/signup.json`.
fn load_api(root: &Path, timeout: Duration) -> Result<api::Api, String> {
    let rel = "www/schema/signup.json";
    let schema =
        std::fs::read_to_string(root.join(rel)).map_err(|e| format!("cannot read {rel}: {e}"))?;
    api::Api::new(&schema, timeout).map_err(|e| format!("{rel}: {e}"))
}
