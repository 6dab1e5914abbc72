//! Editing Codex's `config.toml` with `toml_edit`, which keeps every comment, blank line and
//! key order of the rest of the file: a table tether adds goes at the end, a key at the end
//! of its table, and removing them gives back the text that was there.

use serde_json::Value;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Table};

use super::jsonc::{Edit, dotted};

fn parse(text: &str) -> Result<DocumentMut, String> {
    text.parse::<DocumentMut>()
        .map_err(|e| e.to_string().trim().replace('\n', " "))
}

/// Checks that `text` is TOML; the message says what is wrong and where.
pub fn check(text: &str) -> Result<(), String> {
    parse(text).map(|_| ())
}

/// The item at `path`, as JSON (tables and arrays of plain values), if any.
pub fn get(text: &str, path: &[String]) -> Result<Option<Value>, String> {
    let doc = parse(text)?;
    Ok(walk(doc.as_item(), path).map(to_json))
}

fn walk<'a>(item: &'a Item, path: &[String]) -> Option<&'a Item> {
    match path.split_first() {
        None => Some(item),
        Some((first, rest)) => walk(item.as_table_like()?.get(first)?, rest),
    }
}

fn to_json(item: &Item) -> Value {
    match item {
        Item::Value(v) => value_json(v),
        Item::Table(t) => table_json(t.iter()),
        Item::ArrayOfTables(a) => Value::Array(a.iter().map(|t| table_json(t.iter())).collect()),
        Item::None => Value::Null,
    }
}

fn table_json<'a>(items: impl Iterator<Item = (&'a str, &'a Item)>) -> Value {
    Value::Object(items.map(|(k, v)| (k.to_string(), to_json(v))).collect())
}

fn value_json(v: &toml_edit::Value) -> Value {
    use toml_edit::Value as V;
    match v {
        V::String(s) => Value::String(s.value().clone()),
        V::Integer(i) => Value::from(*i.value()),
        V::Float(f) => Value::from(*f.value()),
        V::Boolean(b) => Value::Bool(*b.value()),
        V::Datetime(d) => Value::String(d.value().to_string()),
        V::Array(a) => Value::Array(a.iter().map(value_json).collect()),
        V::InlineTable(t) => Value::Object(
            t.iter()
                .map(|(k, v)| (k.to_string(), value_json(v)))
                .collect(),
        ),
    }
}

/// A JSON value as a TOML value (objects inline); `None` for null.
fn to_value(v: &Value) -> Option<toml_edit::Value> {
    Some(match v {
        Value::Null => return None,
        Value::Bool(b) => (*b).into(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.into(),
            None => n.as_f64()?.into(),
        },
        Value::String(s) => s.as_str().into(),
        Value::Array(a) => a.iter().filter_map(to_value).collect::<Array>().into(),
        Value::Object(o) => {
            let mut t = InlineTable::new();
            for (k, v) in o {
                if let Some(v) = to_value(v) {
                    t.insert(k, v);
                }
            }
            t.into()
        }
    })
}

/// A JSON object as a table of its own (`[a.b]`), its objects as inline tables; anything
/// else as a value.
fn to_item(v: &Value) -> Item {
    match v {
        Value::Object(o) => {
            let mut t = Table::new();
            for (k, v) in o {
                if let Some(v) = to_value(v) {
                    t.insert(k, Item::Value(v));
                }
            }
            Item::Table(t)
        }
        other => to_value(other).map_or(Item::None, Item::Value),
    }
}

