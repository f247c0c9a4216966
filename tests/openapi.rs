//! Compiling schema objects straight from OpenAPI 3.0 and 3.1 documents
//! (fixtures in tests/fixtures/openapi/, from public OpenAPI documents).

use fieldnote::schema::{Options, Registry, Schema, Selector};

fn fixture(name: &str) -> String {
    let path = format!(
        "{}/tests/fixtures/openapi/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn compile(doc: &str, sel: Selector<'_>) -> Schema {
    Schema::compile_openapi(doc, &sel, &Registry::new(), &Options::default())
        .unwrap_or_else(|e| panic!("{}", e.message))
}

/// `path keyword` of each failure.
fn summary(s: &Schema, instance: &str) -> Vec<String> {
    s.validate_json(instance)
        .unwrap()
        .iter()
        .map(|f| format!("{} {}", f.path, f.keyword))
        .collect()
}

#[test]
fn petstore_by_ref_and_by_operation_id() {
    let doc = fixture("petstore-expanded-3.0.json");
    // The request body of `addPet` is `NewPet`, through a `$ref`.
    let s = compile(&doc, Selector::OperationId("addPet"));
    assert!(summary(&s, r#"{"name":"Rex","tag":"dog"}"#).is_empty());
    assert_eq!(summary(&s, r#"{"tag":1}"#), ["name required", "tag type"]);
    // `Pet` is `allOf` NewPet and an id: `$ref`s into components resolve.
    let s = compile(&doc, Selector::Ref("#/components/schemas/Pet"));
    assert_eq!(summary(&s, r#"{"name":"Rex"}"#), ["id required"]);
    assert_eq!(summary(&s, r#"{"name":"Rex","id":"7"}"#), ["id type"]);
    // Failures name the place in the document.
    let f = s.validate_json(r#"{"name":"Rex","id":"7"}"#).unwrap();
    assert_eq!(
        f[0].schema_path,
        "#/components/schemas/Pet/allOf/1/properties/id/type"
    );
    // OpenAPI's formats (int32, int64) are not JSON Schema's: ignored.
    let s = compile(&doc, Selector::Ref("#/components/schemas/Error"));
    assert!(summary(&s, r#"{"code":1,"message":"x"}"#).is_empty());
    // A bare pointer works too.
    let s = compile(&doc, Selector::Ref("/components/schemas/NewPet"));
    assert_eq!(summary(&s, "{}"), ["name required"]);
}

#[test]
fn openapi_3_1_is_2020_12() {
    let doc = fixture("webhook-example-3.1.json");
    // Webhooks' operations are found too (by the Ref of their body).
    let s = compile(
        &doc,
        Selector::Ref("#/webhooks/newPet/post/requestBody/content/application~1json/schema"),
    );
    assert_eq!(summary(&s, r#"{"name":"Rex"}"#), ["id required"]);
    let s = compile(&doc, Selector::Ref("#/components/schemas/Pets"));
    assert_eq!(
        summary(&s, r#"[{"id":1,"name":"a"},{"id":2}]"#),
        ["1.name required"]
    );
    // 2020-12 keywords work in 3.1 (and `nullable` is not a keyword there:
    // 3.1 writes `"type": ["string", "null"]`).
    let doc31 = r##"{"openapi":"3.1.0","info":{"title":"t","version":"1"},
        "components":{"schemas":{"S":{"type":"object",
            "properties":{"n":{"type":["string","null"]},"c":{"const":1},"s":{"type":"string","nullable":true}},
            "dependentRequired":{"c":["n"]}}}}}"##;
    let s = compile(doc31, Selector::Ref("#/components/schemas/S"));
    assert!(summary(&s, r#"{"n":null,"c":1}"#).is_empty());
    assert_eq!(
        summary(&s, r#"{"c":2,"s":null}"#),
        ["n dependentRequired", "c const", "s type"]
    );
}

#[test]
fn openapi_3_0_nullable_read_only_and_draft_04_limits() {
    let doc = fixture("polymorphism-3.0.json");
    let s = compile(&doc, Selector::OperationId("createUser"));
    // `id` and `createdAt` (readOnly, the latter through a `$ref`) are
    // required by the schema but not in a request.
    assert!(summary(&s, r#"{"email":"a@example.com","nickname":null}"#).is_empty());
    assert_eq!(
        summary(&s, r#"{"email":"nope","nickname":"x","age":130}"#),
        ["email format", "age exclusiveMaximum"]
    );
    assert_eq!(
        summary(&s, r#"{"email":"a@example.com"}"#),
        ["nickname required"]
    );
    assert_eq!(
        summary(&s, r#"{"email":"a@example.com","nickname":7}"#),
        ["nickname type"]
    );
}

#[test]
fn discriminator_reports_the_branch_the_tag_names() {
    let doc = fixture("polymorphism-3.0.json");
    let s = compile(&doc, Selector::OperationId("addPet"));
    assert!(summary(
        &s,
        r#"{"petType":"Cat","name":"Tom","huntingSkill":"lazy"}"#
    )
    .is_empty());
    assert!(summary(&s, r#"{"petType":"dog","name":"Rex","packSize":3}"#).is_empty());
    // The Cat branch's failure, not "must match exactly one schema".
    assert_eq!(
        summary(
            &s,
            r#"{"petType":"Cat","name":"Tom","huntingSkill":"sleepy"}"#
        ),
        ["huntingSkill enum"]
    );
    // The mapping: "dog" names Dog.
    assert_eq!(
        summary(&s, r#"{"petType":"dog","name":"Rex","packSize":-1}"#),
        ["packSize minimum"]
    );
    assert_eq!(
        summary(&s, r#"{"petType":"Lizard","lovesRocks":"yes"}"#),
        ["name required", "lovesRocks type"]
    );
    // No tag, or an unknown one: the oneOf as JSON Schema says (a Fish
    // passes as a Lizard, whose only own property is optional).
    assert!(summary(&s, r#"{"petType":"Fish","name":"Nemo"}"#).is_empty());
    assert_eq!(summary(&s, r#"{"name":"Nemo"}"#), [" oneOf"]);
    // Outside an OpenAPI document, `discriminator` is not a keyword.
    let plain = Schema::compile(
        r##"{"oneOf":[{"required":["a"]},{"required":["b"]}],"discriminator":{"propertyName":"t"}}"##,
        &Registry::new(),
        &Options::default(),
    )
    .unwrap();
    assert_eq!(summary(&plain, r#"{"t":"x"}"#), [" oneOf"]);
}

#[test]
fn strict_mode_knows_openapi_keywords() {
    let doc = fixture("polymorphism-3.0.json");
    let strict = Options {
        strict: true,
        ..Options::default()
    };
    let reg = Registry::new();
    // The OAS keywords and formats are known; the rest of the document
    // (info, paths) is not read as a schema.
    for name in ["User", "Timestamp"] {
        let r = format!("#/components/schemas/{name}");
        Schema::compile_openapi(&doc, &Selector::Ref(&r), &reg, &strict)
            .unwrap_or_else(|e| panic!("{name}: {}", e.message));
    }
    let bad = r##"{"openapi":"3.0.3","info":{"title":"t","version":"1"},
        "components":{"schemas":{"S":{"type":"object","properties":{"a":{"$ref":"#/components/schemas/T"}}},
            "T":{"type":"string","nulable":true}}}}"##;
    let e = Schema::compile_openapi(bad, &Selector::Ref("#/components/schemas/S"), &reg, &strict)
        .unwrap_err();
    assert_eq!(
        e.message,
        "nulable at /components/schemas/T/nulable: unknown keyword (strict mode); did you mean \"nullable\"?"
    );
}

#[test]
fn documents_that_cannot_be_used() {
    let reg = Registry::new();
    let o = Options::default();
    let e =
        Schema::compile_openapi(r#"{"swagger":"2.0"}"#, &Selector::Ref("#"), &reg, &o).unwrap_err();
    assert!(e.message.contains("Swagger 2.0"), "{}", e.message);
    let doc = fixture("petstore-expanded-3.0.json");
    let e =
        Schema::compile_openapi(&doc, &Selector::OperationId("deletePet"), &reg, &o).unwrap_err();
    assert_eq!(
        e.message,
        "operationId at /paths/~1pets~1{id}/delete: the operation 'deletePet' has no request body schema"
    );
    let e = Schema::compile_openapi(&doc, &Selector::Ref("#/components/schemas/Nope"), &reg, &o)
        .unwrap_err();
    assert!(e.message.contains("no schema at"), "{}", e.message);
    let e = Schema::compile_openapi("{", &Selector::Ref("#"), &reg, &o).unwrap_err();
    assert!(e.message.contains("not JSON"), "{}", e.message);
}
