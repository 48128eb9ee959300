package io.ocellus.trainer.arithmetic;

import io.ocellus.commons.health.SelfTestReadinessCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** The trainer is not ready until libtorch's arithmetic has passed its self-test on this CPU. */
@Readiness
@Singleton
public class ArithmeticReadiness extends SelfTestReadinessCheck {

    public ArithmeticReadiness(ArithmeticGuard guard) {
        super(guard.status());
    }
}
