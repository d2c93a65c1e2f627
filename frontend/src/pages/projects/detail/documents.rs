//! Documents attached to the project. Uploads show their progress;
//! downloads go through `fetch` because they need the bearer token.

use crate::actions::confirm_then;
use crate::api;
use crate::components::form_field::{Alert, Status, SubmitButton};
use crate::components::panel::Panel;
use crate::components::row_action::{hidden_name, RowAction};
use crate::components::table::Table;
use crate::dom;
use crate::format;
use crate::hooks::{use_loaded, use_submit};
use crate::i18n::use_lang;
use crate::i18n::LangTexts;
use shared::ids::ProjectId;
use shared::projects::Document;
use shared::FieldError;
use web_sys::{FormData, HtmlInputElement};
use yew::platform::spawn_local;
use yew::prelude::*;

const FIELDS: [(&str, &str); 1] = [("file", "document-file")];

#[derive(Properties, PartialEq)]
pub struct DocumentsProps {
    pub project_id: ProjectId,
    pub can_edit: bool,
}

#[function_component]
pub fn Documents(props: &DocumentsProps) -> Html {
    let lang = use_lang().lang;
    let texts = lang.texts();
    let id = props.project_id;
    let documents = use_loaded(id, |id| async move { api::projects::documents(id).await });
    let submit = use_submit(&FIELDS);
    // How much of the file has been sent, when the browser knows its size.
    let percent_sent = use_state(|| None::<u8>);
    let file_input = use_node_ref();
    // The file arrived but the browser would not save it.
    let save_failed = use_state(|| false);

    let onsubmit = {
        let (percent_sent, documents, file_input) =
            (percent_sent.clone(), documents.clone(), file_input.clone());
        submit.on_submit(move |submit| {
            let input = file_input.cast::<HtmlInputElement>();
            let file = input
                .as_ref()
                .and_then(|input| input.files())
                .and_then(|files| files.get(0));
            let Some(file) = file else {
                return submit.invalid(vec![FieldError::new("file", "required", "choose a file")]);
            };
            let form = match FormData::new().and_then(|form| {
                form.append_with_blob_and_filename("file", &file, &file.name())
                    .map(|()| form)
            }) {
                Ok(form) => form,
                Err(_) => return submit.set_summary(Some(texts.unexpected_error.into())),
            };
            submit.clear();
            documents.set_status(None);
            percent_sent.set(None);
            let on_progress = {
                let percent_sent = percent_sent.clone();
                Callback::from(move |percent: Option<u8>| percent_sent.set(percent))
            };
            let documents = documents.clone();
            submit.run_or_else(
                async move { api::projects::upload_document(id, &form, on_progress).await },
                move |document| {
                    if let Some(input) = &input {
                        input.set_value("");
                    }
                    documents.refresh(Some((texts.document_uploaded)(&document.filename).into()));
                },
                |submit, error| {
                    submit.show(Some(submit.summary_of(&error)), error.field_errors);
                    dom::focus("#document-file");
                },
            );
        })
    };

    let download = |document: &Document| {
        let (documents, save_failed, document) =
            (documents.clone(), save_failed.clone(), document.clone());
        Callback::from(move |_: MouseEvent| {
            let (documents, save_failed, document) =
                (documents.clone(), save_failed.clone(), document.clone());
            save_failed.set(false);
            spawn_local(async move {
                match api::projects::download_document(id, document.id).await {
                    Ok(blob) => save_failed.set(dom::save_blob(&blob, &document.filename).is_err()),
                    Err(failure) => documents.fail(failure),
                }
            });
        })
    };
    let remove = |document: &Document| {
        let (documents, document) = (documents.clone(), document.clone());
        Callback::from(move |_: MouseEvent| {
            let (documents, filename) = (documents.clone(), document.filename.clone());
            confirm_then(
                &(texts.confirm_delete_document)(&document.filename),
                || api::projects::delete_document(id, document.id),
                move |outcome| match outcome {
                    Ok(()) => documents.refresh(Some((texts.document_deleted)(&filename).into())),
                    Err(failure) => documents.fail(failure),
                },
            );
        })
    };

    let error_message = documents
        .error_message(texts)
        .or_else(|| save_failed.then_some(AttrValue::from(texts.unexpected_error)));
    let file_error = submit.error_for("file");
    let invalid = file_error.is_some();
    let progress_text = match (submit.busy(), *percent_sent) {
        (false, _) => None,
        (true, Some(percent)) => Some((texts.upload_progress)(percent)),
        (true, None) => Some(texts.uploading.to_owned()),
    };

    html! {
        <Panel id="documents" heading_id="documents-heading" heading={texts.documents_heading}>
            <Status message={documents.status()} />
            <Alert id="documents-error" message={error_message} />
            { documents.view(texts, html! { <p class="notice">{ texts.no_documents }</p> }, |list| html! {
                <Table caption={texts.documents_heading} testid="documents" head={html! {
                    <>
                        <th scope="col">{ texts.column_file }</th>
                        <th scope="col" class="number">{ texts.column_size }</th>
                        <th scope="col">{ texts.column_uploaded_at }</th>
                        <th scope="col">{ texts.column_actions }</th>
                    </>
                }}>
                    { for list.iter().map(|document| {
                        let for_file = hidden_name(&document.filename);
                        html! {
                            <tr key={document.id.to_string()}>
                                <th scope="row">{ document.filename.clone() }</th>
                                <td class="number">{ format::file_size(document.size_bytes, lang) }</td>
                                <td>{ format::date(document.uploaded_at.date_naive(), lang) }</td>
                                <td>
                                    <button type="button" class="button button--secondary button--small"
                                            onclick={download(document)}>
                                        { texts.download }{ for_file.clone() }
                                    </button>
                                    if props.can_edit {
                                        { " " }
                                        <RowAction label={texts.delete} object={for_file} danger=true
                                                   onclick={remove(document)} />
                                    }
                                </td>
                            </tr>
                        }
                    }) }
                </Table>
            }) }
            if props.can_edit {
                <Panel heading_id="upload-heading" heading={texts.upload_document} sub=true alert_id="upload-error" alert={submit.summary()}>
                    <form class="form" novalidate=true data-testid="upload-document" {onsubmit}>
                        <div class={classes!("field", invalid.then_some("field--invalid"))}>
                            <label for="document-file">{ texts.file_to_upload }</label>
                            <p id="document-file-hint" class="field-hint">{ texts.upload_hint }</p>
                            if let Some(message) = &file_error {
                                <p id="document-file-error" class="field-error">{ message.clone() }</p>
                            }
                            <input
                                ref={file_input}
                                id="document-file"
                                name="file"
                                type="file"
                                aria-invalid={invalid.then_some("true")}
                                aria-describedby={if invalid { "document-file-hint document-file-error" } else { "document-file-hint" }}
                            />
                        </div>
                        if let Some(text) = &progress_text {
                            <div class="upload-progress">
                                <progress
                                    id="upload-progress"
                                    max="100"
                                    value={percent_sent.map(|percent| percent.to_string())}
                                    aria-label={texts.upload_progress_label}
                                />
                                <span role="status">{ text.clone() }</span>
                            </div>
                        }
                        <div class="form__actions">
                            <SubmitButton label={texts.upload} busy={submit.busy()} />
                        </div>
                    </form>
                </Panel>
            }
        </Panel>
    }
}
