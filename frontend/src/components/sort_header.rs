//! Column headers that sort a list on the server (`?sort=field` or
//! `-field`), announcing the current order with `aria-sort`.

use crate::i18n::Texts;
use yew::prelude::*;

/// The sort after activating `field`'s header: ascending first, then the
/// other way round on each activation.
pub fn next_sort(current: &str, field: &str) -> String {
    if current == field {
        format!("-{field}")
    } else {
        field.to_owned()
    }
}

/// `aria-sort` of `field`'s header: only the sorted column carries it.
pub fn aria_sort(current: &str, field: &str) -> Option<&'static str> {
    if current == field {
        Some("ascending")
    } else if current.strip_prefix('-') == Some(field) {
        Some("descending")
    } else {
        None
    }
}

/// A sortable column's header, in the list sorted by `current`: the
/// header cells of a list page, built the same way for every column.
pub fn sort_header(
    texts: &Texts,
    current: &AttrValue,
    on_sort: &Callback<String>,
    label: &'static str,
    field: &'static str,
) -> Html {
    html! {
        <SortHeader
            {label}
            {field}
            current={current.clone()}
            on_sort={on_sort.clone()}
            sort_hint={(texts.sort_by)(label)}
        />
    }
}

#[derive(Properties, PartialEq)]
pub struct SortHeaderProps {
    pub label: AttrValue,
    /// The API's sort field for this column.
    pub field: &'static str,
    /// The list's current `sort` value.
    pub current: AttrValue,
    pub on_sort: Callback<String>,
    /// Names the action for screen readers, e.g. "trier par titre".
    pub sort_hint: AttrValue,
}

#[function_component]
pub fn SortHeader(props: &SortHeaderProps) -> Html {
    let sort = aria_sort(&props.current, props.field);
    let onclick = {
        let (on_sort, current, field) = (props.on_sort.clone(), props.current.clone(), props.field);
        Callback::from(move |_: MouseEvent| on_sort.emit(next_sort(&current, field)))
    };
    // Arrows for sighted users; aria-sort says the same to screen readers.
    let arrow = match sort {
        Some("ascending") => "▲",
        Some(_) => "▼",
        None => "↕",
    };
    html! {
        <th scope="col" aria-sort={sort}>
            <button
                type="button"
                class="sort-button"
                data-testid={format!("sort-{}", props.field)}
                {onclick}
            >
                { props.label.clone() }
                <span class="visually-hidden">{ ", " }{ props.sort_hint.clone() }</span>
                <span class="sort-button__arrow" aria-hidden="true">{ arrow }</span>
            </button>
        </th>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_toggle_the_direction() {
        assert_eq!(next_sort("title", "title"), "-title");
        assert_eq!(next_sort("-title", "title"), "title");
        assert_eq!(next_sort("-reference", "title"), "title");
    }

    #[test]
    fn only_the_sorted_column_has_aria_sort() {
        assert_eq!(aria_sort("title", "title"), Some("ascending"));
        assert_eq!(aria_sort("-title", "title"), Some("descending"));
        assert_eq!(aria_sort("-reference", "title"), None);
        assert_eq!(aria_sort("title_x", "title"), None);
    }
}
