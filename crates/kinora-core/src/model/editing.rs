//! One claim changed at a time, as an editor's form does: the claim lists
//! an entity kind has, the form of each list's claims, the claims as the
//! form shows them, and adding, changing or removing one claim, checked by
//! the claim's own type (a value that does not read is an error naming its
//! field, and nothing changes).

use serde_json::Value;

use crate::claim::{List, ListClaim, ListVisitor, ListVisitorMut};
use crate::form::Input;
use crate::traverse::NameOf;

use super::entity::Entity;

/// What an editor does to one claim of a list. The claim is given as the
/// JSON the catalog format writes it in, its sources and note included.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimEdit {
    Add(Value),
    Change(usize, Value),
    Remove(usize),
}

/// Why an edit was refused: the field it names (`date`, `sources[0].quote`)
/// and what is wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", field.as_ref().map(|f| format!("{f}: ")).unwrap_or_default())]
pub struct ClaimEditError {
    pub field: Option<String>,
    pub message: String,
}

impl ClaimEditError {
    fn whole(message: impl Into<String>) -> ClaimEditError {
        ClaimEditError {
            field: None,
            message: message.into(),
        }
    }
}

/// A claim list as the editor shows it.
#[derive(Debug, Clone)]
pub struct ListForm {
    pub name: &'static str,
    /// The form of one claim's value.
    pub input: Input,
    /// Each claim as JSON, in the list's order.
    pub claims: Vec<Value>,
    /// Each claim read out in a line: "Planned release · South Korea · May 2008".
    pub readings: Vec<String>,
}

impl Entity {
    /// The claim lists this entity's kind has, with how many claims each
    /// holds (pictures have an editor of their own and are left out).
    pub fn claim_lists(&self) -> Vec<(&'static str, usize)> {
        struct Names(Vec<(&'static str, usize)>);
        impl<'a> ListVisitor<'a> for Names {
            fn visit<C: ListClaim + 'a>(&mut self, list: List, claims: &'a [C]) {
                if list.name != "images" {
                    self.0.push((list.name, claims.len()));
                }
            }
        }
        let mut names = Names(Vec::new());
        self.each_list(&mut names);
        names.0
    }

    /// One claim list's form and claims, read out with the names of the
    /// entities they refer to; none if the kind has no such list.
    pub fn list_form(&self, name: &str, names: &NameOf<'_>) -> Option<ListForm> {
        struct Form<'n, 'f> {
            name: &'n str,
            names: &'n NameOf<'f>,
            found: Option<ListForm>,
        }
        impl<'a> ListVisitor<'a> for Form<'_, '_> {
            fn visit<C: ListClaim + 'a>(&mut self, list: List, claims: &'a [C]) {
                if list.name == self.name && list.name != "images" {
                    self.found = Some(ListForm {
                        name: list.name,
                        input: C::input(),
                        claims: claims
                            .iter()
                            .map(|claim| serde_json::to_value(claim).unwrap_or(Value::Null))
                            .collect(),
                        readings: claims
                            .iter()
                            .map(|claim| claim.describe_value(self.names).join(" · "))
                            .collect(),
                    });
                }
            }
        }
        let mut form = Form {
            name,
            names,
            found: None,
        };
        self.each_list(&mut form);
        form.found
    }

