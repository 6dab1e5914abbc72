//! Editing an assistant's JSON settings (comments and trailing commas allowed, as Gemini's
//! and hand-written files have them) by splicing text: a key set or an element added goes
//! in after the last member of its container, rendered in the file's own indentation and
//! line endings; nothing else moves, and removing it puts back the bytes that were there.

mod splice;

use jsonc_parser::ast::{Object, ObjectPropName, Value as Node};
use jsonc_parser::common::Ranged;
use jsonc_parser::{CollectOptions, ParseOptions, parse_to_ast};
use serde_json::Value;

use crate::store::Emptied;
use splice::{Container, Style};

/// What the parser accepts: JSON with comments and trailing commas, nothing looser (a file
/// in another dialect is refused rather than guessed at).
fn options() -> ParseOptions {
    ParseOptions {
        allow_comments: true,
        allow_trailing_commas: true,
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// The result of an edit: the new text, the containers it created (by their paths of
/// keys) and, when it added to an empty container, the white space that one held.
#[derive(Debug)]
pub struct Edit {
    /// The file's new text.
    pub text: String,
    /// Objects and arrays created around the entry.
    pub created: Vec<Vec<String>>,
    /// The empty container the entry went into, with what it held.
    pub emptied: Option<Emptied>,
}

/// Checks that `text` is JSON(C) whose top level is an object (or nothing at all); the
/// message says what is wrong and where.
pub fn check(text: &str) -> Result<(), String> {
    match root(text)? {
        None | Some(Node::Object(_)) => Ok(()),
        Some(_) => Err("its top level is not an object".into()),
    }
}

fn root(text: &str) -> Result<Option<Node<'_>>, String> {
    parse_to_ast(text, &CollectOptions::default(), &options())
        .map(|r| r.value)
        .map_err(|e| e.to_string())
}

/// The value at `path`, if any.
pub fn get(text: &str, path: &[String]) -> Result<Option<Value>, String> {
    let root = root(text)?;
    let Some(node) = root.as_ref().and_then(|r| walk(r, path)) else {
        return Ok(None);
    };
    Ok(Some(value_of(text, node)?))
}

/// A node's value, read from its text.
fn value_of(text: &str, node: &Node<'_>) -> Result<Value, String> {
    let r = node.range();
    jsonc_parser::parse_to_serde_value(&text[r.start..r.end], &options()).map_err(|e| e.to_string())
}

/// The node at `path` below `node`, following object keys.
fn walk<'a, 'b>(node: &'b Node<'a>, path: &[String]) -> Option<&'b Node<'a>> {
    let Some((first, rest)) = path.split_first() else {
        return Some(node);
    };
    let object = node.as_object()?;
    let prop = object.properties.iter().find(|p| name(&p.name) == first)?;
    walk(&prop.value, rest)
}

fn name<'a>(n: &'a ObjectPropName<'_>) -> &'a str {
    match n {
        ObjectPropName::String(s) => s.value.as_ref(),
        ObjectPropName::Word(w) => w.value,
    }
}

fn container(node: &Node<'_>) -> Option<Container> {
    let r = node.range();
    let members = match node {
        Node::Object(o) => o.properties.iter().map(|p| p.range()).collect::<Vec<_>>(),
        Node::Array(a) => a.elements.iter().map(|e| e.range()).collect(),
        _ => return None,
    };
    Some(Container {
        span: r.start..r.end,
        members: members.into_iter().map(|m| m.start..m.end).collect(),
    })
}

/// Sets the key at `path` to `value`, creating the objects on the way. A key already there
/// is replaced in place.
pub fn set(text: &str, path: &[String], value: &Value) -> Result<Edit, String> {
    let (key, parent) = path.split_last().ok_or("an empty path")?;
    let text = if text.trim().is_empty() { "{}" } else { text };
    let root = root(text)?.ok_or("no top level")?;
    if let Some(node) = walk(&root, path) {
        let r = node.range();
        let style = Style::of(text);
        let indent = splice::indent_at(text, r.start).to_string();
        let rendered = render(value, &style, &indent);
        let mut out = text.to_string();
        out.replace_range(r.start..r.end, &rendered);
        return Ok(Edit {
            text: out,
            created: Vec::new(),
            emptied: None,
        });
    }
    add(text, &root, parent, key, value.clone())
}

/// Adds `element` at the end of the array at `path`, creating it and the objects on the
/// way.
pub fn push(text: &str, path: &[String], element: &Value) -> Result<Edit, String> {
    let text = if text.trim().is_empty() { "{}" } else { text };
    let root = root(text)?.ok_or("no top level")?;
    match walk(&root, path) {
        Some(Node::Array(_)) => {
            let node = walk(&root, path).expect("found above");
            insert(text, node, path, None, element)
        }
        Some(_) => Err(format!("{} is not an array", dotted(path))),
        None => {
            let (key, parent) = path.split_last().ok_or("an empty path")?;
            let mut edit = add(
                text,
                &root,
                parent,
                key,
                Value::Array(vec![element.clone()]),
            )?;
            edit.created.push(path.to_vec());
            Ok(edit)
        }
    }
}

/// Adds `key: value` in the deepest object of `parent` that exists, wrapping it in the
/// objects that do not (which are reported as created).
fn add(
    text: &str,
    root: &Node<'_>,
    parent: &[String],
    key: &str,
    value: Value,
) -> Result<Edit, String> {
    let depth = (0..=parent.len())
        .rev()
        .find(|&n| walk(root, &parent[..n]).is_some())
        .unwrap_or(0);
    let node = walk(root, &parent[..depth]).expect("depth exists");
    if node.as_object().is_none() {
        return Err(format!("{} is not an object", dotted(&parent[..depth])));
    }
    let mut value = value;
    let mut name = key.to_string();
    for k in parent[depth..].iter().rev() {
        let mut wrap = serde_json::Map::new();
        wrap.insert(name, value);
        value = Value::Object(wrap);
        name = k.clone();
    }
    let mut edit = insert(text, node, &parent[..depth], Some(&name), &value)?;
    for n in depth..parent.len() {
        edit.created.push(parent[..=n].to_vec());
    }
    Ok(edit)
}

/// Inserts `value` (as `key: value` in an object) at the end of the container `node`,
/// whose path is `path`.
fn insert(
    text: &str,
    node: &Node<'_>,
    path: &[String],
    key: Option<&str>,
    value: &Value,
) -> Result<Edit, String> {
    let c = container(node).ok_or_else(|| format!("{} is not a container", dotted(path)))?;
    let style = Style::of(text);
    let label = key.map(|k| format!("{}: ", Value::String(k.to_string())));
    let label = label.unwrap_or_default();
    let pretty = |indent: &str| format!("{label}{}", render(value, &style, indent));
    let compact = format!("{label}{value}");
    let (text, inside) = splice::insert(text, &c, &style, pretty, &compact);
    Ok(Edit {
        text,
        created: Vec::new(),
        emptied: inside.map(|inside| Emptied {
            path: path.to_vec(),
            inside,
        }),
    })
}

/// `value` rendered over several lines in the file's style, its lines after the first
/// starting at `indent`.
fn render(value: &Value, style: &Style, indent: &str) -> String {
    let mut bytes = Vec::new();
    let formatter = serde_json::ser::PrettyFormatter::with_indent(style.unit.as_bytes());
    let mut ser = serde_json::Serializer::with_formatter(&mut bytes, formatter);
    serde::Serialize::serialize(value, &mut ser).expect("a JSON value serializes");
    let pretty = String::from_utf8(bytes).expect("serde_json writes UTF-8");
    pretty.replace('\n', &format!("{}{indent}", style.newline))
}

/// Removes the key at `path`, if it is there.
pub fn remove(text: &str, path: &[String], emptied: &[Emptied]) -> Result<String, String> {
    let Some((key, parent)) = path.split_last() else {
        return Ok(text.to_string());
    };
    let Some(root) = root(text)? else {
        return Ok(text.to_string());
    };
    let Some(Node::Object(object)) = walk(&root, parent) else {
        return Ok(text.to_string());
    };
    let Some(index) = object.properties.iter().position(|p| name(&p.name) == key) else {
        return Ok(text.to_string());
    };
    let c = container(walk(&root, parent).expect("found above")).expect("an object");
    Ok(splice::remove(text, &c, index, inside(emptied, parent)))
}

/// Removes the elements of the array at `path` for which `ours` holds, last first.
pub fn remove_elements(
    text: &str,
    path: &[String],
    emptied: &[Emptied],
    ours: impl Fn(&Value) -> bool,
) -> Result<String, String> {
    let mut text = text.to_string();
    loop {
        let Some(root) = root(&text)? else {
            return Ok(text);
        };
        let Some(node @ Node::Array(array)) = walk(&root, path) else {
            return Ok(text);
        };
        let mut found = None;
        for (i, element) in array.elements.iter().enumerate().rev() {
            if ours(&value_of(&text, element)?) {
                found = Some(i);
                break;
            }
        }
        let Some(index) = found else {
            return Ok(text);
        };
        let c = container(node).expect("an array");
        text = splice::remove(&text, &c, index, inside(emptied, path));
    }
}

fn inside<'a>(emptied: &'a [Emptied], path: &[String]) -> Option<&'a str> {
    emptied
        .iter()
        .find(|e| e.path == path)
        .map(|e| e.inside.as_str())
}

/// Whether the object or array at `path` holds nothing (no member, no comment).
pub fn is_empty(text: &str, path: &[String]) -> Result<bool, String> {
    let Some(root) = root(text)? else {
        return Ok(true);
    };
    Ok(walk(&root, path).is_some_and(|node| {
        let r = node.range();
        matches!(node, Node::Object(_) | Node::Array(_))
            && text[r.start + 1..r.end - 1].trim().is_empty()
    }))
}

/// The top-level object's keys, to tell an emptied file from one with content.
pub fn top_keys(text: &str) -> Result<Vec<String>, String> {
    Ok(match root(text)? {
        Some(Node::Object(Object { properties, .. })) => properties
            .iter()
            .map(|p| name(&p.name).to_string())
            .collect(),
        _ => Vec::new(),
    })
}

/// `hooks.SessionStart`, or `the top level`.
pub fn dotted(path: &[String]) -> String {
    if path.is_empty() {
        "the top level".into()
    } else {
        path.join(".")
    }
}

#[cfg(test)]
mod tests;
