//! The actor directory: search, filters, sort, and a form to add an actor.
//! Filters live in the URL, as for projects.

use super::form::ActorForm;
use crate::api;
use crate::api::actors::ActorFilters;
use crate::components::export::{ExportButtons, ExportList};
use crate::components::filters::{search_filter, tag_filter, FilterPanel};
use crate::components::form_field::{options_of, with_all, Alert, SelectField, Status, TextField};
use crate::components::nav::NavLink;
use crate::components::page_title::{ListHeading, PanelToggle};
use crate::components::pagination::Pagination;
use crate::components::panel::Panel;
use crate::components::sort_header::sort_header;
use crate::components::table::PageTable;
use crate::dom;
use crate::hooks::{use_fetch, use_filter_form};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use crate::routes::Route;
use crate::session::use_can_edit;
use shared::actors::{Actor, ActorKind};
use yew::prelude::*;
use yew_router::prelude::*;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct FilterDraft {
    q: String,
    kind: String,
    commune: String,
    tag: String,
}

impl FilterDraft {
    fn from_filters(filters: &ActorFilters) -> Self {
        FilterDraft {
            q: filters.q.clone(),
            kind: filters
                .kind
                .map(|k| k.as_str().to_owned())
                .unwrap_or_default(),
            commune: filters.commune.clone(),
            tag: filters.tag.clone(),
        }
    }

    fn to_filters(&self, sort: &str) -> ActorFilters {
        ActorFilters {
            q: self.q.trim().to_owned(),
            kind: self.kind.parse().ok(),
            commune: self.commune.trim().to_owned(),
            tag: self.tag.trim().to_owned(),
            sort: sort.to_owned(),
            page: None,
        }
    }
}

#[function_component]
pub fn ActorDirectory() -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let can_edit = use_can_edit();
    let navigator = use_navigator();
    let form = use_filter_form(
        Route::Actors,
        FilterDraft::from_filters,
        |draft, current: &ActorFilters| draft.to_filters(&current.sort),
    );
    let (on_sort, on_page) = (form.on_sort(), form.on_page());
    let (filters, draft) = (&form.filters, form.values());
    let fetched = use_fetch(filters.clone(), |filters| async move {
        api::actors::list(&filters).await
    });
    let creating = use_state(|| false);

    // Opening the form takes the user to its first field.
    use_effect_with(*creating, |creating| {
        if *creating {
            dom::focus("#actor-name");
        }
    });

    let toggle_form = {
        let creating = creating.clone();
        Callback::from(move |_: MouseEvent| creating.set(!*creating))
    };
    let close_form = {
        let creating = creating.clone();
        Callback::from(move |()| {
            creating.set(false);
            dom::focus("#new-actor");
        })
    };
    let on_created = {
        let navigator = navigator.clone();
        Callback::from(move |actor: Actor| {
            if let Some(navigator) = &navigator {
                navigator.push(&Route::Actor { id: actor.id });
            }
        })
    };

    let kind_options = with_all(
        texts,
        options_of(ActorKind::ALL, ActorKind::as_str, texts.actor_kind_name),
    );
    let sort = AttrValue::from(filters.sort().to_owned());
    let header = |label, field| sort_header(texts, &sort, &on_sort, label, field);
    let table =
        fetched.data.as_ref().map(|page| {
            let table = PageTable {
                caption: texts.actors_caption,
                count: (texts.actors_count)(page.total),
                caption_id: "actors-caption",
                testid: "actors-table",
                empty: (texts.no_actors, Some("no-actors")),
                head: html! {
                    <>
                        { header(texts.actor_name, "name") }
                        { header(texts.column_kind, "kind") }
                        { header(texts.commune_insee_label, "commune_insee") }
                        <th scope="col">{ texts.siret }</th>
                        <th scope="col">{ texts.tags_label }</th>
                        { header(texts.column_updated_at, "updated_at") }
                    </>
                },
            };
            table.view(&page.items, |actor| html! {
            <tr key={actor.id.to_string()} data-testid={format!("actor-row-{}", actor.id)}>
                <th scope="row">
                    <NavLink to={Route::Actor { id: actor.id }}>{ actor.name.clone() }</NavLink>
                </th>
                <td>{ (texts.actor_kind_name)(actor.kind) }</td>
                <td>{ actor.commune_insee.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                <td>{ actor.siret.clone().unwrap_or_else(|| "—".to_owned()) }</td>
                <td>{ actor.tags.join(", ") }</td>
                <td>{ crate::format::date(actor.updated_at.date_naive(), lang) }</td>
            </tr>
        })
        });
    let total_pages = fetched.page_count();
    let status = fetched.loading_message(texts);
    let error_message = fetched.error_message(texts);

    html! {
        <>
            <ListHeading title={texts.actors_title} {can_edit} import={Route::ImportActors} import_testid="import-actors">
                <PanelToggle id="new-actor" label={texts.new_actor} expanded={*creating} onclick={toggle_form} />
            </ListHeading>
            if *creating {
                <Panel id="new-actor-panel" heading_id="new-actor-heading" heading={texts.new_actor}>
                    <ActorForm initial={None::<Actor>} on_saved={on_created} on_cancel={Some(close_form)} />
                </Panel>
            }
            <FilterPanel id="actor" label={texts.filter_actors} actions={form.actions.clone()}>
                { search_filter(texts, "actor-q", texts.actor_search_hint_directory, &draft.q, form.field(|d, v| d.q = v)) }
                <SelectField
                    id="actor-kind-filter"
                    label={texts.column_kind}
                    options={kind_options}
                    value={draft.kind.clone()}
                    onchange={form.field(|d, v| d.kind = v)}
                />
                <TextField
                    id="actor-commune-filter"
                    label={texts.commune_insee_label}
                    inputmode="numeric"
                    value={draft.commune.clone()}
                    oninput={form.field(|d, v| d.commune = v)}
                />
                { tag_filter(texts, "actor-tag-filter", &draft.tag, form.field(|d, v| d.tag = v)) }
            </FilterPanel>
            <section class="panel" aria-labelledby="actors-list-heading">
                <h2 id="actors-list-heading" class="visually-hidden">{ texts.actors_caption }</h2>
                <Status message={status} />
                <Alert id="actors-error" message={error_message} />
                <ExportButtons list={ExportList::Actors(filters.clone())} />
                { for table }
                <Pagination
                    page={filters.page()}
                    {total_pages}
                    label={texts.actors_pagination}
                    {on_page}
                />
            </section>
        </>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_round_trips_filters() {
        let filters = ActorFilters {
            q: "fablab".into(),
            kind: Some(ActorKind::Association),
            commune: "26281".into(),
            tag: "numérique".into(),
            sort: "-name".into(),
            page: Some(3),
        };
        assert_eq!(
            FilterDraft::from_filters(&filters).to_filters("-name"),
            ActorFilters {
                page: None,
                ..filters
            }
        );
    }
}
