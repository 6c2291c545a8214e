//! Reading nested values of platform JSON by key path.

use serde_json::Value;

/// The value at `path` (object keys), if every step exists.
pub(crate) fn at<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |v, key| v.get(key))
}

/// The non-blank string or number at `path`, as text.
pub(crate) fn text(value: &Value, path: &[&str]) -> Option<String> {
    match at(value, path)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// The elements of the array at `path`; empty when there is none.
pub(crate) fn list<'v>(value: &'v Value, path: &[&str]) -> &'v [Value] {
    at(value, path)
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// The non-negative integer at `path` (a number or a numeric string).
pub(crate) fn count(value: &Value, path: &[&str]) -> Option<u64> {
    match at(value, path)? {
        Value::Number(n) => n.as_u64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// For each element of the array at `path`, the first of `keys` it has as text.
pub(crate) fn texts_of(value: &Value, path: &[&str], keys: &[&str]) -> Vec<String> {
    list(value, path)
        .iter()
        .filter_map(|item| keys.iter().find_map(|k| text(item, &[k])))
        .collect()
}
