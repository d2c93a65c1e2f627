use crate::components::page_title::PageTitle;
use crate::i18n::use_lang;
use yew::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Evaluations,
}

#[derive(Properties, PartialEq)]
pub struct UnderConstructionProps {
    pub section: Section,
}

/// Stands in for the sections still being built, so the navigation is
/// complete from the start.
#[function_component]
pub fn UnderConstruction(props: &UnderConstructionProps) -> Html {
    let texts = use_lang().texts();
    let title = match props.section {
        Section::Evaluations => texts.evaluations_title,
    };
    html! {
        <>
            <PageTitle text={title} />
            <p>{ texts.section_in_progress }</p>
        </>
    }
}
