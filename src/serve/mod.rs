//! `hotline serve`: a local web page and a JSON API over the library, on axum and tokio (feature `serve`).
//! The handlers only parse requests, call the library (`answer`, `run`, `report`) and send its answer:
//!
//! - `GET /` the page; `POST /` (a form: `text`, `region`, `lang`) the page with an answer per contact;
//! - `GET /api/check?value=…[&region=CN]` the check object, as `hotline check --format json` prints it
//!   (with `seen`, where the evidence store has seen the value, when the server has one: `--db`);
//! - `POST /api/audit[?name=…&region=…]` a text or HTML body (by its `Content-Type`, else by content):
//!   the same records as `hotline audit --format json` (claims, conflicts, errors, warnings, summary);
//! - `GET /healthz`.
//!
//! Safe by default: the CLI binds to loopback unless told otherwise; request bodies are capped (413 with a
//! message beyond the cap); every request has a time limit (408); every response carries the
//! Content-Security-Policy of `report::web` and `nosniff`; bad input gets a 4xx with a message. A panic
//! in the library is caught and answered with a 500 naming it, the server goes on. On SIGTERM or Ctrl-C
//! ([`stop_signal`], [`serve_until`]) it stops accepting and lets the requests in flight finish.

use std::future::Future;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, FormRejection, QueryRejection};
use axum::extract::{DefaultBodyLimit, Query, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::{Form, Json, Router};
use serde::Deserialize;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use crate::answer::{answer, identify, with_seen, Appearances, Checked};
use crate::context::ReadOptions;
use crate::model::Lang;
use crate::numbering::Region;
use crate::reference::Reference;
use crate::report::web::content_security_policy;
use crate::report::{check_page, JsonPrinter, Shown};
use crate::run::{guarded, Run, RunOptions};
use crate::source::{read_page, InputFormat};
use crate::store::{Store, StoreError};

/// How the server runs.
#[derive(Clone)]
pub struct Options {
    /// The reference answers are checked against.
    pub reference: &'static Reference,
    /// Largest request body accepted, in bytes.
    pub max_body: usize,
    /// Longest a request may take.
    pub timeout: Duration,
    /// The evidence store answers say "where it was seen" from (`--db`).
    pub evidence: Option<Arc<Evidence>>,
}

/// The evidence store `serve --db` reads: read-only connections ([`Store::open_read_only`]), so that an
/// `audit --db` can write to it meanwhile; opened as requests need them and kept for the next ones.
pub struct Evidence {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

/// Connections kept open between requests.
const IDLE_STORES: usize = 8;

impl Evidence {
    /// Opens the store at `path` once, so that a missing or foreign file is an error before serving.
    pub fn open(path: &Path) -> Result<Evidence, StoreError> {
        let first = Store::open_read_only(path)?;
        Ok(Evidence {
            path: path.to_path_buf(),
            idle: Mutex::new(vec![first]),
        })
    }

    /// Runs `f` on one of the connections (a new one when all are busy).
    fn with<T>(&self, f: impl FnOnce(&Store) -> T) -> Result<T, StoreError> {
        let taken = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let store = match taken {
            Some(store) => store,
            None => Store::open_read_only(&self.path)?,
        };
        let out = f(&store);
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < IDLE_STORES {
                idle.push(store);
            }
        }
        Ok(out)
    }
}

impl Options {
    /// The built-in reference, a 1 MiB body cap and a 10 s time limit.
    pub fn new(reference: &'static Reference) -> Options {
        Options {
            reference,
            max_body: 1024 * 1024,
            timeout: Duration::from_secs(10),
            evidence: None,
        }
    }
}

#[derive(Clone)]
struct AppState {
    options: Options,
    /// Audits running at once (they are CPU-bound): the rest wait their turn, within the time limit.
    audits: Arc<Semaphore>,
}

/// The application: every route with its limits and headers.
pub fn router(options: Options) -> Router {
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let state = AppState {
        audits: Arc::new(Semaphore::new(workers * 2)),
        options: options.clone(),
    };
    let timeout = options.timeout;
    Router::new()
        .route("/", get(page).post(page_post))
        .route("/api/check", get(api_check))
        .route("/api/audit", axum::routing::post(api_audit))
        .route("/healthz", get(healthz))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(options.max_body))
        .layer(middleware::from_fn(move |req: Request, next: Next| {
            time_limit(req, next, timeout)
        }))
        .layer(middleware::from_fn(headers))
        .with_state(state)
}

