use crate::i18n::use_lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PaginationProps {
    pub page: u32,
    pub total_pages: u32,
    /// Names the navigation landmark, e.g. "Pagination des projets".
    pub label: AttrValue,
    pub on_page: Callback<u32>,
}

/// Previous / next buttons around "Page 2 sur 5"; nothing for one page.
#[function_component]
pub fn Pagination(props: &PaginationProps) -> Html {
    let texts = use_lang().texts();
    if props.total_pages <= 1 {
        return html! {};
    }
    let go_to = |target: u32| {
        let on_page = props.on_page.clone();
        Callback::from(move |_: MouseEvent| on_page.emit(target))
    };
    let page = props.page;
    html! {
        <nav class="pagination" aria-label={props.label.clone()}>
            <button
                type="button"
                class="button button--secondary"
                disabled={page <= 1}
                onclick={go_to(page.saturating_sub(1).max(1))}
            >
                { texts.previous_page }
            </button>
            <span class="pagination__position">
                { (texts.page_of)(page, props.total_pages) }
            </span>
            <button
                type="button"
                class="button button--secondary"
                disabled={page >= props.total_pages}
                onclick={go_to(page.saturating_add(1).min(props.total_pages))}
            >
                { texts.next_page }
            </button>
        </nav>
    }
}

pub fn page_count(total: u64, per_page: u32) -> u32 {
    let per_page = u64::from(per_page.max(1));
    let pages = total.div_ceil(per_page).max(1);
    u32::try_from(pages).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::page_count;

    #[test]
    fn pages_round_up_and_never_drop_to_zero() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(20, 20), 1);
        assert_eq!(page_count(21, 20), 2);
        assert_eq!(page_count(5, 0), 5);
    }
}
