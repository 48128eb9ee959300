package io.ocellus.stack;

import io.fabric8.kubernetes.api.model.ObjectMeta;

import java.util.List;
import java.util.Map;

/**
 * The fields of KEDA's keda.sh/v1alpha1 ScaledObject and TriggerAuthentication that k8s/ uses, typed: KEDA ships
 * no fabric8 model, and a field outside these (a typo among them) fails to parse.
 */
final class KedaModel {

    static final String API_VERSION = "keda.sh/v1alpha1";

    private KedaModel() {
    }

    record ScaledObject(String apiVersion, String kind, ObjectMeta metadata, ScaledObjectSpec spec) {
    }

    record ScaledObjectSpec(ScaleTargetRef scaleTargetRef, Integer minReplicaCount, Integer maxReplicaCount,
            Integer pollingInterval, Integer cooldownPeriod, List<Trigger> triggers) {
    }

    record ScaleTargetRef(String name, String kind, String apiVersion) {
    }

    record Trigger(String type, Map<String, String> metadata, AuthenticationRef authenticationRef) {
    }

    record AuthenticationRef(String name) {
    }

    record TriggerAuthentication(String apiVersion, String kind, ObjectMeta metadata,
            TriggerAuthenticationSpec spec) {
    }

    record TriggerAuthenticationSpec(List<SecretTargetRef> secretTargetRef) {
    }

    record SecretTargetRef(String parameter, String name, String key) {
    }
}
