package io.ocellus.inference.domain;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Named ensembles from {@code ocellus.inference.ensembles}, e.g. {@code digits=lenet-a,lenet-b;clothes=vgg-1,vgg-2}:
 * classifying with an ensemble averages its members' probabilities.
 */
@ApplicationScoped
public class Ensembles {

    private final Map<String, List<String>> members;

    public Ensembles(@ConfigProperty(name = "ocellus.inference.ensembles") Optional<String> spec) {
        this.members = parse(spec.orElse(""));
    }

    static Map<String, List<String>> parse(String spec) {
        Map<String, List<String>> parsed = new LinkedHashMap<>();
        for (String definition : spec.split(";")) {
            if (definition.isBlank()) {
                continue;
            }
            String[] parts = definition.split("=", 2);
            List<String> names = parts.length < 2 ? List.of() : Arrays.stream(parts[1].split(","))
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
            if (parts[0].isBlank() || names.size() < 2) {
                throw new IllegalArgumentException("ocellus.inference.ensembles: '" + definition.strip()
                        + "' must be name=model,model[,...] with at least two models");
            }
            parsed.put(parts[0].strip(), names);
        }
        return Map.copyOf(parsed);
    }

    public Optional<List<String>> members(String name) {
        return Optional.ofNullable(members.get(name));
    }

    public Map<String, List<String>> all() {
        return members;
    }
}
