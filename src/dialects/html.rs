//! HTML error pages. Their text is never shown (it may hold a stack trace);
//! a known framework's page is only named, so the result says which
//! dialect answered while the message comes from the status.
//!
//! Express (`finalhandler`): `<title>Error</title>` and the error in a
//! `<pre>` (`Error: ...<br> &nbsp; &nbsp;at ...` in development, the
//! reason phrase in production, `Cannot GET /path` for a 404).

use super::ErrorBody;

pub(super) fn read(page: &str) -> Option<ErrorBody> {
    let express = page.contains("<title>Error</title>") && page.contains("<pre>");
    express.then(|| ErrorBody::new("express-html"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn express_page() {
        let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Error</title>\n</head>\n<body>\n<pre>Error: boom<br> &nbsp; &nbsp;at /app/index.js:3:9</pre>\n</body>\n</html>\n";
        let b = read(page).unwrap();
        assert_eq!(b.dialect, "express-html");
        assert!(b.message.is_none() && b.code.is_none());
        assert!(read("<html><body><h1>502 Bad Gateway</h1></body></html>").is_none());
    }
}