/// Sets `path` to `value`, creating the tables on the way (an intermediate table that
/// only holds tables is left implicit, as `[mcp_servers.tether]` needs no `[mcp_servers]`).
pub fn set(text: &str, path: &[String], value: &Value) -> Result<Edit, String> {
    let mut doc = parse(text)?;
    let (key, parents) = path.split_last().ok_or("an empty path")?;
    let leaf_is_table = value.is_object();
    let mut created = Vec::new();
    let mut table = doc.as_table_mut();
    for (n, name) in parents.iter().enumerate() {
        if !table.contains_key(name) {
            let mut t = Table::new();
            t.set_implicit(leaf_is_table && n + 1 == parents.len());
            table.insert(name, Item::Table(t));
            created.push(path[..=n].to_vec());
        }
        table = table[name.as_str()]
            .as_table_mut()
            .ok_or_else(|| format!("{} is not a table", dotted(&path[..=n])))?;
    }
    match (table.get_mut(key), to_item(value)) {
        (Some(Item::Value(old)), Item::Value(new)) => {
            let decor = old.decor().clone();
            *old = new;
            *old.decor_mut() = decor;
        }
        (_, item) => {
            table.insert(key, item);
        }
    }
    Ok(Edit {
        text: doc.to_string(),
        created,
        emptied: None,
    })
}

/// Removes the item at `path`, if it is there.
pub fn remove(text: &str, path: &[String]) -> Result<String, String> {
    let mut doc = parse(text)?;
    let Some((key, parents)) = path.split_last() else {
        return Ok(text.to_string());
    };
    let mut table = doc.as_table_mut();
    for name in parents {
        match table.get_mut(name).and_then(Item::as_table_mut) {
            Some(t) => table = t,
            None => return Ok(text.to_string()),
        }
    }
    if table.remove(key).is_none() {
        return Ok(text.to_string());
    }
    Ok(doc.to_string())
}

/// Whether the table at `path` holds nothing.
pub fn is_empty(text: &str, path: &[String]) -> Result<bool, String> {
    let doc = parse(text)?;
    Ok(walk(doc.as_item(), path)
        .and_then(Item::as_table_like)
        .is_some_and(|t| t.is_empty()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn p(keys: &[&str]) -> Vec<String> {
        keys.iter().map(|k| k.to_string()).collect()
    }

    #[test]
    fn adding_then_removing_gives_back_every_byte() {
        let server =
            json!({"command": "/bin/tether", "args": ["mcp"], "env": {"TETHER_HOME": "/h"}});
        for original in [
            "",
            "model = \"o3\"\n",
            "# my codex\nmodel = \"o3\"   # best\n\n[features]\nweb_search = true # yes\n\n[profiles.x]\nmodel = \"y\"\n",
            "[mcp_servers.other]\ncommand = \"x\"\n\n# trailing comment\n",
            "[features]\n",
        ] {
            let a = set(original, &p(&["mcp_servers", "tether"]), &server).unwrap();
            let b = set(&a.text, &p(&["features", "hooks"]), &json!(true)).unwrap();
            assert_eq!(
                get(&b.text, &p(&["mcp_servers", "tether"])).unwrap(),
                Some(server.clone())
            );
            assert_eq!(
                get(&b.text, &p(&["features", "hooks"])).unwrap(),
                Some(json!(true))
            );
            let mut text = remove(&b.text, &p(&["features", "hooks"])).unwrap();
            for c in &b.created {
                if is_empty(&text, c).unwrap() {
                    text = remove(&text, c).unwrap();
                }
            }
            text = remove(&text, &p(&["mcp_servers", "tether"])).unwrap();
            for c in &a.created {
                if is_empty(&text, c).unwrap() {
                    text = remove(&text, c).unwrap();
                }
            }
            assert_eq!(text, original, "{}", b.text);
        }
    }

    #[test]
    fn the_server_is_a_table_of_its_own_and_bad_toml_is_refused() {
        let edit = set(
            "model = \"o3\"\n",
            &p(&["mcp_servers", "tether"]),
            &json!({"command": "t", "args": ["mcp"]}),
        )
        .unwrap();
        assert_eq!(
            edit.text,
            "model = \"o3\"\n\n[mcp_servers.tether]\ncommand = \"t\"\nargs = [\"mcp\"]\n"
        );
        assert_eq!(edit.created, vec![p(&["mcp_servers"])]);
        let err = check("model = \n").unwrap_err();
        assert!(err.contains("line 1"), "{err}");
        let err = set("features = 1\n", &p(&["features", "hooks"]), &json!(true)).unwrap_err();
        assert_eq!(err, "features is not a table");
    }
}
