// Swagger UI over /openapi.json, served from the bundled swagger-ui-dist (no CDN).
window.ui = SwaggerUIBundle({
  url: "/openapi.json",
  dom_id: "#swagger",
  deepLinking: true,
  tryItOutEnabled: true,
  defaultModelsExpandDepth: 0,
  docExpansion: "list",
  filter: true,
});
