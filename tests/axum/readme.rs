use std::sync::Arc;

use axum::http::StatusCode;
use axum::routing::post;
use axum::Router;
use fieldnote::serve::axum::{ApiError, HasSchema, Schemas, Validated};
use serde::Deserialize;

/// The body: the schema decides what is valid, serde what it becomes
/// (fields the handler does not need can stay out of the type).
#[derive(Deserialize)]
pub struct Signup {
    pub email: String,
}

impl HasSchema for Signup {
    const SCHEMA: &'static str = "signup";
}

/// The same schema file the page validates with (here inline).
pub const SIGNUP_SCHEMA: &str = r#"{
  "type": "object",
  "required": ["email", "age"],
  "properties": {
    "email": { "title": "your email address", "type": "string", "format": "email" },
    "age": { "title": "your age", "type": "integer", "minimum": 18 }
  }
}"#;

/// Runs only for a valid body; anything else got the spec's envelope
/// (400, 408, 413, 415 or 422, in the request's Accept-Language).
async fn signup(Validated(s): Validated<Signup>) -> Result<StatusCode, ApiError> {
    if s.email.ends_with("@taken.example") {
        return Err(ApiError::conflict(
            "already_exists",
            "An account already exists with this email address.",
        )
        .field("email", "Sign in, or use a different email address"));
    }
    Ok(StatusCode::CREATED)
}

/// The app. Serve it as any axum app, e.g. with axum's `tokio` feature:
/// `axum::serve(tokio::net::TcpListener::bind("127.0.0.1:3000").await?, app()?).await?`
pub fn app() -> Result<Router, fieldnote::schema::CompileError> {
    let schemas = Schemas::new().add("signup", SIGNUP_SCHEMA)?;
    Ok(Router::new()
        .route("/signup", post(signup))
        .with_state(Arc::new(schemas)))
}
