package io.ocellus.stack;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.openshift.api.model.monitoring.v1.Prometheus;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Map;

/**
 * Reads a rendered Kubernetes object into its typed model: fabric8's for Kubernetes and the Prometheus Operator,
 * Strimzi's for Kafka, {@link KedaModel} for KEDA. A kind it does not know is refused, and so is any field the
 * model does not know: fabric8 and Strimzi keep such fields aside instead of failing, so every object is walked
 * for them after it is read.
 */
final class TypedKubernetesModel {

    private static final Map<String, Class<?>> TYPES = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
            Map.entry("rbac.authorization.k8s.io/v1/Role", Role.class),
            Map.entry("rbac.authorization.k8s.io/v1/RoleBinding", RoleBinding.class),
            Map.entry("monitoring.coreos.com/v1/ServiceMonitor", ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1/Prometheus", Prometheus.class),
            Map.entry("monitoring.coreos.com/v1/PrometheusRule", PrometheusRule.class),
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class),
            Map.entry(KedaModel.API_VERSION + "/ScaledObject", KedaModel.ScaledObject.class),
            Map.entry(KedaModel.API_VERSION + "/TriggerAuthentication", KedaModel.TriggerAuthentication.class));

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private TypedKubernetesModel() {
    }

    /** The typed object; fails with the object's kind and name when it is unknown or has unknown fields. */
    static Object read(JsonNode object) {
        String type = object.path("apiVersion").asText() + "/" + object.path("kind").asText();
        String where = type + " " + object.at("/metadata/name").asText();
        Class<?> model = TYPES.get(type);
        if (model == null) {
            throw new AssertionError(where + ": no typed model for this kind here");
        }
        Object typed;
        try {
            typed = MAPPER.treeToValue(object, model);
        } catch (Exception e) {
            throw new AssertionError(where + " does not parse: " + e.getMessage(), e);
        }
        refuseUnknownFields(typed, where);
        return typed;
    }

    private static void refuseUnknownFields(Object value, String path) {
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                refuseUnknownFields(item, path + "[" + index++ + "]");
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> refuseUnknownFields(item, path + "." + key));
        } else if (value != null && isModel(value.getClass())) {
            for (Class<?> type = value.getClass(); type != Object.class && type != Record.class;
                    type = type.getSuperclass()) {
                for (Field field : type.getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers())) {
                        continue;
                    }
                    Object fieldValue = fieldValue(field, value);
                    if (field.getName().equals("additionalProperties") && fieldValue instanceof Map<?, ?> extra
                            && !extra.isEmpty()) {
                        throw new AssertionError(path + " has fields its model does not know: " + extra.keySet());
                    }
                    refuseUnknownFields(fieldValue, path + "." + field.getName());
                }
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        String name = type.getName();
        return !type.isEnum() && (type.isRecord() || name.startsWith("io.fabric8.") || name.startsWith("io.strimzi."));
    }

    private static Object fieldValue(Field field, Object owner) {
        try {
            field.setAccessible(true);
            return field.get(owner);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
