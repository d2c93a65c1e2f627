pub mod form_field;
pub mod header;
pub mod lang_switch;
pub mod layout;
pub mod nav;
pub mod page_title;