/// Serves the application on `listener` until the process ends.
pub async fn serve(listener: TcpListener, options: Options) -> std::io::Result<()> {
    serve_until(listener, options, std::future::pending()).await
}

/// Serves the application on `listener` until `stop` completes; then it accepts no more connections,
/// lets the requests in flight finish (each is bounded by the time limit) and returns.
pub async fn serve_until(
    listener: TcpListener,
    options: Options,
    stop: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(
        listener,
        router(options).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(stop)
    .await
}

/// Completes on the first SIGTERM or Ctrl-C (SIGINT), naming it.
pub async fn stop_signal() -> &'static str {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = tokio::signal::ctrl_c() => "Ctrl-C",
            },
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
                "Ctrl-C"
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
        "Ctrl-C"
    }
}

async fn time_limit(req: Request, next: Next, limit: Duration) -> Response {
    match tokio::time::timeout(limit, next.run(req)).await {
        Ok(response) => response,
        Err(_) => error(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request took longer than {} s and was stopped",
                limit.as_secs_f32()
            ),
        ),
    }
}

async fn headers(req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let h = response.headers_mut();
    if let Ok(csp) = HeaderValue::from_str(content_security_policy()) {
        h.insert(header::CONTENT_SECURITY_POLICY, csp);
    }
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// An error as JSON: `{"error": "..."}` with its status.
fn error(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(serde_json::json!({ "error": message.into() }))).into_response()
}

fn too_large(max: usize) -> String {
    format!("the request body is larger than the limit of {max} bytes (hotline serve --max-body)")
}

/// A body that could not be read: 413 beyond the cap, else 400.
fn body_error(status: StatusCode, max: usize, why: String) -> (StatusCode, String) {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        (status, too_large(max))
    } else {
        (StatusCode::BAD_REQUEST, why)
    }
}

async fn not_found() -> Response {
    error(
        StatusCode::NOT_FOUND,
        "no such page: the routes are /, /api/check, /api/audit and /healthz",
    )
}

async fn healthz() -> Response {
    Json(serde_json::json!({ "status": "ok" })).into_response()
}

/// The page's language: `?lang=` when given, else the first of English or Chinese the browser prefers.
fn language(asked: Option<&str>, headers: &HeaderMap) -> Lang {
    match asked.map(str::to_ascii_lowercase).as_deref() {
        Some(l) if l.starts_with("zh") => return Lang::Zh,
        Some(l) if l.starts_with("en") => return Lang::En,
        _ => {}
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let mut best = (Lang::En, -1.0f32);
    for part in accept.split(',') {
        let mut pieces = part.trim().split(';');
        let tag = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
        let q = pieces
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.parse::<f32>().ok())
            .unwrap_or(1.0);
        let lang = if tag.starts_with("zh") {
            Lang::Zh
        } else if tag.starts_with("en") {
            Lang::En
        } else {
            continue;
        };
        if q > best.1 {
            best = (lang, q);
        }
    }
    best.0
}

fn region(asked: Option<&str>, lang: Lang) -> Result<Region, String> {
    let code = asked
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .unwrap_or("CN");
    Region::by_id(&code.to_ascii_uppercase()).ok_or_else(|| match lang {
        Lang::En => format!(
            "`{}` is not a region code (use ISO 3166 codes such as CN, GB, US)",
            crate::answer::echo(code)
        ),
        Lang::Zh => format!(
            "`{}` 不是地区代码（请使用 ISO 3166 代码，例如 CN、GB、US）",
            crate::answer::echo(code)
        ),
    })
}

/// Why a check gave no answer.
enum Unanswered {
    /// The input holds no contact: the person's to fix (422).
    Input(String),
    /// The evidence store could not be read (503).
    Store(StoreError),
}

/// Every contact in `text`, answered from the reference, with where the evidence store has seen it (as
/// `hotline check --db` says); or why none could be.
fn check(
    text: &str,
    region: Region,
    lang: Lang,
    reference: &Reference,
    evidence: Option<&Evidence>,
) -> Result<Vec<Checked>, Unanswered> {
    let found =
        identify(text, region, reference).map_err(|e| Unanswered::Input(e.message(text, lang)))?;
    let answers = found
        .into_iter()
        .map(|i| answer(i, reference, Appearances::default()))
        .collect();
    match evidence {
        Some(evidence) => evidence
            .with(|store| with_seen(answers, Some(store)))
            .and_then(|checked| checked)
            .map_err(Unanswered::Store),
        None => with_seen(answers, None).map_err(Unanswered::Store),
    }
}

fn store_error(e: &StoreError) -> Response {
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        format!("the evidence store could not be read: {e}"),
    )
}

