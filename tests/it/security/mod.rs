//! Who may do what, and what user text can do to a page: every
//! state-changing route tried as anonymous, member, editor, moderator and
//! admin; script in every field a user writes comes out inert.

mod matrix;
mod roles;
mod xss;
