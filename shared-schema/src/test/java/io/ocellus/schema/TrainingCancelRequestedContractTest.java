package io.ocellus.schema;

import io.ocellus.schema.events.TrainingCancelRequested;

import java.util.stream.Stream;

class TrainingCancelRequestedContractTest extends EventContractTest<TrainingCancelRequested> {

    @Override
    protected Class<TrainingCancelRequested> type() {
        return TrainingCancelRequested.class;
    }

    @Override
    protected TrainingCancelRequested sample() {
        return SampleEvents.trainingCancelRequested();
    }

    @Override
    protected String optionalField() {
        return "reason";
    }

    @Override
    protected Stream<Invalid> invalidCases() {
        return Stream.of(
                invalid("missing job id", t -> t.remove("jobId"), "$.jobId", "required property 'jobId' is missing"),
                invalid("empty job id", t -> t.put("jobId", ""), "$.jobId", "must not be empty"),
                invalid("time not a date-time", t -> t.put("requestedAt", "yesterday"), "$.requestedAt",
                        "is not a valid date-time"));
    }
}
