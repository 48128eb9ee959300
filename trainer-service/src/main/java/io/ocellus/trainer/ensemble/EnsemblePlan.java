package io.ocellus.trainer.ensemble;

import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.EnsembleSpec;
import io.ocellus.trainer.job.InvalidJobException;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.NetArchitecture;

import java.util.ArrayList;
import java.util.List;

/**
 * The members of an ensemble job: member {@code k} is a {@code architectures.get(k)} trained with seed
 * {@code seeds.get(k)}.
 */
public record EnsemblePlan(List<NetArchitecture> architectures, List<Long> seeds) {

    /** More members than this would train for a very long time for little gain. */
    public static final int MAX_MEMBERS = 10;

    public EnsemblePlan {
        architectures = List.copyOf(architectures);
        seeds = List.copyOf(seeds);
    }

    /**
     * The plan for {@code spec} in a request for {@code architecture} with {@code seed}: member k is
     * {@code architectures[k % n]} (the request's architecture when none are listed), trained with seed + k.
     */
    public static EnsemblePlan from(EnsembleSpec spec, Architecture architecture, long seed) {
        List<Architecture> listed = spec.architectures() == null || spec.architectures().isEmpty()
                ? List.of(architecture) : spec.architectures();
        int members = spec.members() != null ? spec.members()
                : spec.architectures() == null ? 0 : spec.architectures().size();
        if (members < 2 || members > MAX_MEMBERS) {
            throw new InvalidJobException("ensemble.members must be between 2 and " + MAX_MEMBERS
                    + (spec.members() == null ? " (it defaults to the number of ensemble.architectures)" : "")
                    + ", got " + members);
        }
        List<NetArchitecture> architectures = new ArrayList<>();
        List<Long> seeds = new ArrayList<>();
        for (int k = 0; k < members; k++) {
            architectures.add(Architectures.of(listed.get(k % listed.size())));
            seeds.add(seed + k);
        }
        return new EnsemblePlan(architectures, seeds);
    }

    public int size() {
        return architectures.size();
    }

    /** What the members are, for logs and metadata: {@code lenet (seed 42), lenet (seed 43)}. */
    public String describe() {
        List<String> members = new ArrayList<>();
        for (int k = 0; k < size(); k++) {
            members.add(architectures.get(k).name() + " (seed " + seeds.get(k) + ")");
        }
        return String.join(", ", members);
    }
}
