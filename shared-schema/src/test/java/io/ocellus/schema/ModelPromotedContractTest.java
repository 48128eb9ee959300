package io.ocellus.schema;

import io.ocellus.schema.events.ModelPromoted;

import java.util.stream.Stream;

class ModelPromotedContractTest extends EventContractTest<ModelPromoted> {

    @Override
    protected Class<ModelPromoted> type() {
        return ModelPromoted.class;
    }

    @Override
    protected ModelPromoted sample() {
        return SampleEvents.modelPromoted();
    }

    @Override
    protected String optionalField() {
        return "previousVersion";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing name", t -> t.remove("name"), "$.name", "required property 'name' is missing"),
                invalid("name with a slash", t -> t.put("name", "a/b"), "$.name", "does not match"),
                invalid("version zero", t -> t.put("version", 0), "$.version", "must be >= 1"),
                invalid("unknown cause", t -> t.put("cause", "whim"), "$.cause", "is not one of"),
                invalid("time not a date-time", t -> t.put("promotedAt", "now"), "$.promotedAt",
                        "is not a valid date-time"));
    }
}
