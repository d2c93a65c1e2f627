//! A data table in its scrolling box, named by its caption.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TableProps {
    pub caption: AttrValue,
    /// Given, the caption is shown and names the box, which keyboard users
    /// can then reach to scroll a wide table; otherwise the caption is for
    /// screen readers only (a heading already names the table on screen).
    #[prop_or_default]
    pub caption_id: Option<AttrValue>,
    #[prop_or_default]
    pub testid: Option<AttrValue>,
    #[prop_or_default]
    pub compact: bool,
    /// The header row's cells.
    pub head: Html,
    /// The body's rows.
    #[prop_or_default]
    pub children: Html,
}

#[function_component]
pub fn Table(props: &TableProps) -> Html {
    let classes = classes!("table", props.compact.then_some("table--compact"));
    let caption = match &props.caption_id {
        Some(id) => html! { <caption id={id.clone()}>{ props.caption.clone() }</caption> },
        None => html! { <caption class="visually-hidden">{ props.caption.clone() }</caption> },
    };
    let table = html! {
        <table class={classes} data-testid={props.testid.clone()}>
            { caption }
            <thead>
                <tr>{ props.head.clone() }</tr>
            </thead>
            <tbody>{ props.children.clone() }</tbody>
        </table>
    };
    match &props.caption_id {
        Some(id) => html! {
            <div class="table-wrap" role="region" aria-labelledby={id.clone()} tabindex="0">
                { table }
            </div>
        },
        None => html! { <div class="table-wrap">{ table }</div> },
    }
}

/// The header cells of plain columns, one per title.
pub fn column_heads(titles: &[&str]) -> Html {
    titles
        .iter()
        .map(|title| html! { <th scope="col">{ title.to_string() }</th> })
        .collect()
}

/// A page of a list as a table captioned with its count, or the notice
/// said when it holds nothing.
pub struct PageTable {
    /// What the list holds, e.g. "Projets".
    pub caption: &'static str,
    /// How many match, in words, e.g. "12 projets": the caption ends with it.
    pub count: String,
    pub caption_id: &'static str,
    pub testid: &'static str,
    /// The notice of an empty page, and its test id.
    pub empty: (&'static str, Option<&'static str>),
    pub head: Html,
}

impl PageTable {
    /// The table of `items`, one row each, or the empty page's notice.
    pub fn view<T>(self, items: &[T], row: impl Fn(&T) -> Html) -> Html {
        let (notice, notice_testid) = self.empty;
        if items.is_empty() {
            return html! { <p class="notice" data-testid={notice_testid}>{ notice }</p> };
        }
        html! {
            <Table
                caption={format!("{} — {}", self.caption, self.count)}
                caption_id={self.caption_id}
                testid={self.testid}
                head={self.head}
            >
                { for items.iter().map(row) }
            </Table>
        }
    }
}
