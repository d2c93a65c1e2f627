//! Innov'Action web app: a Yew single-page application served by the
//! backend and compiled to WebAssembly (see `scripts/build-frontend.sh`).

mod actions;
mod api;
mod app;
mod components;
mod dom;
mod format;
mod hooks;
mod i18n;
mod pages;
mod routes;
mod session;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
