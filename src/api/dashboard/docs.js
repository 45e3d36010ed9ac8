// Swagger UI over /openapi.json, served from the bundled swagger-ui-dist (no CDN).
// @ts-expect-error SwaggerUIBundle is the global of the classic script swagger-ui-bundle.js, loaded first by docs.html.
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger",
  deepLinking: true,
  tryItOutEnabled: true,
  defaultModelsExpandDepth: 0,
  docExpansion: "list",
  filter: true,
});