/// Runs CPU-bound library work off the async threads, one of a bounded number at a time, with panics
/// caught. The work holds its place until it ends, even when the request has given up waiting for it
/// (the time limit): work still queued then is not started at all.
async fn blocking<T: Send + 'static>(
    state: &AppState,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Response> {
    let Ok(permit) = state.audits.clone().acquire_owned().await else {
        return Err(error(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is stopping",
        ));
    };
    // Set when this request is dropped (timed out, or the client went away) before the work started.
    let abandoned = Arc::new(AtomicBool::new(false));
    let _abandon = Abandon(abandoned.clone());
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        if abandoned.load(Ordering::Acquire) {
            return None;
        }
        Some(guarded(work))
    });
    match task.await {
        Ok(Some(Ok(value))) => Ok(value),
        Ok(Some(Err(why))) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, why_of(Some(why)))),
        Ok(None) | Err(_) => Err(error(StatusCode::INTERNAL_SERVER_ERROR, why_of(None))),
    }
}

/// Marks a request's work as abandoned when the request is dropped.
struct Abandon(Arc<AtomicBool>);

impl Drop for Abandon {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Release);
    }
}

fn why_of(why: Option<String>) -> String {
    match why {
        Some(why) => format!("internal error (please report it): {why}"),
        None => "internal error (please report it): the work was lost".into(),
    }
}

#[derive(Deserialize)]
struct PageQuery {
    lang: Option<String>,
}

async fn page(
    State(state): State<AppState>,
    query: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let asked = query.ok().and_then(|q| q.0.lang);
    let lang = language(asked.as_deref(), &headers);
    Html(check_page(
        lang,
        "",
        "CN",
        Shown::Nothing,
        state.options.reference,
    ))
    .into_response()
}

#[derive(Deserialize)]
struct CheckForm {
    #[serde(default)]
    text: String,
    region: Option<String>,
    lang: Option<String>,
}

async fn page_post(
    State(state): State<AppState>,
    query: Result<Query<PageQuery>, QueryRejection>,
    headers: HeaderMap,
    form: Result<Form<CheckForm>, FormRejection>,
) -> Response {
    let reference = state.options.reference;
    let asked = query.ok().and_then(|q| q.0.lang);
    let form = match form {
        Ok(Form(form)) => form,
        Err(rejection) => {
            let lang = language(asked.as_deref(), &headers);
            let (status, why) = body_error(
                rejection.status(),
                state.options.max_body,
                rejection.body_text(),
            );
            let page = check_page(lang, "", "CN", Shown::Error(&why), reference);
            return (status, Html(page)).into_response();
        }
    };
    let lang = language(form.lang.as_deref().or(asked.as_deref()), &headers);
    let region_text = form.region.clone().unwrap_or_else(|| "CN".into());
    let region = match region(form.region.as_deref(), lang) {
        Ok(r) => r,
        Err(why) => {
            let page = check_page(
                lang,
                &form.text,
                &region_text,
                Shown::Error(&why),
                reference,
            );
            return (StatusCode::BAD_REQUEST, Html(page)).into_response();
        }
    };
    let text = form.text.clone();
    let evidence = state.options.evidence.clone();
    let answered = match blocking(&state, move || {
        check(&text, region, lang, reference, evidence.as_deref())
    })
    .await
    {
        Ok(answered) => answered,
        Err(response) => return response,
    };
    match answered {
        Ok(answers) => Html(check_page(
            lang,
            &form.text,
            &region_text,
            Shown::Answers(&answers),
            reference,
        ))
        .into_response(),
        Err(Unanswered::Store(e)) => store_error(&e),
        Err(Unanswered::Input(why)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(check_page(
                lang,
                &form.text,
                &region_text,
                Shown::Error(&why),
                reference,
            )),
        )
            .into_response(),
    }
}

#[derive(Deserialize)]
struct CheckQuery {
    value: Option<String>,
    region: Option<String>,
    lang: Option<String>,
}

