import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { buildOpenApiDocument } from "./openapi";
import { API_ROUTES } from "./manage/routes";

describe("the OpenAPI document", () => {
  const doc = buildOpenApiDocument("https://status.example.com/") as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, Record<string, { requestBody?: { content: { "application/json": { schema: { $ref?: string } } } }; "x-scope": string }>>;
    components: { schemas: Record<string, { additionalProperties?: boolean; required?: string[] }> };
  };

  it("is valid OpenAPI 3.1", async () => {
    const result = await new Validator().validate(doc as never);
    expect(result).toEqual({ valid: true });
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "https://status.example.com" }]);
  });

  it("describes every route the API serves, with its scope", () => {
    for (const route of API_ROUTES) {
      const op = doc.paths[`/api/manage/v1${route.path}`]?.[route.method.toLowerCase()];
      expect(op, `${route.method} ${route.path}`).toBeDefined();
      expect(op!["x-scope"]).toBe(route.scope);
    }
  });

  it("comes from the request schemas: strict objects with their required fields", () => {
    const create = doc.components.schemas.CreateIncidentRequest!;
    expect(create.additionalProperties).toBe(false);
    expect(create.required).toEqual(expect.arrayContaining(["name", "body"]));
    expect(doc.paths["/api/manage/v1/incidents"]!.post!.requestBody!.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/CreateIncidentRequest",
    );
    expect(doc.components.schemas.Error).toBeDefined();
  });
});