    /// Adds, changes or removes one claim of a list. A claim marked
    /// preferred takes the mark from the others of its list. The entity is
    /// left as it was when the edit is refused.
    pub fn edit_claim(&mut self, name: &str, edit: ClaimEdit) -> Result<(), ClaimEditError> {
        struct Apply<'n> {
            name: &'n str,
            edit: Option<ClaimEdit>,
            done: Option<Result<(), ClaimEditError>>,
        }
        impl ListVisitorMut for Apply<'_> {
            fn visit<C: ListClaim>(&mut self, list: List, claims: &mut Vec<C>) {
                if list.name != self.name || list.name == "images" {
                    return;
                }
                let Some(edit) = self.edit.take() else { return };
                self.done = Some(apply(list, claims, edit));
            }
        }
        fn read<C: ListClaim>(value: Value) -> Result<C, ClaimEditError> {
            serde_path_to_error::deserialize(value).map_err(|error| {
                let path = error.path().to_string();
                ClaimEditError {
                    field: (path != ".").then_some(path),
                    message: plain(&error.into_inner().to_string()),
                }
            })
        }
        fn apply<C: ListClaim>(
            list: List,
            claims: &mut Vec<C>,
            edit: ClaimEdit,
        ) -> Result<(), ClaimEditError> {
            let missing = |index: usize, len: usize| {
                ClaimEditError::whole(kinora_i18n::t_with(
                    "error-no-such-claim",
                    &[
                        (
                            "list",
                            kinora_i18n::vocabulary(&format!("list-{}", list.name), list.name)
                                .into(),
                        ),
                        ("number", (index + 1).into()),
                        ("count", len.into()),
                    ],
                ))
            };
            let placed = match edit {
                ClaimEdit::Add(value) => {
                    claims.push(read(value)?);
                    claims.len() - 1
                }
                ClaimEdit::Change(index, value) => {
                    let claim = read(value)?;
                    let len = claims.len();
                    *claims.get_mut(index).ok_or_else(|| missing(index, len))? = claim;
                    index
                }
                ClaimEdit::Remove(index) => {
                    if index >= claims.len() {
                        return Err(missing(index, claims.len()));
                    }
                    claims.remove(index);
                    return Ok(());
                }
            };
            if list.one_preferred && claims[placed].preferred() {
                for (index, claim) in claims.iter_mut().enumerate() {
                    if index != placed {
                        claim.set_preferred(false);
                    }
                }
            }
            Ok(())
        }
        let mut changed = self.clone();
        let mut apply_edit = Apply {
            name,
            edit: Some(edit),
            done: None,
        };
        changed.each_list_mut(&mut apply_edit);
        match apply_edit.done {
            None => Err(ClaimEditError::whole(kinora_i18n::t_with(
                "error-no-such-part",
                &[
                    ("kind", self.kind().local_name().into()),
                    ("list", name.to_owned().into()),
                ],
            ))),
            Some(Err(error)) => Err(error),
            Some(Ok(())) => {
                *self = changed;
                Ok(())
            }
        }
    }
}

/// A serde message as a sentence for a form, in the reader's language: no
/// line and column (the form has none). serde words its own messages in
/// English and offers no catalog, so its few stable shapes ("missing field
/// `x`", "unknown variant `x`, expected …", "invalid type: …, expected …")
/// are recognised here and said through ours; any other message (our own
/// types' messages are already the catalog's) passes as it is.
fn plain(message: &str) -> String {
    let message = match message.find(" at line ") {
        Some(at) => &message[..at],
        None => message,
    };
    let field = |name: &str| kinora_i18n::vocabulary(&format!("form-field-{name}"), name);
    let quoted = |rest: &str| rest.split('`').next().unwrap_or_default().to_owned();
    if let Some(rest) = message.strip_prefix("missing field `") {
        return kinora_i18n::t_with(
            "error-serde-missing",
            &[("field", field(&quoted(rest)).into())],
        );
    }
    if let Some(rest) = message.strip_prefix("unknown field `") {
        return kinora_i18n::t_with(
            "error-serde-unknown-field",
            &[("field", quoted(rest).into())],
        );
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let expected = rest.split_once(", expected ").map_or("", |(_, e)| e);
        return kinora_i18n::t_with(
            "error-serde-unknown-value",
            &[
                ("value", quoted(rest).into()),
                ("expected", expected.to_owned().into()),
            ],
        );
    }
    for (prefix, key) in [
        ("invalid type: ", "error-serde-invalid-type"),
        ("invalid value: ", "error-serde-invalid-value"),
        ("invalid length ", "error-serde-invalid-length"),
    ] {
        if let Some((found, expected)) = message
            .strip_prefix(prefix)
            .and_then(|rest| rest.rsplit_once(", expected "))
        {
            return kinora_i18n::t_with(
                key,
                &[
                    ("found", found.to_owned().into()),
                    ("expected", expected_in_words(expected).into()),
                ],
            );
        }
    }
    message.to_owned()
}

