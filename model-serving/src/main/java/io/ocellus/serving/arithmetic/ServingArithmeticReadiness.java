package io.ocellus.serving.arithmetic;

import io.ocellus.commons.health.SelfTestReadinessCheck;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** A model server is not ready until ONNX Runtime's arithmetic has passed its self-test on this CPU. */
@Readiness
@Singleton
public class ServingArithmeticReadiness extends SelfTestReadinessCheck {

    public ServingArithmeticReadiness(ServingArithmetic arithmetic) {
        super(arithmetic.status());
    }
}
