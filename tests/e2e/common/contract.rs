//! Response validation against `openapi.yaml`: every response an end-to-end test receives must
//! be a status its operation documents, with a documented content type, the headers the spec
//! marks required, and a body that matches the documented schema (`$ref`s resolved).
//!
//! A path the spec does not list must be the server's "no route" 404, and a method a listed
//! path does not have must be its 405: the spec describes both in `components.responses`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use reqwest::blocking::Response;
use reqwest::header::HeaderMap;
use serde_json::Value;

/// The path of the spec.
pub fn spec_path() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("openapi.yaml")
}

/// The methods an OpenAPI path item may hold.
pub const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What a request's method and path are in the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// A documented operation: the path template and the method in lower case.
    Operation { template: String, method: String },
    /// A documented path without this method: the server answers 405.
    MethodNotAllowed { template: String },
    /// No documented path: the server answers its "no route" 404.
    NoRoute,
}

thread_local! {
    /// Every (method, path template, status) answered as documented so far on this thread: one
    /// test's own requests (libtest runs each test on a thread of its own), so a test that checks
    /// coverage counts only what it did itself, not what other tests of the binary did.
    static SEEN: std::cell::RefCell<std::collections::BTreeSet<(String, String, u16)>> =
        std::cell::RefCell::default();
}

/// What this test has had answered as documented so far.
pub fn seen() -> std::collections::BTreeSet<(String, String, u16)> {
    SEEN.with(|s| s.borrow().clone())
}

/// The parsed spec, with compiled schemas cached.
pub struct Spec {
    doc: Value,
    validators: Mutex<HashMap<String, Arc<jsonschema::Validator>>>,
}

/// The spec, loaded once per test binary.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let text = std::fs::read_to_string(spec_path()).expect("read openapi.yaml");
        Spec::parse(&text).unwrap_or_else(|e| panic!("openapi.yaml: {e}"))
    })
}

/// Validates a response received for `method` `path` and returns an equivalent one, so a
/// test can go on reading status, headers and body. Panics with the reason on any mismatch.
pub fn checked(method: &str, path: &str, res: Response) -> Response {
    let status = res.status();
    let version = res.version();
    let headers = res.headers().clone();
    let body = res.bytes().expect("read response body");
    if let Err(why) = spec().check(method, path, status.as_u16(), &headers, &body) {
        panic!(
            "response does not match openapi.yaml: {method} {path} -> {status}: {why}\nbody: {}",
            String::from_utf8_lossy(&body[..body.len().min(2000)])
        );
    }
    let mut rebuilt = http::Response::builder().status(status).version(version);
    *rebuilt.headers_mut().expect("builder") = headers;
    Response::from(rebuilt.body(body).expect("rebuilt response"))
}

