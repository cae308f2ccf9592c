// Starts Swagger UI on /docs from the vendored bundle (an external file: the CSP forbids inline scripts).
"use strict";
window.addEventListener("DOMContentLoaded", function () {
  if (typeof window.SwaggerUIBundle !== "function") {
    return;
  }
  window.SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    validatorUrl: null,
    presets: [window.SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
