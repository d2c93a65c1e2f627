// Swagger UI for the Innov'Action API, served by the backend itself: every
// asset is local, nothing is fetched from a CDN.
window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/api/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: false,
    // The default would send the document to the online validator at
    // swagger.io; the docs must work offline and keep the API description local.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
  });
};