impl Spec {
    /// Parses the YAML text of an OpenAPI document.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let doc: Value = serde_norway::from_str(text).map_err(|e| e.to_string())?;
        if !doc["paths"].is_object() || !doc["components"].is_object() {
            return Err("no paths or no components".into());
        }
        Ok(Spec {
            doc,
            validators: Mutex::new(HashMap::new()),
        })
    }

    /// The document as JSON.
    pub fn doc(&self) -> &Value {
        &self.doc
    }

    /// Every (method in lower case, path template) the spec documents.
    pub fn operations(&self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        for (path, item) in self.doc["paths"].as_object().into_iter().flatten() {
            for m in METHODS {
                if item.get(m).is_some() {
                    out.push((m.to_string(), path.clone()));
                }
            }
        }
        out
    }

    /// Follows a local `$ref` (`#/components/...`) to the value it names; other values as
    /// they are.
    pub fn resolve<'a>(&'a self, v: &'a Value) -> Result<&'a Value, String> {
        let mut v = v;
        for _ in 0..16 {
            match v.get("$ref").and_then(Value::as_str) {
                Some(r) => v = self.pointer(r)?,
                None => return Ok(v),
            }
        }
        Err("a $ref cycle".into())
    }

    /// The value at a local reference such as `#/components/schemas/Problem`.
    pub fn pointer(&self, reference: &str) -> Result<&Value, String> {
        let p = reference
            .strip_prefix('#')
            .ok_or_else(|| format!("only local references are used: {reference}"))?;
        self.doc
            .pointer(p)
            .ok_or_else(|| format!("{reference} names nothing"))
    }

    /// Finds what `method` `path` is in the spec: the template with the most literal segments
    /// wins (`/v1/policies/{nation}` against `/v1/policies/DE`).
    pub fn route(&self, method: &str, path: &str) -> Lookup {
        let method = method.to_ascii_lowercase();
        let got: Vec<&str> = path.split('/').collect();
        let mut best: Option<(usize, &String, &Value)> = None;
        for (template, item) in self.doc["paths"].as_object().into_iter().flatten() {
            let want: Vec<&str> = template.split('/').collect();
            if want.len() != got.len() {
                continue;
            }
            let mut literal = 0;
            let fits = want.iter().zip(&got).all(|(w, g)| {
                if w.starts_with('{') && w.ends_with('}') {
                    !g.is_empty()
                } else {
                    literal += 1;
                    w == g
                }
            });
            if fits && best.is_none_or(|(n, _, _)| literal > n) {
                best = Some((literal, template, item));
            }
        }
        match best {
            None => Lookup::NoRoute,
            Some((_, template, item)) if item.get(&method).is_some() => Lookup::Operation {
                template: template.clone(),
                method,
            },
            Some((_, template, _)) => Lookup::MethodNotAllowed {
                template: template.clone(),
            },
        }
    }

    /// The documented response for a status: the exact code, then `4XX`-style, then `default`.
    fn response_for(&self, route: &Lookup, status: u16) -> Result<(String, &Value), String> {
        let (name, response) = match route {
            Lookup::NoRoute => (
                "#/components/responses/NoRoute".to_string(),
                self.pointer("#/components/responses/NoRoute")?,
            ),
            Lookup::MethodNotAllowed { .. } => (
                "#/components/responses/MethodNotAllowed".to_string(),
                self.pointer("#/components/responses/MethodNotAllowed")?,
            ),
            Lookup::Operation { template, method } => {
                let responses = &self.doc["paths"][template][method]["responses"];
                let code = status.to_string();
                let range = format!("{}XX", status / 100);
                let (key, r) = [code.as_str(), range.as_str(), "default"]
                    .into_iter()
                    .find_map(|k| responses.get(k).map(|r| (k, r)))
                    .ok_or_else(|| {
                        let documented: Vec<&String> = responses
                            .as_object()
                            .into_iter()
                            .flatten()
                            .map(|(k, _)| k)
                            .collect();
                        format!("status {status} is not documented (documented: {documented:?})")
                    })?;
                (
                    format!("{} {template} {key}", method.to_uppercase()),
                    self.resolve(r)?,
                )
            }
        };
        let expected = match route {
            Lookup::NoRoute => Some(404),
            Lookup::MethodNotAllowed { .. } => Some(405),
            Lookup::Operation { .. } => None,
        };
        if let Some(want) = expected {
            if status != want {
                return Err(format!("{route:?} must answer {want}"));
            }
        }
        Ok((name, response))
    }

    /// Checks one response; `Err` says what does not match.
    pub fn check(
        &self,
        method: &str,
        path: &str,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), String> {
        let route = self.route(method, path);
        self.check_route(&route, method, status, headers, body)?;
        if let Lookup::Operation { template, method } = route {
            SEEN.with(|s| s.borrow_mut().insert((method, template, status)));
        }
        Ok(())
    }

    fn check_route(
        &self,
        route: &Lookup,
        method: &str,
        status: u16,
        headers: &HeaderMap,
        body: &[u8],
    ) -> Result<(), String> {
        let (name, response) = self.response_for(route, status)?;
        for (header, spec) in response["headers"].as_object().into_iter().flatten() {
            let spec = self.resolve(spec)?;
            match headers.get(header.as_str()) {
                None if spec["required"] == Value::Bool(true) => {
                    return Err(format!("{name}: required header {header} is missing"))
                }
                None => {}
                Some(v) => {
                    let v = v
                        .to_str()
                        .map_err(|_| format!("{name}: header {header} is not visible ASCII"))?;
                    let schema = &spec["schema"];
                    if !schema.is_null() {
                        self.validate_value(
                            &format!("{name} header {header}"),
                            schema,
                            &Value::String(v.to_string()),
                        )
                        .map_err(|e| format!("header {header}: {e}"))?;
                    }
                }
            }
        }
        let Some(content) = response.get("content").and_then(Value::as_object) else {
            return if body.is_empty() || method.eq_ignore_ascii_case("head") {
                Ok(())
            } else {
                Err(format!(
                    "{name}: documents no body but got {} bytes",
                    body.len()
                ))
            };
        };
        let content_type = headers
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| format!("{name}: no Content-Type"))?;
        let essence = content_type
            .split(';')
            .next()
            .unwrap_or("")
            .trim()
            .to_ascii_lowercase();
        let (media, spec) = content
            .iter()
            .find(|(k, _)| k.to_ascii_lowercase() == essence)
            .ok_or_else(|| {
                let documented: Vec<&String> = content.keys().collect();
                format!("{name}: Content-Type {content_type} is not documented ({documented:?})")
            })?;
        let schema = spec
            .get("schema")
            .ok_or_else(|| format!("{name} {media}: no schema"))?;
        let instance = if essence == "application/json" || essence.ends_with("+json") {
            serde_json::from_slice::<Value>(body)
                .map_err(|e| format!("{name}: the body is not JSON: {e}"))?
        } else if essence == "application/yaml" {
            serde_norway::from_slice::<Value>(body)
                .map_err(|e| format!("{name}: the body is not YAML: {e}"))?
        } else {
            Value::String(
                String::from_utf8(body.to_vec())
                    .map_err(|_| format!("{name}: the {media} body is not UTF-8"))?,
            )
        };
        self.validate_value(&format!("{name} {media}"), schema, &instance)
    }

    /// Validates `instance` against `schema` (a part of this document), compiling it once.
    pub fn validate_value(
        &self,
        key: &str,
        schema: &Value,
        instance: &Value,
    ) -> Result<(), String> {
        let validator = self.validator(key, schema)?;
        let errors: Vec<String> = validator
            .iter_errors(instance)
            .take(10)
            .map(|e| {
                let at = e.instance_path().to_string();
                format!("at `{}`: {e}", if at.is_empty() { "/" } else { &at })
            })
            .collect();
        if errors.is_empty() {
            Ok(())
        } else {
            Err(format!("{key}: {}", errors.join("; ")))
        }
    }

    /// A validator for `schema`, whose `#/components/...` references resolve in this document.
    pub fn validator(
        &self,
        key: &str,
        schema: &Value,
    ) -> Result<Arc<jsonschema::Validator>, String> {
        if let Some(v) = self
            .validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(key)
        {
            return Ok(v.clone());
        }
        // The schema becomes the root of a document that also carries `components`, so that
        // `#/components/schemas/X` means the same as in openapi.yaml.
        let mut root = match schema {
            Value::Object(m) => m.clone(),
            other => return Err(format!("{key}: the schema is not an object: {other}")),
        };
        root.insert("components".into(), self.doc["components"].clone());
        let compiled = jsonschema::options()
            .with_draft(jsonschema::Draft::Draft202012)
            .should_validate_formats(true)
            .build(&Value::Object(root))
            .map_err(|e| format!("{key}: the schema does not compile: {e}"))?;
        let compiled = Arc::new(compiled);
        self.validators
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(key.to_string(), compiled.clone());
        Ok(compiled)
    }
}