/// What serde expected, in the reader's words where it is one of the
/// shapes a form's field takes.
fn expected_in_words(expected: &str) -> String {
    let key = match expected {
        "a string" => "serde-a-string",
        "a sequence" => "serde-a-list",
        "a boolean" => "serde-yes-or-no",
        "i64" | "u64" | "i32" | "u32" | "u16" | "u8" | "an integer" => "serde-a-whole-number",
        "f64" | "f32" => "serde-a-number",
        _ if expected.starts_with("struct ") || expected == "a map" => "serde-a-group",
        _ => return expected.to_owned(),
    };
    kinora_i18n::t(key)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::Entity;

    fn film() -> Entity {
        Entity::from_untagged_json(
            crate::EntityKind::Film,
            r#"{"id": "crossing-2008", "titles": [{"text": "Crossing", "kind": "original", "preferred": true}]}"#,
        )
        .unwrap()
    }

    #[test]
    fn a_claim_is_added_changed_and_removed() {
        let mut film = film();
        assert!(film.claim_lists().contains(&("releases", 0)));
        film.edit_claim(
            "releases",
            ClaimEdit::Add(json!({"kind": "theatrical", "country": "KR", "date": "2008-06-26",
                "sources": [{"source": "kofic-2008-05-06", "quote": "slated for local release on June 5"}]})),
        )
        .unwrap();
        let form = film.list_form("releases", &|_, _| None).unwrap();
        assert_eq!(form.claims.len(), 1);
        assert_eq!(form.claims[0]["date"], "2008-06-26");
        assert!(
            form.input
                .fields()
                .iter()
                .any(|field| field.name == "country")
        );

        film.edit_claim(
            "titles",
            ClaimEdit::Add(
                json!({"text": "크로싱", "kind": "original", "lang": "ko", "preferred": true}),
            ),
        )
        .unwrap();
        let titles = film.list_form("titles", &|_, _| None).unwrap().claims;
        assert_eq!(titles.len(), 2);
        assert!(
            titles[0].get("preferred").is_none(),
            "one preferred: {titles:?}"
        );
        assert_eq!(titles[1]["preferred"], true);

        film.edit_claim("titles", ClaimEdit::Remove(0)).unwrap();
        assert_eq!(
            film.list_form("titles", &|_, _| None).unwrap().claims[0]["text"],
            "크로싱"
        );
    }

    #[test]
    fn serdes_own_messages_are_said_in_the_readers_language() {
        let korean = kinora_i18n::Reader {
            lang: kinora_i18n::Lang::Ko,
            ..Default::default()
        };
        let mut film = film();
        let missing = || {
            film.clone()
                .edit_claim("releases", ClaimEdit::Add(json!({"country": "KR"})))
                .unwrap_err()
                .message
        };
        assert_eq!(missing(), "kind is missing");
        let said = korean.sync_scope(missing);
        assert!(said.ends_with("입력하세요"), "{said}");
        let unknown = korean.sync_scope(|| {
            film.edit_claim(
                "releases",
                ClaimEdit::Add(json!({"kind": "bootleg", "country": "KR"})),
            )
            .unwrap_err()
            .message
        });
        assert!(unknown.starts_with("`bootleg`"), "{unknown}");
        assert!(!unknown.contains("unknown variant"), "{unknown}");
    }

    #[test]
    fn a_bad_value_names_its_field_and_changes_nothing() {
        let mut film = film();
        let before = film.clone();
        let error = film
            .edit_claim(
                "releases",
                ClaimEdit::Add(
                    json!({"kind": "theatrical", "country": "Narnia", "date": "2008-06-26"}),
                ),
            )
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("country"), "{error}");
        let error = film
            .edit_claim(
                "releases",
                ClaimEdit::Add(json!({"kind": "theatrical", "date": "June"})),
            )
            .unwrap_err();
        assert_eq!(error.field.as_deref(), Some("date"), "{error}");
        let error = film.edit_claim("titles", ClaimEdit::Remove(5)).unwrap_err();
        assert!(error.message.contains("no fact #6"), "{error}");
        let error = film
            .edit_claim("nonsense", ClaimEdit::Remove(0))
            .unwrap_err();
        assert!(error.message.contains("no part `nonsense`"), "{error}");
        assert_eq!(film, before);
    }
}