async fn api_check(
    State(state): State<AppState>,
    query: Result<Query<CheckQuery>, QueryRejection>,
) -> Response {
    let query = match query {
        Ok(Query(q)) => q,
        Err(rejection) => return error(StatusCode::BAD_REQUEST, rejection.body_text()),
    };
    let lang = language(query.lang.as_deref(), &HeaderMap::new());
    let Some(value) = query.value else {
        return error(
            StatusCode::BAD_REQUEST,
            "give the value to check: /api/check?value=400-656-0055",
        );
    };
    let region = match region(query.region.as_deref(), lang) {
        Ok(r) => r,
        Err(why) => return error(StatusCode::BAD_REQUEST, why),
    };
    let reference = state.options.reference;
    let evidence = state.options.evidence.clone();
    let answered = match blocking(&state, move || {
        check(&value, region, lang, reference, evidence.as_deref())
    })
    .await
    {
        Ok(answered) => answered,
        Err(response) => return response,
    };
    match answered {
        // As `hotline check --format json [--db]` prints it: one object for one contact, else an array.
        Ok(answers) if answers.len() == 1 => Json(&answers[0]).into_response(),
        Ok(answers) => Json(answers).into_response(),
        Err(Unanswered::Store(e)) => store_error(&e),
        Err(Unanswered::Input(why)) => error(StatusCode::UNPROCESSABLE_ENTITY, why),
    }
}

#[derive(Deserialize)]
struct AuditQuery {
    name: Option<String>,
    region: Option<String>,
}

async fn api_audit(
    State(state): State<AppState>,
    query: Result<Query<AuditQuery>, QueryRejection>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let max = state.options.max_body;
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let (status, why) = body_error(rejection.status(), max, rejection.body_text());
            return error(status, why);
        }
    };
    let query = match query {
        Ok(Query(q)) => q,
        Err(rejection) => return error(StatusCode::BAD_REQUEST, rejection.body_text()),
    };
    if body.is_empty() {
        return error(
            StatusCode::BAD_REQUEST,
            "the request body is empty: send the text or HTML to audit",
        );
    }
    let region = match query.region.as_deref().map(|r| region(Some(r), Lang::En)) {
        None => None,
        Some(Ok(r)) => Some(r),
        Some(Err(why)) => return error(StatusCode::BAD_REQUEST, why),
    };
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let format = match content_type.as_deref().map(str::to_ascii_lowercase) {
        Some(t) if t.starts_with("text/html") || t.starts_with("application/xhtml") => {
            InputFormat::Html
        }
        Some(t) if t.starts_with("text/plain") => InputFormat::Text,
        _ => InputFormat::Auto,
    };
    let name = query.name.unwrap_or_else(|| "request".into());
    let reference = state.options.reference;
    let audited = blocking(&state, move || {
        let item = read_page(&name, &body, format, content_type.as_deref(), max);
        let mut out = Vec::new();
        {
            let mut printer = JsonPrinter::new(Box::new(&mut out));
            let options = RunOptions {
                read: ReadOptions { region },
                ..RunOptions::default()
            };
            let mut run = Run::new(reference, options);
            run.audit_items([item], &mut printer)
                .map_err(|e| e.to_string())?;
            run.finish(&mut printer).map_err(|e| e.to_string())?;
        }
        Ok::<Vec<u8>, String>(out)
    })
    .await;
    match audited {
        Ok(Ok(json)) => (
            [(
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            )],
            json,
        )
            .into_response(),
        Ok(Err(why)) => error(StatusCode::INTERNAL_SERVER_ERROR, why_of(Some(why))),
        Err(response) => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;

    fn state(places: usize) -> AppState {
        AppState {
            options: Options::new(Reference::embedded()),
            audits: Arc::new(Semaphore::new(places)),
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn timed_out_work_keeps_its_place_and_queued_work_never_starts() {
        let state = state(1);
        let ran = Arc::new(AtomicUsize::new(0));
        let slow = {
            let ran = ran.clone();
            move || {
                std::thread::sleep(Duration::from_millis(600));
                ran.fetch_add(1, Ordering::SeqCst);
            }
        };
        // The request gives up after 50 ms; its work goes on, and holds the only place meanwhile.
        let gave_up = tokio::time::timeout(Duration::from_millis(50), blocking(&state, slow)).await;
        assert!(gave_up.is_err());
        assert_eq!(state.audits.available_permits(), 0, "the work still runs");
        // A second request waits for the place, gives up, and its work is never started.
        let queued = {
            let ran = ran.clone();
            move || {
                ran.fetch_add(100, Ordering::SeqCst);
            }
        };
        let gave_up =
            tokio::time::timeout(Duration::from_millis(50), blocking(&state, queued)).await;
        assert!(gave_up.is_err());
        tokio::time::sleep(Duration::from_millis(1200)).await;
        assert_eq!(ran.load(Ordering::SeqCst), 1, "only the first work ran");
        assert_eq!(
            state.audits.available_permits(),
            1,
            "its place is free again"
        );
        // Work that is not abandoned runs and answers.
        assert_eq!(blocking(&state, || 7).await.ok(), Some(7));
    }
}
