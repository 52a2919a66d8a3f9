//! SQL text for writing a row whose columns are known only at run time (a journal entry
//! replayed, a change pulled from the hub). Column names come from our own schema or a
//! checked change, and are quoted all the same.

/// `"name"`, quoted as SQL quotes an identifier.
pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// `UPDATE table SET "a" = ?1, "b" = ?2 WHERE id = ?3`: the values in column order, the id last.
pub(super) fn update_by_id<S: AsRef<str>>(table: &str, columns: &[S]) -> String {
    let set = columns
        .iter()
        .enumerate()
        .map(|(i, c)| format!("{} = ?{}", quote(c.as_ref()), i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    format!("UPDATE {table} SET {set} WHERE id = ?{}", columns.len() + 1)
}

/// `INSERT INTO table ("a", "b") VALUES (?1, ?2)`: the values in column order.
pub(super) fn insert<S: AsRef<str>>(table: &str, columns: &[S]) -> String {
    let names = columns
        .iter()
        .map(|c| quote(c.as_ref()))
        .collect::<Vec<_>>()
        .join(", ");
    let values = (1..=columns.len())
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ");
    format!("INSERT INTO {table} ({names}) VALUES ({values})")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_quote_each_column_and_number_the_values() {
        assert_eq!(
            update_by_id("engineers", &["notes", "a\"b"]),
            "UPDATE engineers SET \"notes\" = ?1, \"a\"\"b\" = ?2 WHERE id = ?3"
        );
        assert_eq!(
            insert("clients", &["id", "name"]),
            "INSERT INTO clients (\"id\", \"name\") VALUES (?1, ?2)"
        );
    }
}
