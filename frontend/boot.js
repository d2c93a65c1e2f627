// Starts the web app. Kept out of index.html so the Content-Security-Policy
// can forbid inline scripts.
import init from '/innovaction.js';

init({ module_or_path: '/innovaction_bg.wasm' }).catch((error) => {
    console.error(error);
    const message = document.createElement('p');
    message.className = 'boot-error';
    message.setAttribute('role', 'alert');
    message.textContent =
        "Innov'Action n'a pas pu démarrer. Rechargez la page ; si le problème persiste, " +
        "contactez le service informatique. (Innov'Action could not start: reload the page.)";
    document.body.append(message);
});
