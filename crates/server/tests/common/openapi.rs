//! The OpenAPI document as a checker of real answers, for the tests that validate them.

use serde_json::Value;

/// The OpenAPI document as a JSON Schema 2020-12 resource: a response is valid when it
/// satisfies the schema at `paths/{template}/get/responses/{status}/content/{type}/schema`.
pub struct OpenApi(pub Value);

impl OpenApi {
    fn pointer_escape(s: &str) -> String {
        s.replace('~', "~0").replace('/', "~1")
    }

    /// Validates one real answer; returns what is wrong, empty when it is right.
    pub fn check(
        &self,
        template: &str,
        path: &str,
        status: u16,
        content_type: &str,
        body: &Value,
    ) -> Vec<String> {
        let media = content_type.split(';').next().unwrap_or("").trim();
        let pointer = format!(
            "/paths/{}/get/responses/{status}/content/{}/schema",
            Self::pointer_escape(template),
            Self::pointer_escape(media)
        );
        if self.0.pointer(&pointer).is_none() {
            return vec![format!(
                "{path}: {status} {media} is not documented under {template}"
            )];
        }
        let mut root = self.0.clone();
        root["$schema"] = "https://json-schema.org/draft/2020-12/schema".into();
        // A JSON pointer in a URI fragment: `{` and `}` of path templates percent-encoded.
        root["$ref"] = format!("#{}", pointer.replace('{', "%7B").replace('}', "%7D")).into();
        let validator = jsonschema::options()
            .should_validate_formats(true)
            .build(&root)
            .unwrap_or_else(|e| panic!("the schema of {template} {status} compiles: {e}"));
        validator
            .iter_errors(body)
            .map(|e| {
                let what: String = e
                    .to_string()
                    .chars()
                    .rev()
                    .take(160)
                    .collect::<Vec<_>>()
                    .into_iter()
                    .rev()
                    .collect();
                format!("{path} ({status}): …{what} at {}", e.instance_path())
            })
            .collect()
    }
}
